package io.shiftlab.nn.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.shiftlab.UserInputException;
import io.shiftlab.nn.InputShape;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.train.ParameterFile;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One test over the whole catalog: parameter count, forward, backward, save and load. */
class ModelCatalogTest {
  static Stream<ModelEntry> entries() {
    return ModelCatalog.entries().stream();
  }

  @ParameterizedTest
  @MethodSource("entries")
  void parameterCountMatchesTheDocumentedOne(ModelEntry entry) {
    try (Network net = Network.create(entry, InputShape.MNIST, 10, 1)) {
      assertThat(net.parameterCount()).isEqualTo(entry.referenceParameters());
    }
  }

  @Test
  void referenceCountsAreThoseOfTheArticle() {
    assertThat(ModelCatalog.get("nn-article").referenceParameters()).isEqualTo(794_310);
    assertThat(ModelCatalog.get("mlp").referenceParameters()).isEqualTo(89_610);
    assertThat(ModelCatalog.get("cnn1").referenceParameters()).isEqualTo(289_630);
    assertThat(ModelCatalog.get("cnn2").referenceParameters()).isEqualTo(85_670);
  }

  @Test
  void patchNetsHaveTheCardsParameterCountWithTwoClasses() {
    for (String mode : new String[] {"zero", "none", "circular", "full"}) {
      var entry = ModelCatalog.get("patchnet-" + mode);
      try (Network net = Network.create(entry, new InputShape(1, 32, 32), 2, 1)) {
        // conv 1x1x5x5 without bias + linear 1 -> 2 with bias
        assertThat(net.parameterCount()).as(mode).isEqualTo(25 + 2 + 2);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("entries")
  void forwardBackwardSaveLoad(ModelEntry entry, @TempDir Path dir) {
    Path file = dir.resolve("m.params");
    float[] before;
    try (Network net = Network.create(entry, InputShape.MNIST, 10, 3);
        NDManager m = net.manager().newSubManager()) {
      NDArray x = m.randomUniform(0, 1, new Shape(4, 1, 28, 28));
      NDArray y;
      try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
        y = net.forward(x, true);
        gc.backward(y.sum());
      }
      assertThat(y.getShape()).isEqualTo(new Shape(4, 10));
      for (var p : net.block().getParameters()) {
        if (!p.getValue().requiresGradient()) {
          continue; // batch-norm running statistics
        }
        NDArray g = p.getValue().getArray().getGradient();
        assertThat(g.abs().sum().getFloat()).as("gradient of " + p.getKey()).isGreaterThan(0f);
        g.close();
      }
      // a model that draws at inference (PermuteNet) repeats its draws from the same seed
      TorchRuntime.seedTorch(11);
      before = net.logits(x).toFloatArray();
      ParameterFile.save(file, entry.name(), net.block());
      try (Network other = Network.create(entry, InputShape.MNIST, 10, 99)) {
        assertThat(other.logits(x).toFloatArray()).isNotEqualTo(before);
        ParameterFile.load(file, entry.name(), other.block(), other.manager());
        TorchRuntime.seedTorch(11);
        assertThat(other.logits(x).toFloatArray()).containsExactly(before);
      }
    }
  }

  @Test
  void cnn2OutputShapesFollowTheArticle() {
    try (Network net = Network.create(ModelCatalog.get("cnn2"), InputShape.MNIST, 10, 1)) {
      var shapes = ParameterFile.shapes(net.block());
      assertThat(shapes.get(0).getValue()).isEqualTo(new Shape(20, 1, 5, 5));
      assertThat(shapes.get(2).getValue()).isEqualTo(new Shape(40, 20, 5, 5));
      assertThat(shapes.get(4).getValue()).isEqualTo(new Shape(100, 640));
    }
  }

  @Test
  void sameSeedSameInitialisation() {
    try (Network a = Network.create(ModelCatalog.get("cnn1"), InputShape.MNIST, 10, 5);
        Network b = Network.create(ModelCatalog.get("cnn1"), InputShape.MNIST, 10, 5);
        Network c = Network.create(ModelCatalog.get("cnn1"), InputShape.MNIST, 10, 6)) {
      NDArray wa = a.block().getParameters().get(0).getValue().getArray();
      NDArray wb = b.block().getParameters().get(0).getValue().getArray();
      NDArray wc = c.block().getParameters().get(0).getValue().getArray();
      assertThat(wa.toFloatArray()).containsExactly(wb.toFloatArray());
      assertThat(wa.toFloatArray()).isNotEqualTo(wc.toFloatArray());
      // Glorot uniform bound for a 5x5 conv 1->20: sqrt(6 / (25 + 500))
      float bound = (float) Math.sqrt(6.0 / (25 + 500));
      assertThat(wa.abs().max().getFloat()).isLessThanOrEqualTo(bound);
      NDArray bias = a.block().getParameters().get(1).getValue().getArray();
      assertThat(bias.abs().sum().getFloat()).isZero();
    }
  }

  @Test
  void unknownNameListsTheChoices() {
    assertThatThrownBy(() -> ModelCatalog.get("--model", "resnet"))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(
            "--model: unknown model 'resnet'; choose one of nn-article, mlp, cnn1, cnn2, patchnet-zero, patchnet-none,"
                + " patchnet-circular, patchnet-full")
        .hasMessageContaining(String.join(", ", ModelCatalog.names()))
        .hasMessageContaining("(parameterised: vgg-small[:padding=");
  }

  @Test
  void forwardOnABatchOfOneGivesLogits() {
    try (Network net = Network.create(ModelCatalog.get("mlp"), InputShape.MNIST, 10, 1);
        NDManager m = net.manager().newSubManager()) {
      NDArray out =
          net.block()
              .forward(
                  new ai.djl.training.ParameterStore(m, false),
                  new NDList(m.zeros(new Shape(1, 1, 28, 28))),
                  false)
              .head();
      assertThat(out.getShape()).isEqualTo(new Shape(1, 10));
    }
  }
}
