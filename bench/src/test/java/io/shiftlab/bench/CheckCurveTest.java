package io.shiftlab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.bench.CheckCurve.Point;
import io.shiftlab.report.LineChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Budget curves drawn from the checks that runs recorded in outcome.json. */
class CheckCurveTest {
  /** A run folder {@code dir/name} holding the given {@code outcome.json}. */
  private static Path outcome(Path dir, String name, String json) throws IOException {
    Path d = Files.createDirectories(dir.resolve(name));
    Files.writeString(d.resolve("outcome.json"), json);
    return d;
  }

  /** One check as outcome.json records it; {@code effect} is the inside of its effect object. */
  private static String check(String expected, String decision, String threshold, String effect) {
    return String.format(
        "{\"expected\": \"%s\", \"decision\": \"%s\", \"threshold\": \"%s\", \"effect\": {%s}}",
        expected, decision, threshold, effect);
  }

  private static Path run(Path dir, String name, String budget, double value, double lo, double hi)
      throws IOException {
    String effect = "\"value\": " + value + ", \"lo\": " + lo + ", \"hi\": " + hi;
    return outcome(
        dir,
        name,
        "{\"experiment\": \"toy\", \"budget\": \""
            + budget
            + "\", \"checks\": ["
            + check("gap > 10", "NOT_HELD", "> 10.0", effect)
            + ", {\"expected\": \"exactly 100%\", \"decision\": \"HELD\"}]}");
  }

  @Test
  void readsEachRunsIntervalAndSortsByX(@TempDir Path dir) throws IOException {
    Path paper = run(dir, "p", "paper", 12.5, 11.0, 14.0);
    Path full = run(dir, "f", "full", 8.0, 6.5, 9.5);
    List<Point> points = new ArrayList<>(CheckCurve.read(40, paper, List.of("gap")));
    points.addAll(CheckCurve.read(6, full, List.of("gap")));
    assertThat(points.get(1))
        .isEqualTo(new Point(6, "gap", 8.0, 6.5, 9.5, "> 10.0", "not held", "full", "toy"));
    CheckCurve.requireOneExperiment(points);
    LineChart chart = CheckCurve.chart("t", "x", points, List.of("gap"));
    assertThat(chart.series()).hasSize(3);
    assertThat(chart.series().get(0).x()).containsExactly(6, 40);
    assertThat(chart.series().get(0).y()).containsExactly(8.0, 12.5);
    assertThat(chart.series().get(1).y()).containsExactly(6.5, 11.0);
    assertThat(chart.series().get(2).y()).containsExactly(9.5, 14.0);
  }

  @Test
  void refusesExactChecksAndAmbiguousOrMissingNames(@TempDir Path dir) throws IOException {
    Path d = run(dir, "f", "full", 8.0, 6.5, 9.5);
    assertThatThrownBy(() -> CheckCurve.read(1, d, List.of("exactly")))
        .hasMessageContaining("is exact, no interval");
    assertThatThrownBy(() -> CheckCurve.read(1, d, List.of("0")))
        .hasMessageContaining("2 checks match '0'");
    assertThatThrownBy(() -> CheckCurve.read(1, d, List.of("nothing")))
        .hasMessageContaining("0 checks match");
  }

  @Test
  void findsOurOwnHypothesesBesideTheCardsChecks(@TempDir Path dir) throws IOException {
    String twin =
        check(
            "twin less hurt",
            "INCONCLUSIVE",
            "> 0.0",
            "\"value\": -5.0, \"lo\": -13.0, \"hi\": 2.5");
    Path d =
        outcome(
            dir,
            "o",
            "{\"experiment\": \"toy\", \"budget\": \"full\", \"checks\": [], \"ownHypotheses\": ["
                + twin
                + "]}");
    assertThat(CheckCurve.read(9, d, List.of("twin")))
        .containsExactly(
            new Point(9, "twin", -5.0, -13.0, 2.5, "> 0.0", "inconclusive", "full", "toy"));
  }

  @Test
  void refusesRunsOfDifferentExperiments() {
    List<Point> points =
        List.of(
            new Point(1, "gap", 1, 0, 2, "> 0", "held", "full", "framing-bias"),
            new Point(2, "gap", 1, 0, 2, "> 0", "held", "paper", "red-green"));
    assertThatThrownBy(() -> CheckCurve.requireOneExperiment(points))
        .hasMessageContaining("different experiments [framing-bias, red-green]");
  }

  /** A missing interval end is refused, not read as 0. */
  @Test
  void refusesAMissingIntervalEnd(@TempDir Path dir) throws IOException {
    String gap = check("gap", "HELD", "> 0", "\"value\": 1.0, \"hi\": 2.0");
    Path d = outcome(dir, "m", "{\"budget\": \"full\", \"checks\": [" + gap + "]}");
    assertThatThrownBy(() -> CheckCurve.read(1, d, List.of("gap")))
        .hasMessageContaining("'lo' is missing or not a number");
  }
}
