package io.shiftlab.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.Network;
import io.shiftlab.nn.zoo.InputShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known answers: a network with circular padding, stride 1 and global average pooling is exactly
 * invariant to circular shifts, so its circular consistency is 100% and its circular sweep is flat;
 * the same network with zero padding is not.
 */
class KnownAnswerTest {
  private static final InputShape SHAPE = new InputShape(1, 8, 8);
  private static final ImageSet RANDOM = ProbeTestSupport.sparseRandom(96, 4, 8, 5);

  @TempDir Path dir;

  private static Network network(boolean circular) {
    Network net = ProbeTestSupport.gapNetwork(circular, SHAPE, 4, 1);
    ProbeTestSupport.centreHead(net, RANDOM);
    return net;
  }

  private static void assertPredictsSeveralClasses(Network net) {
    int[] pred = Predictor.predict(net, RANDOM, net.manager());
    assertThat(Arrays.stream(pred).distinct().count())
        .as("the test is only meaningful if the net is not constant")
        .isGreaterThan(1);
  }

  @Test
  void circularPaddingGivesFullCircularConsistency() {
    try (Network net = network(true)) {
      assertPredictsSeveralClasses(net);
      ConsistencyProbe probe = new ConsistencyProbe();
      ProbeSummary s =
          probe.run(
              ProbeTestSupport.context(
                  probe,
                  net,
                  RANDOM,
                  Map.of("protocol", "circular", "pairs", "4", "max", "3"),
                  dir));
      assertThat(s.headline().get("consistency_pct")).isEqualTo(100.0);
      assertThat(s.headline().get("consistency_ci95_pct")).isEqualTo(0.0);
    }
  }

  @Test
  void circularSweepOfACircularNetIsFlat() throws IOException {
    try (Network net = network(true)) {
      SweepProbe probe = new SweepProbe();
      ProbeSummary s =
          probe.run(
              ProbeTestSupport.context(
                  probe, net, RANDOM, Map.of("range", "3", "mode", "circular"), dir));
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
    try (Network net = network(false)) {
      assertPredictsSeveralClasses(net);
      ConsistencyProbe probe = new ConsistencyProbe();
      ProbeSummary s =
          probe.run(
              ProbeTestSupport.context(
                  probe,
                  net,
                  RANDOM,
                  Map.of("protocol", "circular", "pairs", "4", "max", "3"),
                  dir));
      assertThat((double) s.headline().get("consistency_pct")).isLessThan(100.0);
    }
  }
}
