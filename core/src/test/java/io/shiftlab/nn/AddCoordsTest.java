package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.shiftlab.runtime.TorchRuntime;
import org.junit.jupiter.api.Test;

class AddCoordsTest {
  @Test
  void appendsXxThenYyOnANonSquareMap() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      // H 2, W 3: xx = 2j/2 - 1 = -1 0 1 on every row; yy = 2i/1 - 1 = -1 on row 0, 1 on row 1
      NDArray x = m.arange(1f, 7f).reshape(1, 1, 2, 3);
      NDArray y = GradCheck.forwardAsDeclared(new AddCoords(AddCoords.Radius.WITHOUT), x);
      assertThat(y.getShape()).isEqualTo(new Shape(1, 3, 2, 3));
      assertThat(y.toFloatArray())
          .containsExactly(
              1, 2, 3, 4, 5, 6, // input
              -1, 0, 1, -1, 0, 1, // xx
              -1, -1, -1, 1, 1, 1); // yy
    }
  }

  @Test
  void theRadiusChannelComesLast() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      NDArray x = m.zeros(new Shape(2, 1, 2, 3));
      NDArray y = GradCheck.forward(new AddCoords(AddCoords.Radius.WITH), x, false);
      assertThat(y.getShape()).isEqualTo(new Shape(2, 4, 2, 3));
      float r2 = (float) Math.sqrt(2);
      // r = sqrt(xx^2 + yy^2): corners sqrt(2), middle column |yy| = 1; second sample the same
      float[] r = y.get("1, 3").toFloatArray();
      float[] want = {r2, 1, r2, r2, 1, r2};
      for (int i = 0; i < want.length; i++) {
        assertThat(r[i]).isCloseTo(want[i], within(1e-6f));
      }
    }
  }

  @Test
  void anAxisOfLengthOneHasCoordinateZero() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      NDArray y =
          GradCheck.forward(
              new AddCoords(AddCoords.Radius.WITHOUT), m.zeros(new Shape(1, 1, 1, 3)), false);
      assertThat(y.toFloatArray()).containsExactly(0, 0, 0, -1, 0, 1, 0, 0, 0);
    }
  }

  @Test
  void gradientIsTheIdentityOnTheInputChannels() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      double[] g =
          GradCheck.check(
              new AddCoords(AddCoords.Radius.WITH),
              GradCheck.random(m, 1, new Shape(1, 2, 2, 3)),
              true);
      assertThat(g).hasSize(12);
    }
  }
}
