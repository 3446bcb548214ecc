package io.shiftlab.nn.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.train.ParameterFile;
import org.junit.jupiter.api.Test;

/** The head-kernel parameter of the location-grid GAPNet and its catalog entry. */
class LocationGridHeadKernelTest {
  private static Network net(ModelEntry entry, int k) {
    return Network.create(entry, new InputShape(1, 84, 84), k, 7);
  }

  private static Shape headWeight(Network net) {
    var shapes = ParameterFile.shapes(GapNets.headOf(net.block()));
    return shapes.get(0).getValue();
  }

  @Test
  void theCardsHeadIsInTheCatalogUnderItsOwnName() {
    String name = GapNets.gapNetName(PaddingMode.ZERO, 3);
    assertThat(name).isEqualTo("gapnet-zero-head3");
    try (Network net = net(ModelCatalog.get(name), 9)) {
      assertThat(headWeight(net)).isEqualTo(new Shape(9, 32, 3, 3));
      // trunk 14,288 + head 9 * 32 * 3 * 3 + 9
      assertThat(net.parameterCount()).isEqualTo(14_288 + 2_592 + 9);
      assertThat(net.logits(net.manager().zeros(new Shape(2, 1, 84, 84))).getShape())
          .isEqualTo(new Shape(2, 9));
    }
  }

  @Test
  void theReferenceCountIsTheCatalogs() {
    ModelEntry entry = ModelCatalog.get("gapnet-zero-head3");
    try (Network net = Network.create(entry, InputShape.MNIST, 10, 1)) {
      // trunk 14,288 + head 10 * 32 * 3 * 3 + 10
      assertThat(net.parameterCount()).isEqualTo(entry.referenceParameters()).isEqualTo(17_178);
    }
  }

  @Test
  void theDefaultKernelKeepsTheOldNameAndModel() {
    assertThat(GapNets.gapNetName(PaddingMode.ZERO, GapNets.HEAD_KERNEL))
        .isEqualTo(GapNets.gapNetName(PaddingMode.ZERO));
    ModelEntry seven =
        new ModelEntry(
            "seven",
            "gapNet(zero, k, 7)",
            "test",
            1,
            (in, k) -> GapNets.gapNet(PaddingMode.ZERO, k, GapNets.HEAD_KERNEL));
    try (Network a = net(seven, 9);
        Network b = net(ModelCatalog.get(GapNets.gapNetName(PaddingMode.ZERO)), 9)) {
      assertThat(headWeight(a)).isEqualTo(new Shape(9, 32, 7, 7)).isEqualTo(headWeight(b));
      assertThat(a.parameterCount()).isEqualTo(b.parameterCount());
    }
  }

  @Test
  void evenOrEmptyKernelsAreRefused() {
    assertThatThrownBy(() -> GapNets.gapNet(PaddingMode.ZERO, 9, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("odd");
    assertThatThrownBy(() -> GapNets.gapNet(PaddingMode.ZERO, 9, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
