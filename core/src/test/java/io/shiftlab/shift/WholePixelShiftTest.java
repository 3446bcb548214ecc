package io.shiftlab.shift;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.shiftlab.runtime.TorchRuntime;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchShifter#applyAll} takes a crop-and-pad path for whole-pixel shifts with zero fill; it
 * must give the very numbers of the matrix path ({@link BatchShifter#apply} with the offset
 * repeated per image), bit for bit, for every offset of a sweep and beyond the image.
 */
class WholePixelShiftTest {
  @Test
  void cropAndPadEqualsTheMatrixProductsBitForBit() {
    BatchShifter zero = new BatchShifter(ShiftMode.ZERO);
    try (NDManager m = TorchRuntime.engine().newBaseManager()) {
      NDArray x = m.randomUniform(0, 1, new Shape(5, 2, 9, 7), DataType.FLOAT32);
      for (int dy = -9; dy <= 9; dy++) {
        for (int dx = -8; dx <= 8; dx++) {
          float[] fast = zero.applyAll(x, dx, dy).toFloatArray();
          float[] slow = zero.apply(x, filled(5, dx), filled(5, dy)).toFloatArray();
          assertThat(fast).as("offset (%d, %d)", dx, dy).containsExactly(slow);
        }
      }
    }
  }

  @Test
  void aWholePixelShiftMovesContentRightAndDown() {
    BatchShifter zero = new BatchShifter(ShiftMode.ZERO);
    try (NDManager m = TorchRuntime.engine().newBaseManager()) {
      // one 1x1x3x3 image with 1..9 in reading order
      NDArray x = m.arange(1f, 10f).reshape(1, 1, 3, 3);
      assertThat(zero.applyAll(x, 1, 0).toFloatArray()).containsExactly(0, 1, 2, 0, 4, 5, 0, 7, 8);
      assertThat(zero.applyAll(x, 0, -1).toFloatArray()).containsExactly(4, 5, 6, 7, 8, 9, 0, 0, 0);
      assertThat(zero.applyAll(x, 0, 0).toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    }
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    Arrays.fill(a, v);
    return a;
  }
}
