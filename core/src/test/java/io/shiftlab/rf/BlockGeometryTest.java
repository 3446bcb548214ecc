package io.shiftlab.rf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import io.shiftlab.nn.MaxPool2d;
import io.shiftlab.nn.zoo.InputShape;
import io.shiftlab.nn.zoo.ModelCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
