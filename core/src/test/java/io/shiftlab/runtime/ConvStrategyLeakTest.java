package io.shiftlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every convolution strategy leaves nothing behind on the parameters' manager: a forward and
 * backward pass on a batch manager, then closing it, brings the native array count back to where it
 * was (DJL attaches an operator's result to its first operand's manager, which for a weight is the
 * model's, so a careless fallback would grow by a few arrays every training step).
 */
class ConvStrategyLeakTest {
  @ParameterizedTest
  @EnumSource(ConvStrategy.class)
  void aTrainingStepLeavesNoArrayBehind(ConvStrategy strategy) {
    Conv2dKernel conv = strategy.over(Conv2dKernel.NATIVE);
    try (NDManager model = NDManager.newBaseManager(ai.djl.Device.cpu(), TorchRuntime.ENGINE)) {
      NDArray w = model.randomUniform(-1, 1, new Shape(20, 3, 3, 3));
      NDArray b = model.randomUniform(-1, 1, new Shape(20));
      NDArray dw = model.randomUniform(-1, 1, new Shape(8, 1, 3, 3));
      w.setRequiresGradient(true);
      b.setRequiresGradient(true);
      step(conv, model, w, b, dw); // warm-up: gradients allocated once
      NativeResources.Counts before = NativeResources.count();
      for (int i = 0; i < 3; i++) {
        step(conv, model, w, b, dw);
      }
      assertThat(NativeResources.count().arrays()).as(strategy.id()).isEqualTo(before.arrays());
    }
  }

  private static void step(Conv2dKernel conv, NDManager model, NDArray w, NDArray b, NDArray dw) {
    try (NDManager batch = model.newSubManager();
        GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
      NDArray x = batch.randomUniform(0, 1, new Shape(4, 3, 9, 9));
      NDArray y = conv.conv2d(x, w, b, ConvGeometry.of(1, 1, 1));
      NDArray z = conv.conv2d(y.get(":, 0:8"), dw, null, new ConvGeometry(2, 1, 1, 8));
      gc.backward(z.sum());
    }
  }

  @Test
  void theFallbacksAgreeWithLibtorchOnAnOddShape() {
    try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), TorchRuntime.ENGINE)) {
      NDArray x = m.randomUniform(-1, 1, new Shape(3, 6, 11, 7));
      NDArray w = m.randomUniform(-1, 1, new Shape(10, 3, 3, 3));
      NDArray b = m.randomUniform(-1, 1, new Shape(10));
      ConvGeometry g = new ConvGeometry(2, 2, 2, 2);
      float[] want = Conv2dKernel.NATIVE.conv2d(x, w, b, g).toFloatArray();
      for (ConvStrategy s : ConvStrategy.values()) {
        NDArray y = s.over(Conv2dKernel.NATIVE).conv2d(x, w, b, g);
        assertThat(y.getShape()).isEqualTo(new Shape(3, 10, 6, 4));
        float[] got = y.toFloatArray();
        for (int i = 0; i < want.length; i++) {
          assertThat((double) got[i])
              .as("%s at %d", s.id(), i)
              .isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-4));
        }
      }
    }
  }
}
