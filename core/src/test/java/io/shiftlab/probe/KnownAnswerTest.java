package io.shiftlab.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.random.Streams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known answers: a network with circular padding, stride 1 and global average pooling is exactly
 * invariant to circular shifts, so its circular consistency is 100% and its circular sweep is flat;
 * the same network with zero padding is not.
 */
class KnownAnswerTest {
  private static final InputShape SHAPE = new InputShape(1, 8, 8);
  private static final ImageSet RANDOM = sparseRandom(96, 4, 8, 5);

  @TempDir Path dir;

  /**
   * Random images with random labels; each image has its own density of bright pixels (5% to 90%),
   * so that their local statistics, and the class a random network picks, differ.
   */
  private static ImageSet sparseRandom(int n, int classes, int side, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int size = side * side;
    byte[] px = new byte[n * size];
    for (int i = 0; i < n; i++) {
      double density = 0.05 + 0.85 * rng.nextDouble();
      for (int j = 0; j < size; j++) {
        px[i * size + j] = (byte) (rng.nextDouble() < density ? 55 + rng.nextInt(200) : 0);
      }
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(classes);
    }
    return new ImageSet("random", px, labels, classes, 1, side, side);
  }

  private static TinyCircularNet network(PaddingMode mode) {
    return TinyCircularNet.create(mode, SHAPE, 4, 1).centreHead(RANDOM);
  }

  private ProbeContext context(Probe<?> probe, TinyCircularNet net, Map<String, String> params) {
    return new ProbeContext(
        net,
        net.name(),
        RANDOM,
        new Streams(7),
        net.manager(),
        new ProbeParams(probe.name(), probe.params(), params));
  }

  private static void assertPredictsSeveralClasses(TinyCircularNet net) {
    int[] pred = Predictor.predict(net, RANDOM, net.manager());
    assertThat(Arrays.stream(pred).distinct().count())
        .as("the test is only meaningful if the net is not constant")
        .isGreaterThan(1);
  }

  /** The circular-protocol consistency of a net at 4 pairs per image, M = 3, as a value. */
  private ConsistencyMetrics.MeanCi circularConsistency(TinyCircularNet net) {
    assertPredictsSeveralClasses(net);
    ConsistencyProbe probe = new ConsistencyProbe();
    return probe
        .measure(context(probe, net, Map.of("protocol", "circular", "pairs", "4", "max", "3")))
        .consistency();
  }

  @Test
  void circularPaddingGivesFullCircularConsistency() {
    try (TinyCircularNet net = network(PaddingMode.CIRCULAR)) {
      ConsistencyMetrics.MeanCi c = circularConsistency(net);
      assertThat(c.mean()).isEqualTo(1.0);
      assertThat(c.halfWidth()).isEqualTo(0.0);
    }
  }

  @Test
  void circularSweepOfACircularNetIsFlat() throws IOException {
    try (TinyCircularNet net = network(PaddingMode.CIRCULAR)) {
      SweepProbe probe = new SweepProbe();
      ProbeSummary s =
          ProbeJob.write(probe, context(probe, net, Map.of("range", "3", "mode", "circular")), dir);
      double center = (double) s.headline().get("accuracy_center");
      assertThat(s.headline().get("accuracy_min")).isEqualTo(center);
      List<String> csv = Files.readAllLines(dir.resolve("sweep.csv"));
      assertThat(csv).hasSize(1 + 49);
      String correctAtCentre = csv.get(1 + 24).split(",")[3];
      for (String line : csv.subList(1, csv.size())) {
        assertThat(line.split(",")[3]).isEqualTo(correctAtCentre);
      }
    }
  }

  @Test
  void zeroPaddingBreaksCircularConsistency() {
    try (TinyCircularNet net = network(PaddingMode.ZERO)) {
      assertThat(circularConsistency(net).mean()).isLessThan(1.0);
    }
  }
}
