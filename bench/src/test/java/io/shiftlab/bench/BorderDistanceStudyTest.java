package io.shiftlab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.bench.BorderDistanceStudy.Point;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.LineSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The border-distance budget curve, redrawn from the study's CSV and a default run. */
class BorderDistanceStudyTest {
  private static final String CSV =
      "cell,train,epochs,padding,seeds,accuracy,a0,a1,a2,seconds\n"
          + "12,2500,6,zero,3,0.1903,0.2635,0.0646,0.0000,304\n"
          + "12,2500,6,reflect,3,0.3603,0.4962,0.0846,0.3301,304\n"
          + "28,5000,5,zero,3,0.0390,0.0600,0.0020,0.0000,900\n";

  /** Only the black-canvas LOC arms with zero or reflect padding of a default run are points. */
  private static final String RESULTS =
      "{\"budget\": {\"cell\": 12, \"train\": 2500, \"epochs\": 3},"
          + " \"arms\": ["
          + arm("LOC", "ZERO", "BLACK", 0.148, 0.174)
          + ","
          + arm("LOC", "REFLECT", "BLACK", 0.364, 0.503)
          + ","
          + arm("LOC", "ZERO", "WHITE", 0.140, 0.163)
          + ","
          + arm("SEM", "ZERO", "BLACK", 0.430, 0.425)
          + "]}";

  private static String arm(String task, String padding, String colour, double acc, double a0) {
    return "{\"spec\": {\"task\": \""
        + task
        + "\", \"padding\": \""
        + padding
        + "\", \"colour\": \""
        + colour
        + "\"}, \"accuracy\": "
        + acc
        + ", \"ringAccuracy\": ["
        + a0
        + ", 0.1, 0.2]}";
  }

  @Test
  void readsTheCsvAndTheDefaultRunsLocArms(@TempDir Path dir) throws IOException {
    Path csv = Files.writeString(dir.resolve("s.csv"), CSV);
    Files.writeString(dir.resolve("results.json"), RESULTS);
    List<Point> points = new ArrayList<>(BorderDistanceStudy.readCsv(csv));
    points.addAll(BorderDistanceStudy.defaultRun(dir));
    assertThat(points)
        .containsExactly(
            new Point(12, 2500, 6, "zero", 0.1903, 0.2635),
            new Point(12, 2500, 6, "reflect", 0.3603, 0.4962),
            new Point(28, 5000, 5, "zero", 0.0390, 0.0600),
            new Point(12, 2500, 3, "zero", 0.148, 0.174),
            new Point(12, 2500, 3, "reflect", 0.364, 0.503));

    LineChart chart = BorderDistanceStudy.chart(points);
    LineSeries zeroBorder =
        chart.series().stream()
            .filter(s -> s.name().equals("zero, 12-px cells: A(0)"))
            .findFirst()
            .orElseThrow();
    // sorted by training images x epochs, in percent
    assertThat(zeroBorder.x()).containsExactly(7.5, 15.0);
    assertThat(zeroBorder.y()).containsExactly(17.4, 26.35);
    assertThat(chart.series()).hasSize(2 * 3 + 2); // two lines per arm, the claim, chance
  }

  @Test
  void refusesARunWithoutTheArms(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("results.json"),
        "{\"budget\": {\"cell\": 12, \"train\": 10, \"epochs\": 1}, \"arms\": []}");
    assertThatThrownBy(() -> BorderDistanceStudy.defaultRun(dir))
        .hasMessageContaining("no LOC zero or reflect arm");
  }
}
