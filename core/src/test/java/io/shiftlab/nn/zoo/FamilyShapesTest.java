package io.shiftlab.nn.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.rf.BlockGeometry;
import io.shiftlab.rf.ReceptiveField;
import io.shiftlab.rf.RfRow;
import io.shiftlab.train.ParameterFile;
import org.junit.jupiter.api.Test;

/** The shapes the framing-bias (card 2) and border-distance (card 9) models have on their data. */
class FamilyShapesTest {
  private static Shape denseWeight(String model, InputShape in, int classes) {
    try (Network net = Network.create(ModelCatalog.get(model), in, classes, 1)) {
      var shapes = ParameterFile.shapes(net.block());
      return shapes.get(shapes.size() - 2).getValue();
    }
  }

  @Test
  void framingHeadsSeeTheCardsFeatureCountsOn48x48() {
    InputShape in = new InputShape(1, 48, 48);
    // three pools or three stride-2 convs: 48 -> 24 -> 12 -> 6, so 6x6x32 features
    assertThat(denseWeight("framing-p-flat", in, 2)).isEqualTo(new Shape(2, 6 * 6 * 32));
    assertThat(denseWeight("framing-s-flat", in, 2)).isEqualTo(new Shape(2, 6 * 6 * 32));
    // dilated convs keep 48x48
    assertThat(denseWeight("framing-d-flat", in, 2)).isEqualTo(new Shape(2, 48 * 48 * 32));
    assertThat(denseWeight("framing-p-gap", in, 2)).isEqualTo(new Shape(2, 32));
    assertThat(denseWeight("framing-d-gap", in, 2)).isEqualTo(new Shape(2, 32));
  }

  @Test
  void theDilatedStackHasAReceptiveFieldOf31() {
    try (Network net =
        Network.create(ModelCatalog.get("framing-d-gap"), new InputShape(1, 48, 48), 2, 1)) {
      int rf =
          ReceptiveField.forward(BlockGeometry.of(net.block()), 48).stream()
              .filter(row -> !row.global())
              .mapToInt(RfRow::r)
              .max()
              .orElseThrow();
      // 1 + 2 (1 + 2 + 4 + 8)
      assertThat(rf).isEqualTo(31);
    }
  }

  @Test
  void borderNetsKeepTheParameterCountForAnyPaddingAndCanvas() {
    for (PaddingMode mode : AllConvNets.BORDER_PADDINGS) {
      try (Network net =
              Network.create(
                  ModelCatalog.get(AllConvNets.borderNetName(mode)),
                  new InputShape(1, 100, 100),
                  25,
                  1);
          NDManager m = net.manager().newSubManager()) {
        // 160 + 4640 + 18496 + 36928 + 64 * 25 + 25
        assertThat(net.parameterCount()).as(mode.id()).isEqualTo(60_224 + 64 * 25 + 25);
        assertThat(net.logits(m.zeros(new Shape(2, 1, 100, 100))).getShape())
            .isEqualTo(new Shape(2, 25));
      }
    }
  }
}
