package io.shiftlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.shiftlab.report.Json;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.LineSeries;
import io.shiftlab.report.SeriesStyle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A budget curve drawn from finished runs: for each named check, its effect and 95% interval as
 * {@code outcome.json} records them, against a training size the caller gives per run. The points
 * are the runs' own numbers, nothing is trained here.
 *
 * <p>Usage: {@code bench/java io.shiftlab.bench.CheckCurve --title TEXT --x-title TEXT --out PREFIX
 * --check TEXT [--check TEXT]... X=DIR [X=DIR]...}: {@code --check} picks the check whose
 * expectation contains the text (exactly one per run), {@code X=DIR} places the experiment folder
 * {@code DIR} (holding {@code outcome.json}) at x = {@code X}; writes {@code PREFIX.png} and {@code
 * PREFIX.svg} and prints one Markdown row per run and check. A check is looked for among the card's
 * checks and among our own hypotheses.
 */
public final class CheckCurve {
  private CheckCurve() {}

  /**
   * One check of one run.
   *
   * @param x where the run sits on the x axis
   * @param check the text that picked the check
   * @param value the effect
   * @param lo the interval's lower end
   * @param hi the interval's upper end
   * @param threshold the claim's threshold as text, e.g. {@code > 10.0}
   * @param decision held, not held or inconclusive
   * @param budget the run's budget level
   * @param experiment the run's experiment
   */
  record Point(
      double x,
      String check,
      double value,
      double lo,
      double hi,
      String threshold,
      String decision,
      String budget,
      String experiment) {}

  /**
   * Reads the picked checks of one run.
   *
   * @param x its position on the x axis
   * @param dir the experiment folder
   * @param checks the texts that pick the checks
   * @return one point per check
   * @throws IOException if {@code outcome.json} cannot be read
   */
  static List<Point> read(double x, Path dir, List<String> checks) throws IOException {
    Path file = dir.resolve("outcome.json");
    JsonNode o = Json.mapper().readTree(file.toFile());
    List<Point> out = new ArrayList<>();
    for (String text : checks) {
      List<JsonNode> found = new ArrayList<>();
      // the card's checks and our own hypotheses (kept apart from the verdict) alike
      for (String list : new String[] {"checks", "ownHypotheses"}) {
        for (JsonNode k : o.path(list)) {
          if (k.path("expected").asText().contains(text)) {
            found.add(k);
          }
        }
      }
      if (found.size() != 1) {
        throw new IllegalArgumentException(
            file + ": " + found.size() + " checks match '" + text + "', need exactly 1");
      }
      JsonNode k = found.get(0);
      JsonNode e = k.path("effect");
      if (e.isMissingNode() || e.isNull()) {
        throw new IllegalArgumentException(file + ": check '" + text + "' is exact, no interval");
      }
      out.add(
          new Point(
              x,
              text,
              number(e.get("value"), "value", file),
              number(e.get("lo"), "lo", file),
              number(e.get("hi"), "hi", file),
              k.path("threshold").asText(),
              k.path("decision").asText().toLowerCase(Locale.ROOT).replace('_', ' '),
              o.path("budget").asText(),
              o.path("experiment").asText()));
    }
    return out;
  }

  /**
   * Refuses points from runs of different experiments, which one curve cannot compare.
   *
   * @param points the points of every run
   * @throws IllegalArgumentException naming the experiments found
   */
  static void requireOneExperiment(List<Point> points) {
    List<String> experiments = points.stream().map(Point::experiment).distinct().toList();
    if (experiments.size() != 1) {
      throw new IllegalArgumentException(
          "the runs are of different experiments " + experiments + "; a curve needs one");
    }
  }

  /**
   * A number read from a JSON file, refusing a missing or non-numeric value rather than reading it
   * as 0 (Jackson's {@code asDouble} default).
   *
   * @param value the value's node, null or missing when absent
   * @param name its name, for the message
   * @param file the file, for the message
   * @return the value
   */
  static double number(JsonNode value, String name, Path file) {
    if (value == null || !value.isNumber()) {
      throw new IllegalArgumentException(file + ": '" + name + "' is missing or not a number");
    }
    return value.doubleValue();
  }

  /**
   * The chart: per check a solid line through the effects and thin dashed lines in its colour along
   * the interval's ends.
   *
   * @param title the title
   * @param xTitle the x axis title
   * @param points the points of every run
   * @param checks the checks, in legend order
   * @return the chart
   */
  static LineChart chart(String title, String xTitle, List<Point> points, List<String> checks) {
    LineChart.Builder b = LineChart.builder(title).xTitle(xTitle).yTitle("effect, 95% interval");
    for (String c : checks) {
      List<Point> ps =
          points.stream()
              .filter(p -> p.check().equals(c))
              .sorted(Comparator.comparingDouble(Point::x))
              .toList();
      double[] x = ps.stream().mapToDouble(Point::x).toArray();
      b.series(
          LineSeries.of(
              c + " (claim " + ps.get(0).threshold() + ")",
              x,
              ps.stream().mapToDouble(Point::value).toArray()));
      b.series(
          new LineSeries(
              c + ": interval low",
              x,
              ps.stream().mapToDouble(Point::lo).toArray(),
              SeriesStyle.INTERVAL));
      b.series(
          new LineSeries(
              c + ": interval high",
              x,
              ps.stream().mapToDouble(Point::hi).toArray(),
              SeriesStyle.INTERVAL));
    }
    return b.build();
  }

  /**
   * Draws the curve.
   *
   * @param args see the class note
   * @throws IOException if a run cannot be read or the chart written
   */
  public static void main(String[] args) throws IOException {
    String title = null;
    String xTitle = null;
    Path out = null;
    List<String> checks = new ArrayList<>();
    List<Point> points = new ArrayList<>();
    List<String[]> runs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("--") && i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      switch (a) {
        case "--title" -> title = args[++i];
        case "--x-title" -> xTitle = args[++i];
        case "--out" -> out = Path.of(args[++i]);
        case "--check" -> checks.add(args[++i]);
        default -> {
          int eq = args[i].indexOf('=');
          if (eq < 1) {
            throw new IllegalArgumentException("expected X=DIR, got " + args[i]);
          }
          runs.add(new String[] {args[i].substring(0, eq), args[i].substring(eq + 1)});
        }
      }
    }
    if (title == null || xTitle == null || out == null || checks.isEmpty() || runs.isEmpty()) {
      throw new IllegalArgumentException(
          "need --title, --x-title, --out, at least one --check and one X=DIR");
    }
    for (String[] r : runs) {
      points.addAll(read(Double.parseDouble(r[0]), Path.of(r[1]), checks));
    }
    requireOneExperiment(points);
    LineChart chart = chart(title, xTitle, points, checks);
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    chart.writePng(parent.resolve(out.getFileName() + ".png"));
    chart.writeSvg(parent.resolve(out.getFileName() + ".svg"));
    System.out.println("| x | budget | check | effect [95% interval] | claim | decision |");
    System.out.println("|--:|:--|:--|:--|:--|:--|");
    for (Point p : points) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %.1f [%.1f, %.1f] | %s | %s |%n",
          p.x(),
          p.budget(),
          p.check(),
          p.value(),
          p.lo(),
          p.hi(),
          p.threshold(),
          p.decision());
    }
  }
}
