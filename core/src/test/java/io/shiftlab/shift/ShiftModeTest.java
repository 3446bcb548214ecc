package io.shiftlab.shift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.UserInputException;
import org.junit.jupiter.api.Test;

class ShiftModeTest {
  private static int[] map(ShiftMode mode, int n, int... js) {
    int[] out = new int[js.length];
    for (int i = 0; i < js.length; i++) {
      out[i] = mode.source(js[i], n);
    }
    return out;
  }

  @Test
  void mapsSourceIndicesOnALengthFourAxis() {
    int[] js = {-5, -4, -1, 0, 3, 4, 5, 7, 9};
    int o = ShiftMode.OUTSIDE;
    assertThat(map(ShiftMode.ZERO, 4, js)).containsExactly(o, o, o, 0, 3, o, o, o, o);
    assertThat(map(ShiftMode.CIRCULAR, 4, js)).containsExactly(3, 0, 3, 0, 3, 0, 1, 3, 1);
    assertThat(map(ShiftMode.REPLICATE, 4, js)).containsExactly(0, 0, 0, 0, 3, 3, 3, 3, 3);
    // Reflect without repeating the edge: ... 2 1 | 0 1 2 3 | 2 1 0 1 2 3 ...
    assertThat(map(ShiftMode.REFLECT, 4, js)).containsExactly(1, 2, 1, 0, 3, 2, 1, 1, 3);
  }

  @Test
  void reflectOnALengthOneAxisReadsTheOnlyPixel() {
    assertThat(map(ShiftMode.REFLECT, 1, -3, -1, 0, 1, 2)).containsExactly(0, 0, 0, 0, 0);
  }

  @Test
  void parsesNamesAndAliases() {
    assertThat(ShiftMode.parse("--mode", "zero")).isEqualTo(ShiftMode.ZERO);
    assertThat(ShiftMode.parse("--mode", "circular")).isEqualTo(ShiftMode.CIRCULAR);
    assertThat(ShiftMode.parse("--mode", "replicate")).isEqualTo(ShiftMode.REPLICATE);
    assertThat(ShiftMode.parse("--mode", "reflect")).isEqualTo(ShiftMode.REFLECT);
    assertThat(ShiftMode.parse("--mode", "nearest")).isEqualTo(ShiftMode.REPLICATE);
    assertThat(ShiftMode.parse("--mode", "wrap")).isEqualTo(ShiftMode.CIRCULAR);
    assertThat(ShiftMode.parse("--mode", "Zero")).isEqualTo(ShiftMode.ZERO);
    for (ShiftMode m : ShiftMode.values()) {
      assertThat(ShiftMode.parse("--mode", m.toString())).isEqualTo(m);
    }
  }

  @Test
  void unknownNameListsTheChoices() {
    assertThatThrownBy(() -> ShiftMode.parse("--shift-mode", "mirror"))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            "--shift-mode: unknown shift mode 'mirror'; choose zero, circular, replicate or reflect");
  }
}
