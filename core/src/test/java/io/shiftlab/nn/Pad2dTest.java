package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.shiftlab.runtime.TorchRuntime;
import org.junit.jupiter.api.Test;

class Pad2dTest {
  /** 1 2 3 / 4 5 6 / 7 8 9 as a 1x1x3x3 batch. */
  private static NDArray grid(NDManager m) {
    return m.arange(1f, 10f).reshape(1, 1, 3, 3);
  }

  private static void check(PaddingMode mode, int p, float[] expected) {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      Pad2d pad = Pad2d.of(mode, p);
      NDArray y = pad.pad(grid(m));
      assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 3 + 2 * p, 3 + 2 * p));
      assertThat(pad.getOutputShapes(new Shape[] {new Shape(1, 1, 3, 3)})[0])
          .isEqualTo(y.getShape());
      assertThat(y.toFloatArray()).containsExactly(expected);
    }
  }

  @Test
  void zeroPadsWithZeros() {
    check(
        PaddingMode.ZERO,
        1,
        new float[] {
          0, 0, 0, 0, 0, //
          0, 1, 2, 3, 0,
          0, 4, 5, 6, 0,
          0, 7, 8, 9, 0,
          0, 0, 0, 0, 0
        });
  }

  @Test
  void reflectMirrorsWithoutRepeatingTheEdge() {
    check(
        PaddingMode.REFLECT,
        1,
        new float[] {
          5, 4, 5, 6, 5, //
          2, 1, 2, 3, 2,
          5, 4, 5, 6, 5,
          8, 7, 8, 9, 8,
          5, 4, 5, 6, 5
        });
    check(
        PaddingMode.REFLECT,
        2,
        new float[] {
          9, 8, 7, 8, 9, 8, 7, //
          6, 5, 4, 5, 6, 5, 4,
          3, 2, 1, 2, 3, 2, 1,
          6, 5, 4, 5, 6, 5, 4,
          9, 8, 7, 8, 9, 8, 7,
          6, 5, 4, 5, 6, 5, 4,
          3, 2, 1, 2, 3, 2, 1
        });
  }

  @Test
  void replicateClampsToTheEdge() {
    check(
        PaddingMode.REPLICATE,
        1,
        new float[] {
          1, 1, 2, 3, 3, //
          1, 1, 2, 3, 3,
          4, 4, 5, 6, 6,
          7, 7, 8, 9, 9,
          7, 7, 8, 9, 9
        });
    check(
        PaddingMode.REPLICATE,
        2,
        new float[] {
          1, 1, 1, 2, 3, 3, 3, //
          1, 1, 1, 2, 3, 3, 3,
          1, 1, 1, 2, 3, 3, 3,
          4, 4, 4, 5, 6, 6, 6,
          7, 7, 7, 8, 9, 9, 9,
          7, 7, 7, 8, 9, 9, 9,
          7, 7, 7, 8, 9, 9, 9
        });
  }

  @Test
  void circularWrapsAround() {
    check(
        PaddingMode.CIRCULAR,
        1,
        new float[] {
          9, 7, 8, 9, 7, //
          3, 1, 2, 3, 1,
          6, 4, 5, 6, 4,
          9, 7, 8, 9, 7,
          3, 1, 2, 3, 1
        });
    check(
        PaddingMode.CIRCULAR,
        2,
        new float[] {
          5, 6, 4, 5, 6, 4, 5, //
          8, 9, 7, 8, 9, 7, 8,
          2, 3, 1, 2, 3, 1, 2,
          5, 6, 4, 5, 6, 4, 5,
          8, 9, 7, 8, 9, 7, 8,
          2, 3, 1, 2, 3, 1, 2,
          5, 6, 4, 5, 6, 4, 5
        });
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
