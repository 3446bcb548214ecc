package io.shiftlab.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.UserInputException;
import io.shiftlab.nn.Classifier;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.report.Json;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BorderDistanceProbeTest extends ToyImagesProbeTest {
  private ProbeSummary run(Classifier model, Map<String, String> given) {
    return run(new BorderDistanceProbe(), model, "cnn2", given);
  }

  @Test
  @SuppressWarnings("unchecked")
  void smokeOnARandomCnn2WritesEveryFileWithShiftDistances() throws Exception {
    try (Network net = Network.create(ModelCatalog.get("cnn2"), InputShape.MNIST, 4, 7)) {
      ProbeSummary s = run(net, Map.of("step", "7"));
      assertThat(s.files()).containsExactlyElementsOf(new BorderDistanceProbe().outputs());
      for (String f : s.files()) {
        assertThat(dir.resolve(f)).isRegularFile();
      }
      // range auto = 14, step 7: -14, -7, 0, 7, 14 -> 5 x 5 placements
      assertThat(s.headline().get("placements")).isEqualTo(25);
      assertThat(s.headline().get("minDistance")).isEqualTo(-14);
      assertThat(s.headline().get("maxDistance")).isEqualTo(0);
      List<String> csv = Files.readAllLines(dir.resolve("border-distance.csv"));
      assertThat(csv.get(0)).isEqualTo("distance,positions,images,correct,accuracy,half_width95");
      // distances -14 (16 placements on the outer ring), -7 (8), 0 (the centre)
      assertThat(csv).hasSize(1 + 3);
      assertThat(csv.get(1)).startsWith("-14,16,512,");
      assertThat(csv.get(2)).startsWith("-7,8,256,");
      assertThat(csv.get(3)).startsWith("0,1,32,");
      assertThat(Files.readAllLines(dir.resolve("border-distance-positions.csv"))).hasSize(1 + 25);
      Map<String, Object> json = Json.read(dir.resolve("border-distance.json"), Map.class);
      for (Map<String, Object> bin : (List<Map<String, Object>>) json.get("bins")) {
        assertThat(((Number) bin.get("accuracy")).doubleValue()).isBetween(0.0, 1.0);
      }
    }
  }

  @Test
  void centredPlacementMatchesPlainPrediction() {
    try (Network net = Network.create(ModelCatalog.get("cnn2"), InputShape.MNIST, 4, 7)) {
      ProbeSummary s = run(net, Map.of("range", "0"));
      double clean = Metrics.accuracy(Predictor.predict(net, TEST, manager), TEST.labels());
      assertThat(s.headline().get("placements")).isEqualTo(1);
      assertThat((double) s.headline().get("accuracyAtMaxDistance")).isEqualTo(clean);
    }
  }

  @Test
  void aModelWithALargerInputGetsTheImagesOnACanvasWithNonNegativeDistances() {
    try (Network net = Network.create(ModelCatalog.get("cnn2"), new InputShape(1, 56, 56), 4, 7)) {
      ProbeSummary s = run(net, Map.of("step", "14"));
      // range auto = 0 on a 56 canvas: tops and lefts 0, 14, 28; the centre is 14 px from edges
      assertThat(s.headline().get("placements")).isEqualTo(9);
      assertThat(s.headline().get("minDistance")).isEqualTo(0);
      assertThat(s.headline().get("maxDistance")).isEqualTo(14);
    }
  }

  @Test
  void aRangeThatLeavesNoContentIsRejected() {
    try (Network net = Network.create(ModelCatalog.get("cnn2"), InputShape.MNIST, 4, 7)) {
      assertThatThrownBy(() -> run(net, Map.of("range", "28")))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("border-distance.range");
      assertThatThrownBy(() -> run(net, Map.of("range", "wide")))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("choose auto or an integer from 0 to 27");
    }
  }
}
