package io.shiftlab.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shiftlab.TestData;
import io.shiftlab.UserInputException;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.random.Streams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each probe measured and written on a randomly initialised cnn2 and 64 toy images: the registry at
 * its defaults, and each probe's own numbers.
 */
class ProbeSmokeTest {
  private static final ImageSet TEST = TestData.squares("toy/test", 64, 4, 3);
  private static Network net;

  @TempDir Path dir;

  @BeforeAll
  static void model() {
    net = Network.create(ModelCatalog.get("cnn2"), InputShape.MNIST, 4, 2);
  }

  @AfterAll
  static void close() {
    net.close();
  }

  private static ProbeContext context(Probe<?> probe, Map<String, String> params) {
    return new ProbeContext(
        net,
        net.entry().name(),
        TEST,
        new Streams(7),
        net.manager(),
        new ProbeParams(probe.name(), probe.params(), params));
  }

  private ProbeSummary run(Probe<?> probe, Map<String, String> params) {
    ProbeSummary s = ProbeJob.write(probe, context(probe, params), dir);
    assertThat(s.probe()).isEqualTo(probe.name());
    assertThat(s.files()).isEqualTo(probe.outputs());
    for (String f : probe.outputs()) {
      assertThat(dir.resolve(f)).as(probe.name() + ": " + f).isNotEmptyFile();
    }
    return s;
  }

  @Test
  void measuringWritesNothingAndTheWriterRendersTheResultsNumbers() throws IOException {
    SweepProbe probe = new SweepProbe();
    SweepProbe.Result r = probe.measure(context(probe, Map.of("range", "1")));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
    assertThat(r.correct()).hasDimensions(3, 3);
    ProbeSummary s = probe.writer().write(r, dir);
    assertThat(s.headline().get("accuracy_center")).isEqualTo(r.accuracyAt(0, 0));
    assertThat(s.headline().get("accuracy_min")).isEqualTo(r.minAccuracy());
    assertThat(r.accuracyAt(0, 0)).isEqualTo(r.correct()[1][1] / (double) TEST.size());
  }

  static Stream<String> probes() {
    return ProbeRegistry.names().stream();
  }

  /**
   * Every registered probe with its default options: it returns a summary of itself, writes every
   * file it declares, and its headline numbers are finite. A new probe is covered by adding it to
   * the registry.
   */
  @ParameterizedTest
  @MethodSource("probes")
  void everyProbeRunsWithItsDefaultsAndWritesItsFiles(String name) {
    ProbeSummary s = run(ProbeRegistry.parse("--probe", name).get(0), Map.of());
    s.headline()
        .forEach(
            (k, v) -> {
              if (v instanceof Double d) {
                assertThat(d).as(name + " headline " + k).isFinite();
              }
            });
  }

  private static List<String[]> csv(Path file) throws IOException {
    return Files.readAllLines(file).stream().skip(1).map(l -> l.split(",", -1)).toList();
  }

  @Test
  void sweep() throws IOException {
    ProbeSummary s = run(new SweepProbe(), Map.of("range", "2"));
    List<String[]> rows = csv(dir.resolve("sweep.csv"));
    assertThat(rows).hasSize(25);
    double min = 1;
    double sum = 0;
    for (String[] r : rows) {
      double acc = Double.parseDouble(r[2]);
      assertThat(acc).isEqualTo(Integer.parseInt(r[3]) / 64.0);
      assertThat(Double.parseDouble(r[5])).isBetween(0.0, 1.0);
      min = Math.min(min, acc);
      sum += acc;
      if (r[0].equals("0") && r[1].equals("0")) {
        assertThat(s.headline().get("accuracy_center")).isEqualTo(acc);
      }
    }
    assertThat(s.headline().get("accuracy_min")).isEqualTo(min);
    assertThat((double) s.headline().get("accuracy_mean")).isCloseTo(sum / 25, within(1e-12));
    // the centre matches the clean prediction
    int[] clean = Predictor.predict(net, TEST, net.manager());
    assertThat(s.headline().get("accuracy_center"))
        .isEqualTo(Metrics.accuracy(clean, TEST.labels()));
  }

  @Test
  void consistencyInEveryProtocol() throws IOException {
    for (String protocol : ConsistencyProtocol.ids()) {
      ProbeSummary s =
          run(new ConsistencyProbe(), Map.of("protocol", protocol, "pairs", "2", "max", "2"));
      double pct = (double) s.headline().get("consistency_pct");
      assertThat(pct).isBetween(0.0, 100.0);
      List<String[]> rows = csv(dir.resolve("consistency.csv"));
      assertThat(rows).hasSize(64);
      double mean =
          rows.stream().mapToDouble(r -> Double.parseDouble(r[5])).average().orElseThrow();
      assertThat(pct).isCloseTo(100 * mean, within(1e-9));
      int both = (int) s.headline().get("pairs_both_correct");
      int wrong = (int) s.headline().get("pairs_agree_wrong");
      int agreeing = rows.stream().mapToInt(r -> Integer.parseInt(r[3])).sum();
      assertThat(both + wrong).isEqualTo(agreeing);
      int byDistance =
          csv(dir.resolve("consistency-distance.csv")).stream()
              .mapToInt(r -> Integer.parseInt(r[2]))
              .sum();
      assertThat(byDistance).isEqualTo(agreeing);
    }
  }

  @Test
  void consistencyIsTheSameForTheSameSeed() {
    Map<String, String> p = Map.of("protocol", "zero", "pairs", "2");
    ProbeSummary a = run(new ConsistencyProbe(), p);
    ProbeSummary b = run(new ConsistencyProbe(), p);
    assertThat(b.headline()).isEqualTo(a.headline());
  }

  @Test
  void stability() throws IOException {
    ProbeSummary s = run(new StabilityProbe(), Map.of("pad", "2", "axis", "xy", "worst", "1"));
    double change = (double) s.headline().get("change_probability_x");
    assertThat(change).isBetween(0.0, 1.0);
    assertThat((double) s.headline().get("mac_y")).isBetween(0.0, 1.0);
    // jaggedness per image averages (T - 1) * P(change)
    assertThat((double) s.headline().get("jaggedness_mean_x")).isCloseTo(4 * change, within(1e-9));
    List<String[]> rows = csv(dir.resolve("stability.csv"));
    assertThat(rows).hasSize(10);
    double meanRate =
        rows.stream()
            .filter(r -> r[0].equals("x") && !r[5].isEmpty())
            .mapToDouble(r -> Double.parseDouble(r[5]))
            .average()
            .orElseThrow();
    assertThat(change).isCloseTo(meanRate, within(1e-9));
    double worst = (double) s.headline().get("worst_case_accuracy");
    double centre =
        rows.stream()
            .filter(r -> r[0].equals("x") && r[1].equals("0"))
            .mapToDouble(r -> Double.parseDouble(r[2]))
            .findFirst()
            .orElseThrow();
    assertThat(worst).isBetween(0.0, centre);
  }

  @Test
  void badOptionsNameTheOption() {
    assertThatThrownBy(() -> run(new SweepProbe(), Map.of("range", "17")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("param sweep.range");
    assertThatThrownBy(() -> run(new ConsistencyProbe(), Map.of("protocol", "diagonal")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("crop, circular, zero");
  }
}
