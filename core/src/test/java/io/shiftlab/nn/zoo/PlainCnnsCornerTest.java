package io.shiftlab.nn.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.zoo.PlainCnns.Head;
import io.shiftlab.rf.RfRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The corner-only networks of card 3: shapes, parameters and receptive field by hand. */
class PlainCnnsCornerTest {
  private static final InputShape CANVAS = new InputShape(1, 64, 64);

  @ParameterizedTest
  @EnumSource(Head.class)
  void parameterCountOn64x64(Head h) {
    // trunk 1*16*9+16 + 16*32*9+32 + 32*32*9+32 = 160 + 4640 + 9248 = 14,048
    // FC: flatten 8*8*32 = 2048 -> 10: 20,490; GAP: 32 -> 10: 330
    long head = h == Head.FC ? 20_490 : 330;
    try (Network net = Network.create(ModelCatalog.get(h.model()), CANVAS, 10, 1)) {
      assertThat(net.parameterCount()).isEqualTo(14_048 + head);
    }
  }

  @Test
  void theTrunkEndsIn8x8x32() {
    try (Network net = Network.create(ModelCatalog.get("corner-fc"), CANVAS, 10, 1);
        NDManager m = net.manager().newSubManager()) {
      var layers = net.layers(m.zeros(new Shape(1, 1, 64, 64)));
      assertThat(layers.get(8).value().getShape()).isEqualTo(new Shape(1, 32, 8, 8));
      assertThat(layers.get(9).value().getShape()).isEqualTo(new Shape(1, 2048));
    }
  }

  /** Card 3: RF 22, jump 8, effective padding 7: cell i sees rows 8i - 7 .. 8i + 14. */
  @ParameterizedTest
  @EnumSource(Head.class)
  void receptiveFieldOfTheLastMap(Head h) {
    RfRow top = LastMap.of(PlainCnns.build(h, 10), 64);
    assertThat(top).extracting(RfRow::size, RfRow::r, RfRow::jump).containsExactly(8, 22, 8);
    // r: 3, 4, 8, 10, 18, 22; start: 0, .5, .5, 1.5, 1.5, 3.5
    assertThat(top.start()).isEqualTo(3.5);
    for (int i = 0; i < 8; i++) {
      assertThat(top.firstPixel(i)).isEqualTo(8 * i - 7);
      assertThat(top.lastPixel(i)).isEqualTo(8 * i + 14);
    }
  }

  /**
   * Rolling by 32 rows and columns (4 x the total stride 8) rolls the 8x8 map by 4 cells; the
   * sorted global average sums the same numbers in the same order, so the logits are equal bit for
   * bit.
   */
  @Test
  void theCircularGapNetGivesIdenticalLogitsForRollsBy32() {
    SameLogits.underMove(
        "corner-gap-circular",
        CANVAS,
        10,
        3,
        x -> {
          var rolled = x.concat(x, 2).get(":, :, 32:96, :");
          return rolled.concat(rolled, 3).get(":, :, :, 32:96");
        });
  }
}
