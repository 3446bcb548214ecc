package io.shiftlab.shift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShiftSpecTest {
  private static final String GRAMMAR = ": expected MODE:AxB[:DIST], e.g. zero:4x3 — ";

  @Test
  void parsesTheFullAndShortForms() {
    assertThat(ShiftSpec.parse("--shift", "zero:4x3")).isEqualTo(ShiftSpec.SHIFT);
    assertThat(ShiftSpec.parse("--shift", "zero:1")).isEqualTo(ShiftSpec.SHIFT_MIN);
    assertThat(ShiftSpec.parse("--shift", "reflect:2.5x.5:real"))
        .isEqualTo(new ShiftSpec(ShiftMode.REFLECT, 2.5, 0.5, ShiftDistribution.REAL));
    assertThat(ShiftSpec.parse("--shift", "nearest:3x0:int"))
        .isEqualTo(new ShiftSpec(ShiftMode.REPLICATE, 3, 0, ShiftDistribution.INT));
  }

  @Test
  void presetsAndRoundTrip() {
    assertThat(ShiftSpec.SHIFT_MIN).hasToString("zero:1x1:article");
    assertThat(ShiftSpec.SHIFT).hasToString("zero:4x3:article");
    assertThat(ShiftSpec.kerasAugmentation(28, 28)).hasToString("replicate:2.8x2.8:real");
    for (ShiftSpec s :
        new ShiftSpec[] {
          ShiftSpec.SHIFT_MIN,
          ShiftSpec.SHIFT,
          ShiftSpec.kerasAugmentation(28, 28),
          ShiftSpec.kerasAugmentation(32, 17),
          new ShiftSpec(ShiftMode.CIRCULAR, 0.125, 1e-3, ShiftDistribution.REAL),
          new ShiftSpec(ShiftMode.REFLECT, 7, 0, ShiftDistribution.INT)
        }) {
      assertThat(ShiftSpec.parse("--shift", s.toString())).isEqualTo(s);
    }
  }

  @Test
  void producesTheMatchingSamplerAndShifter() {
    assertThat(ShiftSpec.SHIFT.sampler()).isEqualTo(new SignedMagnitudeSampler(4, 3));
    assertThat(ShiftSpec.parse("-s", "zero:4x3:real").sampler())
        .isEqualTo(new UniformBoxSampler(4, 3));
    assertThat(ShiftSpec.parse("-s", "zero:4x3:int").sampler())
        .isEqualTo(new IntegerBoxSampler(4, 3));
    assertThat(ShiftSpec.kerasAugmentation(28, 28).shifter().mode()).isEqualTo(ShiftMode.REPLICATE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "zero|found 1 part(s) separated by ':', not 2 or 3",
        "zero:4x3:int:x|found 4 part(s) separated by ':', not 2 or 3",
        "foo:4x3|unknown shift mode 'foo'; choose zero, circular, replicate or reflect",
        "zero:4y3|'4y3' is not a non-negative number",
        "zero:-1x3|'-1' is not a non-negative number",
        "zero:4x|'' is not a non-negative number",
        "zero:NaN|'NaN' is not a non-negative number",
        "zero:1e3|'1e3' is not a non-negative number",
        "zero:4x3x2|'4x3x2' is not A or AxB",
        "zero:4x3:gauss|unknown distribution 'gauss'; choose article, real or int",
        "zero:1.5x1:int|int needs whole-pixel bounds, got 1.5",
      })
  void rejectsBadValuesWithTheExactMessage(String value, String what) {
    assertThatThrownBy(() -> ShiftSpec.parse("--shift", value))
        .isInstanceOf(UserInputException.class)
        .hasMessage("--shift: " + value + GRAMMAR + what);
  }

  @Test
  void rejectsAnEmptyValue() {
    assertThatThrownBy(() -> ShiftSpec.parse("--shift", ""))
        .isInstanceOf(UserInputException.class)
        .hasMessage("--shift: ''" + GRAMMAR + "the value is empty");
  }

  @Test
  void constructorRejectsNegativeBounds() {
    assertThatThrownBy(() -> new ShiftSpec(ShiftMode.ZERO, -1, 0, ShiftDistribution.REAL))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
