package io.shiftlab.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import io.shiftlab.UserInputException;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.nn.zoo.ModelEntry;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.random.Streams;
import io.shiftlab.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EffectiveRfProbeTest {
  /** Two 3x3 convolutions, one channel, no bias, no nonlinearity, every weight 1. */
  private static Network twoBoxFilters(InputShape in) {
    ModelEntry entry =
        new ModelEntry(
            "box2",
            "two 3x3 box filters",
            "test",
            18,
            (shape, classes) -> new SequentialBlock().add(conv()).add(conv()));
    Network net = Network.create(entry, in, 1, 0);
    for (var p : net.block().getParameters()) {
      var a = p.getValue().getArray();
      a.muli(0).addi(1);
    }
    return net;
  }

  private static Conv2d conv() {
    return Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(1).optBias(false).build();
  }

  private static ImageSet images(int n, InputShape in) {
    byte[] px = new byte[n * in.size()];
    new SplittableRandom(5).nextBytes(px);
    return new ImageSet("rand", px, new int[n], 1, in.channels(), in.height(), in.width());
  }

  private static ProbeSummary run(Network net, ImageSet test, Map<String, String> given, Path dir) {
    EffectiveRfProbe probe = new EffectiveRfProbe();
    ProbeParams params = new ProbeParams(probe.name(), probe.params(), given);
    return ProbeJob.write(
        probe, new ProbeContext(net, "box2", test, new Streams(3), net.manager(), params), dir);
  }

  @Test
  void twoBoxFiltersGiveTheirConvolutionOnTheTheoreticalWindow(@TempDir Path dir) {
    InputShape in = new InputShape(1, 9, 9);
    try (Network net = twoBoxFilters(in)) {
      // 9x9 -> 7x7 -> 5x5; centre unit (2, 2) sees input rows and columns 2..6
      ProbeSummary s = run(net, images(70, in), Map.of(), dir);
      double[][] erf = toArray((List<?>) Json.read(dir.resolve("erf.json"), Map.class).get("erf"));
      // the two box filters convolved: [1 2 3 2 1] outer [1 2 3 2 1], divided by its peak 9
      int[] a = {1, 2, 3, 2, 1};
      for (int i = 0; i < 9; i++) {
        for (int j = 0; j < 9; j++) {
          double expected = i >= 2 && i <= 6 && j >= 2 && j <= 6 ? a[i - 2] * a[j - 2] / 9.0 : 0.0;
          assertThat(erf[i][j]).as("erf[%d][%d]", i, j).isCloseTo(expected, within(1e-6));
        }
      }
      assertThat(s.headline())
          .containsEntry("layer", "logits")
          .containsEntry("centre_row", 2)
          .containsEntry("inputs", 64)
          .containsEntry("erf_area_px", 25)
          .containsEntry("theoretical_r", 5)
          .containsEntry("theoretical_area_px", 25)
          .containsEntry("erf_px_outside_theoretical", 0)
          .containsEntry("theoretical_window", List.of(2, 6, 2, 6));
      assertThat(s.files()).containsExactly("erf.png", "erf.csv", "erf.json");
      for (String f : s.files()) {
        assertThat(dir.resolve(f)).isRegularFile();
      }
      assertThat(s.markdown()).contains("![erf](erf.png)");
      assertThat(s.markdown().get(0))
          .isEqualTo(
              "Effective receptive field of logits (centre unit 2,2), 64 test inputs: 25 px above"
                  + " 1% of the peak against a theoretical 5x5 field (25 px inside the image).");
    }
  }

  @Test
  void thresholdAndRandomInputsAndAnInnerLayer(@TempDir Path dir) throws Exception {
    InputShape in = new InputShape(1, 9, 9);
    try (Network net = twoBoxFilters(in)) {
      // corners of the 5x5 window are 1/9 = 11%: a 12% threshold drops those 4
      ProbeSummary s =
          run(net, images(1, in), Map.of("source", "random", "threshold", "0.12"), dir);
      assertThat(s.headline()).containsEntry("erf_area_px", 21).containsEntry("inputs", 64);
      // the first conv's centre unit (3, 3) of its 7x7 map sees rows and columns 3..5, uniformly
      ProbeSummary first =
          run(net, images(8, in), Map.of("layer", "01Conv2d", "inputs", "100"), dir);
      assertThat(first.headline())
          .containsEntry("inputs", 8)
          .containsEntry("erf_area_px", 9)
          .containsEntry("theoretical_r", 3)
          .containsEntry("theoretical_window", List.of(3, 5, 3, 5));
      String csv = Files.readString(dir.resolve("erf.csv"));
      assertThat(csv).startsWith("row,col,mean_abs_gradient,erf\r\n0,0,0.0,0.0\r\n");
      assertThat(csv).contains("\r\n3,3,1.0,1.0\r\n").contains("\r\n2,3,0.0,0.0\r\n");
    }
  }

  @Test
  void catalogCnn2ErfLiesInsideItsTheoreticalField(@TempDir Path dir) {
    try (Network net = Network.create(ModelCatalog.get("cnn2"), InputShape.MNIST, 10, 1)) {
      ProbeSummary s = run(net, images(64, InputShape.MNIST), Map.of(), dir);
      assertThat(s.headline())
          .containsEntry("layer", "06MaxPool2d")
          .containsEntry("theoretical_r", 16)
          .containsEntry("theoretical_window", List.of(4, 19, 4, 19))
          .containsEntry("theoretical_area_px", 256)
          .containsEntry("erf_px_outside_theoretical", 0);
      assertThat((Integer) s.headline().get("erf_area_px")).isBetween(1, 256);
    }
  }

  @Test
  void channelsLastMapsAreNotSpatialLayers(@TempDir Path dir) {
    // nn-article's per-pixel dense layers run on (N, H, W, C) maps: no (N, C, H, W) layer to probe
    try (Network net = Network.create(ModelCatalog.get("nn-article"), InputShape.MNIST, 10, 1)) {
      assertThatThrownBy(() -> run(net, images(2, InputShape.MNIST), Map.of(), dir))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("no spatial");
    }
  }

  @Test
  void unknownLayerListsTheSpatialOnes(@TempDir Path dir) {
    InputShape in = new InputShape(1, 9, 9);
    try (Network net = twoBoxFilters(in)) {
      assertThatThrownBy(() -> run(net, images(2, in), Map.of("layer", "nope"), dir))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("param erf.layer")
          .hasMessageContaining("01Conv2d, logits");
      assertThatThrownBy(() -> run(net, images(2, in), Map.of("source", "noise"), dir))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("choose test, random");
    }
  }

  private static double[][] toArray(List<?> rows) {
    double[][] out = new double[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      List<?> row = (List<?>) rows.get(i);
      out[i] = new double[row.size()];
      for (int j = 0; j < row.size(); j++) {
        out[i][j] = ((Number) row.get(j)).doubleValue();
      }
    }
    return out;
  }
}
