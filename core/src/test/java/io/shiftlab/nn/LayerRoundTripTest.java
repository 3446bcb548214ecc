package io.shiftlab.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every parameter-free layer, inside a SequentialBlock, saves and loads to the same bytes and the
 * same output ({@link GradCheck#roundTrips(Supplier, long, Shape)}), on a seeded random input.
 */
class LayerRoundTripTest {
  static Stream<Arguments> layers() {
    return Stream.of(
        layer("AddCoords with radius", () -> new AddCoords(AddCoords.Radius.WITH), 3, 2, 2, 3, 5),
        layer("Aps l1", () -> new Aps(Aps.Norm.L1), 3, 2, 2, 6, 6),
        layer("ApsBlur k3", () -> new ApsBlur(3), 8, 2, 2, 6, 6),
        layer("AvgPool2d k2", () -> AvgPool2d.of(2), 3, 2, 2, 6, 6),
        layer("BlurPool k5", () -> BlurPool.of(5), 3, 1, 2, 6, 6),
        layer("GlobalPool max", () -> new GlobalPool(GlobalPool.Kind.MAX), 3, 2, 3, 4, 4));
  }

  private static Arguments layer(String name, Supplier<Block> make, long seed, long... shape) {
    return Arguments.of(name, make, seed, new Shape(shape));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void aSequentialBlockWithItRoundTrips(String name, Supplier<Block> make, long seed, Shape shape)
      throws Exception {
    GradCheck.roundTrips(make, seed, shape);
  }
}
