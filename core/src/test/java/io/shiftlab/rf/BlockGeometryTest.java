package io.shiftlab.rf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import io.shiftlab.nn.AddCoords;
import io.shiftlab.nn.Aps;
import io.shiftlab.nn.BlurPool;
import io.shiftlab.nn.ChannelPermutation;
import io.shiftlab.nn.GlobalPool;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.MaxPool2d;
import io.shiftlab.nn.Pad2d;
import io.shiftlab.nn.PaddedConv2d;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.nn.zoo.ModelCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The geometry of catalog models, read off their blocks. */
class BlockGeometryTest {
  private static List<RfRow> rows(String model) {
    var block = ModelCatalog.get(model).build(InputShape.MNIST, 10);
    return ReceptiveField.forward(BlockGeometry.of(block), 28);
  }

  private static RfRow lastSpatial(List<RfRow> rows) {
    return rows.stream().filter(r -> !r.global()).reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void cnn2Gives16Jump4() {
    var rows = rows("cnn2");
    assertThat(rows)
        .extracting(RfRow::name)
        .containsExactly(
            "input",
            "01Conv2d",
            "02LambdaBlock",
            "03MaxPool2d",
            "04Conv2d",
            "05LambdaBlock",
            "06MaxPool2d",
            "07LambdaBlock",
            "08Linear",
            "09LambdaBlock",
            "10Linear");
    RfRow top = lastSpatial(rows);
    assertThat(top.name()).isEqualTo("06MaxPool2d");
    assertThat(top.r()).isEqualTo(16);
    assertThat(top.jump()).isEqualTo(4);
    assertThat(top.size()).isEqualTo(4);
    assertThat(rows.subList(7, 11)).allMatch(RfRow::global).allMatch(r -> r.r() == 28);
  }

  @Test
  void cnn1Gives6Jump2() {
    RfRow top = lastSpatial(rows("cnn1"));
    assertThat(top.name()).isEqualTo("03MaxPool2d");
    assertThat(top.r()).isEqualTo(6);
    assertThat(top.jump()).isEqualTo(2);
    assertThat(top.size()).isEqualTo(12);
  }

  @Test
  void perPixelDenseLayersArePointwiseUntilTheFlatten() {
    var rows = rows("nn-article");
    RfRow top = lastSpatial(rows);
    assertThat(top.name()).isEqualTo("07UniformDropout");
    assertThat(top.r()).isEqualTo(1);
    assertThat(rows.get(8).name()).isEqualTo("08LambdaBlock");
    assertThat(rows.get(8).global()).isTrue();
    // the mlp flattens first: every layer is global
    assertThat(rows("mlp").subList(1, 9)).allMatch(RfRow::global);
  }

  @Test
  void readsStrideDilationAndPadding() {
    var block =
        new SequentialBlock()
            .add(
                Conv2d.builder()
                    .setKernelShape(new Shape(3, 3))
                    .setFilters(4)
                    .optStride(new Shape(2, 2))
                    .optPadding(new Shape(2, 2))
                    .optDilation(new Shape(2, 2))
                    .build())
            .add(Activation.reluBlock())
            .add(new MaxPool2d(3, 2, 1));
    assertThat(BlockGeometry.of(block))
        .containsExactly(
            LayerGeometry.conv("01Conv2d", 3, 2, 2, 2),
            LayerGeometry.pointwise("02LambdaBlock"),
            LayerGeometry.pool("03MaxPool2d", 3, 2, 1));
  }

  @Test
  void rejectsPoolsThatHideTheirKernelAndNonSquareKernels() {
    var hidden = new SequentialBlock().add(Pool.maxPool2dBlock(new Shape(2, 2)));
    assertThatThrownBy(() -> BlockGeometry.of(hidden))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hides its kernel");
    var wide =
        new SequentialBlock()
            .add(Conv2d.builder().setKernelShape(new Shape(1, 3)).setFilters(1).build());
    assertThatThrownBy(() -> BlockGeometry.of(wide))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not square");
  }

  private static void assertRow(RfRow row, String name, int size, int r, int jump, double start) {
    assertThat(row.name()).isEqualTo(name);
    assertThat(row.global()).isFalse();
    assertThat(row.size()).as(name + " size").isEqualTo(size);
    assertThat(row.r()).as(name + " r").isEqualTo(r);
    assertThat(row.jump()).as(name + " jump").isEqualTo(jump);
    assertThat(row.start()).as(name + " start").isEqualTo(start);
  }

  @Test
  void blurPoolNetworkOn16() {
    var block =
        new SequentialBlock()
            .add(PaddedConv2d.of(PaddingMode.CIRCULAR, 4, 3))
            .add(new BlurPool(3, 2))
            .add(PaddedConv2d.of(PaddingMode.ZERO, 4, 3))
            .add(new GlobalPool(GlobalPool.Kind.AVG))
            .add(new ChannelPermutation())
            .add(Linear.builder().setUnits(10).build());
    var layers = BlockGeometry.of(block);
    assertThat(layers)
        .containsExactly(
            LayerGeometry.conv("01PaddedConv2d", 3, 1, 1, 1),
            LayerGeometry.pool("02BlurPool", 3, 2, 1),
            LayerGeometry.conv("03PaddedConv2d", 3, 1, 1, 1),
            LayerGeometry.global("04GlobalPool"),
            LayerGeometry.global("05ChannelPermutation"),
            LayerGeometry.global("06Linear"));
    var rows = ReceptiveField.forward(layers, 16);
    // conv 3 p 1: n 16, r 1 + 2 = 3, start 0 + (1 - 1) = 0
    assertRow(rows.get(1), "01PaddedConv2d", 16, 3, 1, 0);
    // blur k 3 s 2 p 1: n floor((16 + 2 - 3) / 2) + 1 = 8, r 3 + 2 = 5, jump 2
    assertRow(rows.get(2), "02BlurPool", 8, 5, 2, 0);
    // conv 3 p 1 at jump 2: n 8, r 5 + 2 * 2 = 9
    assertRow(rows.get(3), "03PaddedConv2d", 8, 9, 2, 0);
    assertThat(rows.subList(4, 7)).allMatch(RfRow::global).allMatch(r -> r.r() == 16);
    assertThat(ReceptiveField.backward(layers.subList(0, 3))).isEqualTo(new BackwardRf(9, 2, 4));
  }

  @Test
  void fullPaddingGrowsTheMap() {
    var block =
        new SequentialBlock()
            .add(PaddedConv2d.of(PaddingMode.FULL, 4, 3))
            .add(new PaddedConv2d(PaddingMode.FULL, 4, 3, 1, 2, true));
    var layers = BlockGeometry.of(block);
    assertThat(layers)
        .containsExactly(
            LayerGeometry.conv("01PaddedConv2d", 3, 1, 2, 1),
            LayerGeometry.conv("02PaddedConv2d", 3, 1, 4, 2));
    var rows = ReceptiveField.forward(layers, 16);
    // k 3 p 2: n 16 + 4 - 3 + 1 = 18, r 3, start 0 + (1 - 2) = -1
    assertRow(rows.get(1), "01PaddedConv2d", 18, 3, 1, -1);
    // k_eff 5 p 4: n 18 + 8 - 5 + 1 = 22, r 3 + 4 = 7, start -1 + (2 - 4) = -3
    assertRow(rows.get(2), "02PaddedConv2d", 22, 7, 1, -3);
  }

  @ParameterizedTest
  @EnumSource(PaddingMode.class)
  void paddedConvUsesTheModesPadding(PaddingMode mode) {
    var conv = new PaddedConv2d(mode, 2, 3, 2, 2, false);
    int expected =
        switch (mode) {
          case NONE -> 0;
          case FULL -> 4;
          default -> 2;
        };
    assertThat(BlockGeometry.of(conv))
        .containsExactly(LayerGeometry.conv("model", 3, 2, expected, 2));
    var row = ReceptiveField.forward(BlockGeometry.of(conv), 16).get(1);
    assertThat((long) row.size()).isEqualTo(conv.outputLength(16));
  }

  @Test
  void pad2dIsAPaddedIdentity() {
    var padded =
        new SequentialBlock()
            .add(Pad2d.of(PaddingMode.REFLECT, 2))
            .add(PaddedConv2d.of(PaddingMode.NONE, 4, 3));
    var layers = BlockGeometry.of(padded);
    assertThat(layers.get(0)).isEqualTo(LayerGeometry.conv("01Pad2d", 1, 1, 2, 1));
    var rows = ReceptiveField.forward(layers, 16);
    // k 1 p 2: n 16 + 4 = 20, r 1, jump 1, start 0 - 2 = -2
    assertRow(rows.get(1), "01Pad2d", 20, 1, 1, -2);
    // valid k 3: n 18, r 3, start -2 + 1 = -1: the same as a full-padded conv
    assertRow(rows.get(2), "02PaddedConv2d", 18, 3, 1, -1);
    var full =
        ReceptiveField.forward(BlockGeometry.of(PaddedConv2d.of(PaddingMode.FULL, 4, 3)), 16);
    assertThat(rows.get(2).size()).isEqualTo(full.get(1).size());
    assertThat(rows.get(2).start()).isEqualTo(full.get(1).start());
    assertThat(ReceptiveField.backward(layers))
        .isEqualTo(
            ReceptiveField.backward(BlockGeometry.of(PaddedConv2d.of(PaddingMode.FULL, 4, 3))));

    var uneven = new SequentialBlock().add(new Pad2d(PaddingMode.ZERO, 0, 2, 1, 1));
    assertThatThrownBy(() -> BlockGeometry.of(uneven))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not the same on all sides");
  }

  @Test
  void apsIsTheUnionOfItsPhasesAndAddCoordsIsPointwise() {
    var block =
        new SequentialBlock()
            .add(new AddCoords(AddCoords.Radius.WITH))
            .add(new Aps())
            .add(new BlurPool(4, 2));
    var layers = BlockGeometry.of(block);
    assertThat(layers)
        .containsExactly(
            LayerGeometry.pointwise("01AddCoords"),
            LayerGeometry.pool("02Aps", 2, 2, 0),
            LayerGeometry.pool("03BlurPool", 4, 2, 1));
    var rows = ReceptiveField.forward(layers, 16);
    assertRow(rows.get(1), "01AddCoords", 16, 1, 1, 0);
    // k 2 s 2: n 8, r 2, jump 2, start 0 + 0.5 = 0.5 (centre of the 2x2 block)
    assertRow(rows.get(2), "02Aps", 8, 2, 2, 0.5);
    // blur k 4 s 2 p 1: n floor((8 + 2 - 4) / 2) + 1 = 4 = ceil(8 / 2), r 2 + 3 * 2 = 8, jump 4,
    // start 0.5 + (1.5 - 1) * 2 = 1.5
    assertRow(rows.get(3), "03BlurPool", 4, 8, 4, 1.5);
  }
}
