package io.shiftlab.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.shiftlab.UserInputException;
import io.shiftlab.nn.Classifier;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.nn.zoo.Network;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EquivarianceProbeTest extends ToyImagesProbeTest {
  private ProbeSummary run(Classifier model, Map<String, String> given) {
    return run(new EquivarianceProbe(), model, "test", given);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> layers(ProbeSummary s, Path dir) {
    Map<String, Object> json =
        io.shiftlab.report.Json.read(dir.resolve("equivariance.json"), Map.class);
    return (List<Map<String, Object>>) json.get("layers");
  }

  private static double error(Map<String, Object> row) {
    return ((Number) row.get("mean_rel_error")).doubleValue();
  }

  @Test
  void circularPaddingWithGapIsExactlyEquivariantToCircularShiftsAtEveryLayer() {
    try (TinyCircularNet net =
        TinyCircularNet.create(PaddingMode.CIRCULAR, InputShape.MNIST, 4, 11)) {
      ProbeSummary s = run(net, Map.of("mode", "circular", "shift", "6", "draws", "4"));
      List<Map<String, Object>> rows = layers(s, dir);
      assertThat(rows)
          .extracting(r -> r.get("layer"))
          .containsExactly(
              "01PaddedConv2d", "02LambdaBlock", "03PaddedConv2d", "04GlobalPool", "logits");
      for (Map<String, Object> row : rows) {
        assertThat(error(row)).as("layer %s", row.get("layer")).isBetween(0.0, 1e-5);
        assertThat(((Number) row.get("pairs")).longValue()).isEqualTo(32L * 4);
      }
      assertThat(((Number) s.headline().get("softmaxMsd")).doubleValue()).isLessThan(1e-10);
      assertThat(rows.get(0).get("stride_y")).isEqualTo(1);
    }
  }

  @Test
  void zeroPaddingBreaksCircularEquivarianceAtTheConvLayers() {
    try (TinyCircularNet net = TinyCircularNet.create(PaddingMode.ZERO, InputShape.MNIST, 4, 11)) {
      List<Map<String, Object>> rows =
          layers(run(net, Map.of("mode", "circular", "draws", "3")), dir);
      assertThat(error(rows.get(0))).isGreaterThan(1e-3);
      assertThat(error(rows.get(2))).isGreaterThan(1e-3);
      assertThat(error(rows.get(4))).isGreaterThan(1e-6);
    }
  }

  @Test
  void aBorderMaskWideEnoughHidesTheZeroPaddingDisagreement() {
    // shifts up to 1 px, two convs with 1-px padding: differences reach at most 1 + 2 = 3 cells in
    // from the edge of the conv2 map; masking 3 cells leaves only agreeing cells.
    try (TinyCircularNet net = TinyCircularNet.create(PaddingMode.ZERO, InputShape.MNIST, 4, 11)) {
      List<Map<String, Object>> rows =
          layers(
              run(net, Map.of("mode", "circular", "shift", "1", "border", "3", "draws", "3")), dir);
      assertThat(error(rows.get(0))).isBetween(0.0, 1e-5);
      assertThat(error(rows.get(2))).isBetween(0.0, 1e-5);
    }
  }

  @Test
  void smokeOnARandomCnn2() throws Exception {
    try (Network net = Network.create(ModelCatalog.get("cnn2"), InputShape.MNIST, 4, 7)) {
      ProbeSummary s = run(net, Map.of());
      assertThat(s.files())
          .containsExactly("equivariance.csv", "equivariance.json", "equivariance.png");
      for (String f : s.files()) {
        assertThat(dir.resolve(f)).isRegularFile();
      }
      List<String> csv = Files.readAllLines(dir.resolve("equivariance.csv"));
      assertThat(csv).hasSize(1 + 10);
      assertThat(csv.get(0))
          .isEqualTo(
              "index,layer,shape,kind,size_ratio,stride_y,stride_x,mean_rel_error,pairs,undefined,softmax_msd,eqt_db");
      List<Map<String, Object>> rows = layers(s, dir);
      assertThat(rows.get(0).get("shape")).isEqualTo("20x24x24");
      assertThat(rows.get(5).get("stride_y")).isEqualTo(4); // the 40x4x4 map
      assertThat(rows.get(6).get("kind")).isEqualTo("vector");
      for (Map<String, Object> row : rows) {
        assertThat(error(row)).isBetween(0.0, 10.0);
      }
      double msd = ((Number) s.headline().get("softmaxMsd")).doubleValue();
      assertThat(msd).isBetween(0.0, 1.0);
      assertThat(((Number) s.headline().get("eqtDb")).doubleValue())
          .isCloseTo(EquivarianceMetrics.decibels(msd), within(1e-9));
    }
  }

  @Test
  void anMlpWithDropoutLayersRunsAndOnlyHasVectors() {
    // inference dropout hands back its input array itself: the same array at two layers
    try (Network net = Network.create(ModelCatalog.get("mlp"), InputShape.MNIST, 4, 7)) {
      List<Map<String, Object>> rows = layers(run(net, Map.of("draws", "2")), dir);
      assertThat(rows).hasSize(8);
      assertThat(rows).allSatisfy(r -> assertThat(r.get("kind")).isEqualTo("vector"));
      assertThat(error(rows.get(3))).isEqualTo(error(rows.get(2))); // dropout = its input
    }
  }

  @Test
  void tensorSumsAgreeWithThePureFunction() {
    try (NDManager m = manager.newSubManager()) {
      NDArray a = m.randomNormal(new ai.djl.ndarray.types.Shape(2, 3, 5, 5));
      NDArray b = a.add(m.randomNormal(new ai.djl.ndarray.types.Shape(2, 3, 5, 5)).mul(0.1f));
      double num = a.get(0).sub(b.get(0)).square().sum().getFloat();
      double den = a.get(0).square().sum().getFloat();
      assertThat(EquivarianceMetrics.relativeError(num, den))
          .isCloseTo(
              EquivarianceMetrics.relativeError(
                  a.get(0).toFloatArray(), b.get(0).toFloatArray(), null),
              within(1e-5));
    }
  }

  @Test
  void aBorderThatMasksEveryCellIsRefusedNamingTheOption() {
    try (TinyCircularNet net = TinyCircularNet.create(PaddingMode.ZERO, InputShape.MNIST, 4, 11)) {
      assertThatThrownBy(() -> run(net, Map.of("border", "1000", "draws", "1")))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("equivariance.border")
          .hasMessageContaining("masks every cell of every map")
          .hasMessageContaining("choose at most 13");
      assertThatThrownBy(() -> run(net, Map.of("border", "14", "draws", "1")))
          .isInstanceOf(UserInputException.class);
      // 13 keeps the centre 2x2 of the 28x28 maps
      List<Map<String, Object>> rows = layers(run(net, Map.of("border", "13", "draws", "1")), dir);
      assertThat(((Number) rows.get(0).get("pairs")).longValue()).isPositive();
    }
  }

  @Test
  void aLayerWhoseMapTheBorderMasksWhollyIsUndefinedNeverZero() {
    // cnn2 on 28x28: the first maps keep cells at border 5, the deepest spatial maps (7x7 or
    // smaller) do not
    try (Network net = Network.create(ModelCatalog.get("cnn2"), InputShape.MNIST, 4, 7)) {
      List<Map<String, Object>> rows = layers(run(net, Map.of("border", "5", "draws", "2")), dir);
      List<Map<String, Object>> emptied =
          rows.stream()
              .filter(r -> "map".equals(r.get("kind")))
              .filter(r -> ((Number) r.get("pairs")).longValue() == 0)
              .toList();
      assertThat(emptied).isNotEmpty();
      for (Map<String, Object> r : emptied) {
        assertThat(r.get("mean_rel_error")).as("layer %s", r.get("layer")).isNull();
        assertThat(((Number) r.get("undefined")).longValue()).isPositive();
      }
    }
  }

  @Test
  void alignNeedsAShiftOfAtLeastTheTotalStride() {
    try (Network net = Network.create(ModelCatalog.get("cnn2"), InputShape.MNIST, 4, 7)) {
      assertThatThrownBy(() -> run(net, Map.of("align", "true", "shift", "3")))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("total stride 4");
    }
  }
}
