package io.shiftlab.nn.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.LayerOutput;
import io.shiftlab.nn.zoo.AllConvNets.ConvType;
import io.shiftlab.rf.RfRow;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The red-green networks of card 5: map sizes, parameter count and receptive field by hand. */
class AllConvNetsRedGreenTest {
  private static final InputShape RGB32 = new InputShape(3, 32, 32);

  /** The four conv maps' side on a 32x32 input, from floor((n + 2p - 3) / s) + 1. */
  private static List<Integer> expectedSizes(ConvType t) {
    return switch (t) {
      case VALID -> List.of(30, 14, 6, 2); // 32-3+1; (30-3)/2+1; (14-3)/2+1; (6-3)/2+1
      case SAME_ZERO, SAME_CIRCULAR -> List.of(32, 16, 8, 4); // p 1: 32; (32-1)/2+1 = 16; ...
      case FULL_ZERO -> List.of(34, 18, 10, 6); // p 2: 32+4-3+1; (34+1)/2+1 = 18; 10; 6
    };
  }

  @ParameterizedTest
  @EnumSource(ConvType.class)
  void mapSizesAreThoseOfTheCard(ConvType t) {
    try (Network net = Network.create(ModelCatalog.get(t.model()), RGB32, 2, 1);
        NDManager m = net.manager().newSubManager()) {
      List<LayerOutput> layers = net.layers(m.zeros(new Shape(2, 3, 32, 32)));
      List<Integer> convSides =
          layers.stream()
              .filter(l -> l.name().endsWith("PaddedConv2d"))
              .map(l -> (int) l.value().getShape().get(2))
              .collect(Collectors.toList());
      assertThat(convSides).isEqualTo(expectedSizes(t));
      assertThat(layers.get(layers.size() - 1).value().getShape()).isEqualTo(new Shape(2, 2));
    }
  }

  @ParameterizedTest
  @EnumSource(ConvType.class)
  void parameterCountIsTheCardsByHand(ConvType t) {
    // 9 * (3*32 + 32*32 + 32*64 + 64*64) = 9 * 7264 = 65,376 (no conv bias) + 64*2 + 2 = 65,506
    try (Network net = Network.create(ModelCatalog.get(t.model()), RGB32, 2, 1)) {
      assertThat(net.parameterCount()).isEqualTo(65_506);
    }
  }

  @ParameterizedTest
  @EnumSource(ConvType.class)
  void receptiveFieldIs17WithJump8(ConvType t) {
    // card 12 golden value; ReceptiveFieldTest checks the same with hand-made layer lists
    RfRow top = LastMap.of(AllConvNets.build(t, 2), 32);
    assertThat(top)
        .extracting(RfRow::r, RfRow::jump, RfRow::size)
        .containsExactly(17, 8, expectedSizes(t).get(3));
  }

  @Test
  void theCircularNetGivesBitIdenticalLogitsForARollBy16Rows() {
    SameLogits.underMove(
        "redgreen-same-circular", RGB32, 2, 3, x -> x.concat(x, 2).get(":, :, 16:48, :"));
  }
}
