package io.shiftlab.shift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ShiftMatrixTest {
  @Test
  void integerShiftIsAPermutationOrSelection() {
    // n = 3, d = +1: out[0] reads in[-1], out[1] in[0], out[2] in[1].
    assertArrayEquals(
        new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, ShiftMatrix.of(3, 1, ShiftMode.ZERO), 0f);
    assertArrayEquals(
        new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, ShiftMatrix.of(3, 1, ShiftMode.CIRCULAR), 0f);
    assertArrayEquals(
        new float[] {1, 0, 0, 1, 0, 0, 0, 1, 0}, ShiftMatrix.of(3, 1, ShiftMode.REPLICATE), 0f);
    assertArrayEquals(
        new float[] {0, 1, 0, 1, 0, 0, 0, 1, 0}, ShiftMatrix.of(3, 1, ShiftMode.REFLECT), 0f);
  }

  @Test
  void fractionalShiftSplitsTheWeight() {
    // n = 3, d = -0.25: s = i + 0.25, weights 0.75 on in[i], 0.25 on in[i + 1].
    assertArrayEquals(
        new float[] {0.75f, 0.25f, 0, 0, 0.75f, 0.25f, 0, 0, 0.75f},
        ShiftMatrix.of(3, -0.25, ShiftMode.ZERO),
        0f);
    // Replicate: in[3] -> in[2], so the last row sums to 1.
    assertArrayEquals(
        new float[] {0.75f, 0.25f, 0, 0, 0.75f, 0.25f, 0, 0, 1},
        ShiftMatrix.of(3, -0.25, ShiftMode.REPLICATE),
        0f);
  }

  @Test
  void stackWritesOneMatrixPerShiftOptionallyTransposed() {
    float[] a = ShiftMatrix.stack(2, new float[] {0, 1}, ShiftMode.ZERO, false);
    assertArrayEquals(new float[] {1, 0, 0, 1, /* d=1 */ 0, 0, 1, 0}, a, 0f);
    float[] t = ShiftMatrix.stack(2, new float[] {0, 1}, ShiftMode.ZERO, true);
    assertArrayEquals(new float[] {1, 0, 0, 1, /* d=1 */ 0, 1, 0, 0}, t, 0f);
  }

  @Test
  void hugeShiftsDoNotOverflow() {
    // 1e12 is a multiple of 4, so circular reads in place; zero reads nothing.
    assertArrayEquals(
        new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1},
        ShiftMatrix.of(4, 1e12, ShiftMode.CIRCULAR),
        0f);
    assertArrayEquals(new float[16], ShiftMatrix.of(4, -1e12, ShiftMode.ZERO), 0f);
  }
}
