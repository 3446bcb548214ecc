package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 2x downsampling layers on one hand-written map, x(i, j) = 4i + j + 1, i.e. 1 2 3 4 / 5 6 7 8
 * / 9 10 11 12 / 13 14 15 16, with the four outputs worked out by hand; and their shape formulas.
 */
class PoolingOnARampTest {
  static Stream<Arguments> rampOutputs() {
    return Stream.of(
        // (1+2+5+6)/4 = 3.5, (3+4+7+8)/4 = 5.5, (9+10+13+14)/4 = 11.5, (11+12+15+16)/4 = 13.5
        Arguments.of("avg k2", AvgPool2d.of(2), new float[] {3.5f, 5.5f, 11.5f, 13.5f}),
        // k 3, s 2, p 1: window rows/cols -1..1 then 1..3, padded zeros counted in the 9:
        // top-left (1+2+5+6)/9 = 14/9; top-right (2+3+4+6+7+8)/9 = 30/9;
        // bottom-left (5+6+9+10+13+14)/9 = 57/9; bottom-right (6+7+8+10+11+12+14+15+16)/9 = 99/9
        Arguments.of(
            "avg k3 s2 p1",
            new AvgPool2d(3, 2, 1),
            new float[] {14f / 9, 30f / 9, 57f / 9, 99f / 9}),
        Arguments.of("max k2", MaxPool2d.of(2), new float[] {6f, 8f, 14f, 16f}),
        // k 3, s 2, p 1 on 4x4: floor((4 + 2 - 3) / 2) + 1 = 2; windows rows -1..1 and 1..3
        Arguments.of("max k3 s2 p1", new MaxPool2d(3, 2, 1), new float[] {6f, 8f, 14f, 16f}),
        // Row [1 2 3 4] padded by reflection is [2 1 2 3 4 3]; [1 2 1]/4 at columns 0 and 2 gives
        // (2 + 2 + 2)/4 = 1.5 and (2 + 6 + 4)/4 = 3, i.e. j' = 0.5 and 2; the same on rows gives
        // i' = 0.5 and 2, so y = 4i' + j' + 1 = 3.5, 5, 9.5, 11.
        Arguments.of("blur k3 (reflect)", BlurPool.of(3), new float[] {3.5f, 5f, 9.5f, 11f}),
        // k 1 is subsampling
        Arguments.of("blur k1", BlurPool.of(1), new float[] {1f, 3f, 9f, 11f}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rampOutputs")
  void downsamplesTheRampToTheHandComputedValues(String name, Block pool, float[] expected) {
    try (NDManager m = GradCheck.manager()) {
      NDArray x = m.arange(1f, 17f).reshape(1, 1, 4, 4);
      NDArray y = GradCheck.forward(pool, x, false);
      assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 2, 2));
      assertThat(y.toFloatArray()).containsExactly(expected);
    }
  }

  static Stream<Arguments> outputShapes() {
    return Stream.of(
        Arguments.of(new AvgPool2d(3, 2, 1), new Shape(5, 3, 28, 27), new Shape(5, 3, 14, 14)),
        Arguments.of(AvgPool2d.of(2), new Shape(1, 2, 7, 6), new Shape(1, 2, 3, 3)),
        Arguments.of(new MaxPool2d(3, 2, 1), new Shape(5, 3, 28, 27), new Shape(5, 3, 14, 14)),
        Arguments.of(MaxPool2d.of(2), new Shape(1, 20, 25, 24), new Shape(1, 20, 12, 12)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("outputShapes")
  void predictsItsOutputShape(Block pool, Shape in, Shape out) {
    assertThat(pool.getOutputShapes(new Shape[] {in})[0]).isEqualTo(out);
  }
}
