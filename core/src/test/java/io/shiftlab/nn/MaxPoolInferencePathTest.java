package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.shiftlab.runtime.TorchRuntime;
import org.junit.jupiter.api.Test;

/**
 * In inference, {@link MaxPool2d} with k = s = 2 takes the maximum of four strided slices instead
 * of libtorch's {@code max_pool2d}: the outputs must be bit-identical (even and odd sizes, ties),
 * and training must keep {@code max_pool2d}'s gradient, which gives a tie to the first maximum.
 */
class MaxPoolInferencePathTest {
  @Test
  void inferenceOutputIsBitIdenticalToMaxPool2d() {
    MaxPool2d pool = MaxPool2d.of(2);
    try (NDManager m = TorchRuntime.engine().newBaseManager()) {
      for (Shape s : new Shape[] {new Shape(3, 4, 24, 24), new Shape(2, 3, 9, 7)}) {
        // rounded to a coarse grid and clipped at 0, so that windows hold ties
        NDArray x = m.randomNormal(0, 1, s, DataType.FLOAT32).mul(4).round().div(4).maximum(0);
        float[] fast =
            pool.forward(new ParameterStore(m, false), new NDList(x), false).head().toFloatArray();
        float[] reference =
            Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false)
                .toFloatArray();
        assertThat(fast).containsExactly(reference);
      }
    }
  }

  @Test
  void trainingGivesATiedWindowsGradientToItsFirstMaximum() {
    MaxPool2d pool = MaxPool2d.of(2);
    try (NDManager m = TorchRuntime.engine().newBaseManager()) {
      NDArray x = m.create(new float[] {3, 3, 1, 2}, new Shape(1, 1, 2, 2));
      x.setRequiresGradient(true);
      try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
        NDArray y = pool.forward(new ParameterStore(m, false), new NDList(x), true).head();
        gc.backward(y.sum());
      }
      assertThat(x.getGradient().toFloatArray()).containsExactly(1f, 0f, 0f, 0f);
    }
  }
}
