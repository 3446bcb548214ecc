package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.shiftlab.runtime.TorchRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Pad2dTest {
  /** 1 2 3 / 4 5 6 / 7 8 9 as a 1x1x3x3 batch. */
  private static NDArray grid(NDManager m) {
    return m.arange(1f, 10f).reshape(1, 1, 3, 3);
  }

  /**
   * Each case pads 1 2 3 / 4 5 6 / 7 8 9 by {@code p} on every side; {@code expected} is the padded
   * grid, one word of digits a row.
   */
  @ParameterizedTest(name = "{0} by {1}")
  @CsvSource({
    "ZERO,      1, 00000 01230 04560 07890 00000",
    // reflect mirrors without repeating the edge
    "REFLECT,   1, 54565 21232 54565 87898 54565",
    "REFLECT,   2, 9878987 6545654 3212321 6545654 9878987 6545654 3212321",
    // replicate clamps to the edge
    "REPLICATE, 1, 11233 11233 44566 77899 77899",
    "REPLICATE, 2, 1112333 1112333 1112333 4445666 7778999 7778999 7778999",
    // circular wraps around
    "CIRCULAR,  1, 97897 31231 64564 97897 31231",
    "CIRCULAR,  2, 5645645 8978978 2312312 5645645 8978978 2312312 5645645",
  })
  void padsTheGridByEveryMode(PaddingMode mode, int p, String expected) {
    float[] want = new float[(3 + 2 * p) * (3 + 2 * p)];
    String digits = expected.replace(" ", "");
    assertThat(digits).hasSize(want.length);
    for (int i = 0; i < want.length; i++) {
      want[i] = digits.charAt(i) - '0';
    }
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      Pad2d pad = Pad2d.of(mode, p);
      NDArray y = pad.pad(grid(m));
      assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 3 + 2 * p, 3 + 2 * p));
      assertThat(pad.getOutputShapes(new Shape[] {new Shape(1, 1, 3, 3)})[0])
          .isEqualTo(y.getShape());
      assertThat(y.toFloatArray()).containsExactly(want);
    }
  }

  @Test
  void asymmetricPaddingAddsRowsAndColumnsWhereAsked() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      NDArray y = new Pad2d(PaddingMode.REPLICATE, 0, 1, 2, 0).pad(grid(m));
      assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 4, 5));
      assertThat(y.toFloatArray())
          .containsExactly(
              1, 1, 1, 2, 3, //
              4, 4, 4, 5, 6, 7, 7, 7, 8, 9, 7, 7, 7, 8, 9);
    }
  }

  @Test
  void outputShapesLeaveTheInputShapeAlone() {
    Shape in = new Shape(2, 3, 4, 5);
    Shape out = new Pad2d(PaddingMode.ZERO, 1, 2, 3, 4).getOutputShapes(new Shape[] {in})[0];
    assertThat(out).isEqualTo(new Shape(2, 3, 7, 12));
    assertThat(in).isEqualTo(new Shape(2, 3, 4, 5));
  }

  @Test
  void rejectsPaddingLongerThanTheAxis() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      NDArray x = grid(m);
      assertThatThrownBy(() -> Pad2d.of(PaddingMode.REFLECT, 3).pad(x))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("reflect padding of 3")
          .hasMessageContaining("got length 3 (height)");
      assertThatThrownBy(() -> Pad2d.of(PaddingMode.CIRCULAR, 4).pad(x))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("circular padding of 4");
      assertThatThrownBy(() -> Pad2d.of(PaddingMode.FULL, 1))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Pad2d.of(PaddingMode.ZERO, -1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
