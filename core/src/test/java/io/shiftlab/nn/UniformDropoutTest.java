package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.shiftlab.runtime.TorchRuntime;
import org.junit.jupiter.api.Test;

class UniformDropoutTest {
  private static NDArray forward(UniformDropout d, NDArray x, boolean training) {
    return d.forward(new ParameterStore(x.getManager(), false), new NDList(x), training).head();
  }

  @Test
  void keepsAboutOneMinusPAndScalesKeptUnits() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      UniformDropout d = new UniformDropout(0.25f);
      d.initialize(m, DataType.FLOAT32, new Shape(100_000));
      NDArray x = m.ones(new Shape(100_000));
      float[] y = forward(d, x, true).toFloatArray();
      int kept = 0;
      for (float v : y) {
        assertThat(v == 0f || Math.abs(v - 1f / 0.75f) < 1e-6f).as("value " + v).isTrue();
        if (v != 0f) {
          kept++;
        }
      }
      // binomial(1e5, .75): sd = 137; 5 sd either side
      assertThat(kept / 100_000.0).isCloseTo(0.75, within(0.007));
    }
  }

  @Test
  void isTheIdentityAtInference() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      UniformDropout d = new UniformDropout(0.5f);
      NDArray x = m.arange(10f);
      assertThat(forward(d, x, false).toFloatArray()).containsExactly(x.toFloatArray());
    }
  }

  @Test
  void gradientIsTheScaledMaskAndSeedsRepeat() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      UniformDropout d = new UniformDropout(0.5f);
      NDArray x = m.ones(new Shape(64));
      x.setRequiresGradient(true);
      TorchRuntime.seedTorch(7);
      NDArray y;
      try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
        y = forward(d, x, true);
        gc.backward(y.sum());
      }
      assertThat(x.getGradient().toFloatArray()).containsExactly(y.toFloatArray());
      TorchRuntime.seedTorch(7);
      NDArray again = forward(d, m.ones(new Shape(64)), true);
      assertThat(again.toFloatArray()).containsExactly(y.toFloatArray());
    }
  }

  @Test
  void rejectsImpossibleRates() {
    assertThatThrownBy(() -> new UniformDropout(1f)).hasMessageContaining("[0, 1)");
    assertThatThrownBy(() -> new UniformDropout(-0.1f)).hasMessageContaining("[0, 1)");
  }
}
