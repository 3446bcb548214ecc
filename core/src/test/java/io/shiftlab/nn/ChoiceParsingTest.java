package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.Choices;
import io.shiftlab.UserInputException;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layer choices parse through {@link Choices#parse}: names ignoring case and surrounding
 * blanks, and an unknown name is one user error that names the option and lists the valid choices.
 */
class ChoiceParsingTest {
  static Stream<Arguments> choices() {
    return Stream.of(
        choice(
            (o, n) -> Choices.parse(AddCoords.Radius.class, o, "radius option", n),
            "--radius",
            "With",
            AddCoords.Radius.WITH,
            "yes",
            "unknown radius option 'yes'; choose without or with"),
        choice(
            (o, n) -> Choices.parse(Aps.Norm.class, o, "APS norm", n),
            "--norm",
            " linf ",
            Aps.Norm.LINF,
            "l3",
            "unknown APS norm 'l3'; choose l2, l1 or linf"),
        choice(
            (o, n) -> Choices.parse(GlobalPool.Kind.class, o, "global pool", n),
            "--head",
            "avg",
            GlobalPool.Kind.AVG,
            "sum",
            "unknown global pool 'sum'; choose avg, max or sorted_avg"),
        choice(
            (o, n) -> Choices.parse(ChannelPermutation.Phase.class, o, "permutation phase", n),
            "--phase",
            "always",
            ChannelPermutation.Phase.ALWAYS,
            "never",
            "unknown permutation phase 'never'; choose training or always"),
        choice(
            (o, n) -> Choices.parse(Downsample.class, o, "downsampling", n),
            "--down",
            "Aps_Blur",
            Downsample.APS_BLUR,
            "pool",
            "unknown downsampling 'pool'; choose max, avg, strided, blur, blur_max, aps,"
                + " aps_blur, aps_max or dilated"));
  }

  private static Arguments choice(
      BiFunction<String, String, ?> parse,
      String option,
      String name,
      Object expected,
      String unknown,
      String reason) {
    return Arguments.of(option, parse, name, expected, unknown, reason);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("choices")
  void parsesANameAndRejectsAnUnknownOne(
      String option,
      BiFunction<String, String, ?> parse,
      String name,
      Object expected,
      String unknown,
      String reason) {
    assertThat(parse.apply(option, name)).isEqualTo(expected);
    assertThatThrownBy(() -> parse.apply(option, unknown))
        .isInstanceOf(UserInputException.class)
        .hasMessage(option + ": " + reason);
  }
}
