package io.shiftlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.shiftlab.data.DataInstaller;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.DataStore;
import io.shiftlab.data.DatasetSource;
import io.shiftlab.data.SplitLimits;
import io.shiftlab.data.synthetic.CanvasGrid.Colour;
import io.shiftlab.data.synthetic.CanvasGrid.Task;
import io.shiftlab.experiment.BorderDistanceExperiment;
import io.shiftlab.experiment.BorderDistanceReport;
import io.shiftlab.experiment.BorderDistanceReport.ArmResult;
import io.shiftlab.experiment.BorderDistanceReport.Budget;
import io.shiftlab.experiment.BorderDistanceReport.RunSpec;
import io.shiftlab.experiment.Check;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.random.Streams;
import io.shiftlab.report.Json;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.LineSeries;
import io.shiftlab.report.SeriesStyle;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How border-distance's location task (PROTOCOLS card 9) responds to training: the zero-padded (and
 * reflect-padded) LOC models on a black canvas at the default budget's 12-px cells with more
 * epochs, and at the card's 28-px cells with its 5000 images and 5 epochs (the paper budget's
 * size). Every configuration runs {@link BorderDistanceExperiment#run} with only these arms and
 * decides the experiment's own checks on them ({@link BorderDistanceReport#checks}).
 *
 * <p>Options ({@link StudyOptions}): {@code --threads T}, {@code --seeds N} (default 3), {@code
 * --quick}, {@code --csv FILE}, {@code --md FILE}, {@code --work DIR}; {@code --chart-only} redraws
 * {@code docs/img/border-distance-budget.png} (and {@code .svg}) from the CSV, adding the default
 * budget's 3-epoch arms from {@code --default-run DIR}, the folder of a finished {@code reproduce
 * border-distance} at the default budget (its LOC zero and reflect arms on the black canvas are
 * this study's 12-px configuration at 3 epochs, trained by the same code from the same seeds).
 */
public final class BorderDistanceStudy {
  /** The experiment's master seed. */
  public static final long SEED = 1;

  /**
   * One configuration.
   *
   * @param cell the cell side in pixels (the canvas is 5 cells wide)
   * @param train training images
   * @param epochs epochs
   * @param paddings the LOC arms' paddings, black canvas
   */
  public record Config(int cell, int train, int epochs, List<PaddingMode> paddings) {
    /** A readable description. */
    public String setting() {
      return String.format(Locale.ROOT, "%d px cells, %d images, %d epochs", cell, train, epochs);
    }
  }

  /**
   * One arm of one configuration.
   *
   * @param config the configuration
   * @param padding the arm's padding
   * @param accuracy overall LOC accuracy, mean over runs
   * @param rings A(0), A(1), A(2), means over runs
   * @param checks the experiment's checks decided on this configuration's arms
   * @param seconds wall time of the configuration
   */
  public record Outcome(
      Config config,
      PaddingMode padding,
      double accuracy,
      double[] rings,
      List<Check> checks,
      double seconds) {}

  /** The option naming a default-budget {@code reproduce border-distance} folder for the chart. */
  static final String DEFAULT_RUN = "--default-run";

  /** The card's expectation for the border ring of LOC zero: A(0) above 90%. */
  static final double BORDER_CLAIM = 0.9;

  /**
   * One arm's means, as the chart needs them.
   *
   * @param cell the cell side in pixels
   * @param train training images
   * @param epochs epochs
   * @param padding the padding's id
   * @param accuracy overall accuracy, mean over runs
   * @param a0 A(0), the border ring's accuracy, mean over runs
   */
  record Point(int cell, int train, int epochs, String padding, double accuracy, double a0) {
    /** Training images times epochs, in thousands. */
    double imageEpochs() {
      return train * (double) epochs / 1000;
    }
  }

  private BorderDistanceStudy() {}

  /**
   * The configurations, cheap first.
   *
   * @param quick the smoke version
   * @return the configurations
   */
  public static List<Config> plan(boolean quick) {
    List<PaddingMode> zeroReflect = List.of(PaddingMode.ZERO, PaddingMode.REFLECT);
    if (quick) {
      return List.of(new Config(12, 64, 1, zeroReflect));
    }
    return List.of(
        new Config(12, 2500, 6, zeroReflect),
        new Config(12, 2500, 12, zeroReflect),
        new Config(28, 5000, 5, List.of(PaddingMode.ZERO)));
  }

  /**
   * Runs the study.
   *
   * @param args see the class note
   * @throws IOException on write failure
   */
  public static void main(String[] args) throws IOException {
    StudyOptions opts =
        StudyOptions.parse(
            args, Path.of("bench/results/border-distance-study.csv"), 3, 2, Set.of(DEFAULT_RUN));
    if (opts.chartOnly()) {
      List<Point> points = new ArrayList<>(readCsv(opts.csv()));
      String run = opts.extra().get(DEFAULT_RUN);
      if (run != null) {
        points.addAll(defaultRun(Path.of(run)));
      }
      opts.writeChart(chart(points), "border-distance-budget");
      return;
    }
    int t = TorchRuntime.configure(opts.threads(), null);
    Path work = opts.workOrTemp("border-distance-study");
    DataSplits data =
        DatasetSource.parse("digits")
            .load(
                DataInstaller.apt(DataStore.fromEnvironment(), m -> log("%s%n", m)),
                new Streams(SEED),
                SplitLimits.NONE);
    List<Outcome> outcomes = new ArrayList<>();
    List<Config> plan = plan(opts.quick());
    log("%d configurations x %d seeds, %d threads%n", plan.size(), opts.seeds(), t);
    for (int i = 0; i < plan.size(); i++) {
      Config c = plan.get(i);
      List<RunSpec> arms =
          c.paddings().stream().map(p -> new RunSpec(Task.LOC, p, Colour.BLACK)).toList();
      Budget budget = new Budget(c.cell(), c.train(), 500, 2500, c.epochs(), 20, arms);
      long t0 = System.nanoTime();
      BorderDistanceReport.Result r =
          BorderDistanceExperiment.run(
              budget,
              opts.seeds(),
              SEED,
              data,
              work.resolve("c" + i),
              (spec, run) -> TrainingListener.NONE);
      double seconds = (System.nanoTime() - t0) / 1e9;
      List<Check> checks = BorderDistanceReport.checks(r);
      for (ArmResult a : r.arms()) {
        Outcome o =
            new Outcome(
                c,
                a.spec().padding(),
                a.accuracy(),
                new double[] {a.ring(0), a.ring(1), a.ring(2)},
                checks,
                seconds);
        outcomes.add(o);
        log(
            "%s, %s: accuracy %.1f%%, A(0..2) %.1f / %.1f / %.1f%%, %.0f s%n",
            c.setting(),
            o.padding().id(),
            100 * o.accuracy(),
            100 * o.rings()[0],
            100 * o.rings()[1],
            100 * o.rings()[2],
            seconds);
      }
      for (Check k : checks) {
        log("  %s: %s — %s%n", k.decision(), k.expected(), k.measured());
      }
      // written after every configuration, so a run cut short keeps what it measured
      write(outcomes, opts, t);
    }
    System.out.println(markdown(outcomes, opts.seeds(), t));
  }

  private static void write(List<Outcome> outcomes, StudyOptions opts, int threads)
      throws IOException {
    Files.createDirectories(opts.csv().toAbsolutePath().getParent());
    Files.writeString(
        opts.csv(),
        StudyCsv.of(
            "cell,train,epochs,padding,seeds,accuracy,a0,a1,a2,seconds\n",
            outcomes,
            "%d,%d,%d,%s,%d,%.4f,%.4f,%.4f,%.4f,%.0f%n",
            o ->
                new Object[] {
                  o.config().cell(),
                  o.config().train(),
                  o.config().epochs(),
                  o.padding().id(),
                  opts.seeds(),
                  o.accuracy(),
                  o.rings()[0],
                  o.rings()[1],
                  o.rings()[2],
                  o.seconds()
                }));
    if (opts.md() != null) {
      Files.writeString(opts.md(), markdown(outcomes, opts.seeds(), threads));
    }
  }

  static String markdown(List<Outcome> outcomes, int seeds, int threads) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "border-distance, location task on a black canvas (5 x 5 cells, chance 4%%): accuracy"
                + " and A(d) by ring, means over %d seeds%s; then the experiment's checks decided"
                + " on these arms.%n%n",
            seeds,
            threads == 1 ? ", 1 thread" : ", " + threads + " threads"));
    sb.append("| cells | images | epochs | padding | accuracy % | A(0) % | A(1) % | A(2) % |\n");
    sb.append("|--:|--:|--:|:--|--:|--:|--:|--:|\n");
    Config last = null;
    StringBuilder checks = new StringBuilder();
    for (Outcome o : outcomes) {
      Config c = o.config();
      sb.append(
          String.format(
              Locale.ROOT,
              "| %d px | %d | %d | %s | %.1f | %.1f | %.1f | %.1f |%n",
              c.cell(),
              c.train(),
              c.epochs(),
              o.padding().id(),
              100 * o.accuracy(),
              100 * o.rings()[0],
              100 * o.rings()[1],
              100 * o.rings()[2]));
      if (!c.equals(last)) {
        checks.append("\n").append(c.setting()).append(":\n\n");
        for (Check k : o.checks()) {
          checks
              .append("- ")
              .append(k.decision().name().toLowerCase(Locale.ROOT).replace('_', ' '))
              .append(": ")
              .append(k.expected())
              .append(" — ")
              .append(k.measured())
              .append('\n');
        }
        last = c;
      }
    }
    return sb.append(checks).toString();
  }

  /**
   * Reads the arms of a study's CSV.
   *
   * @param csv the CSV the study wrote
   * @return its rows
   * @throws IOException if it cannot be read
   */
  static List<Point> readCsv(Path csv) throws IOException {
    List<Point> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(csv);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      out.add(
          new Point(
              Integer.parseInt(f[0]),
              Integer.parseInt(f[1]),
              Integer.parseInt(f[2]),
              f[3],
              Double.parseDouble(f[5]),
              Double.parseDouble(f[6])));
    }
    return out;
  }

  /**
   * The LOC arms on the black canvas of a finished default-budget run, zero and reflect padding.
   *
   * @param dir the experiment's folder
   * @return its arms as points
   * @throws IOException if {@code results.json} cannot be read
   */
  static List<Point> defaultRun(Path dir) throws IOException {
    Path file = dir.resolve("results.json");
    JsonNode r = Json.mapper().readTree(file.toFile());
    JsonNode b = r.path("budget");
    List<Point> out = new ArrayList<>();
    for (JsonNode a : r.path("arms")) {
      JsonNode spec = a.path("spec");
      String padding = spec.path("padding").asText().toLowerCase(Locale.ROOT);
      if (spec.path("task").asText().equals("LOC")
          && spec.path("colour").asText().equals("BLACK")
          && (padding.equals("zero") || padding.equals("reflect"))) {
        out.add(
            new Point(
                (int) CheckCurve.number(b.get("cell"), "budget.cell", file),
                (int) CheckCurve.number(b.get("train"), "budget.train", file),
                (int) CheckCurve.number(b.get("epochs"), "budget.epochs", file),
                padding,
                CheckCurve.number(a.get("accuracy"), "accuracy", file),
                CheckCurve.number(a.path("ringAccuracy").get(0), "ringAccuracy[0]", file)));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(dir + ": no LOC zero or reflect arm on the black canvas");
    }
    return out;
  }

  /**
   * The budget curve: the border ring's accuracy A(0) and the overall accuracy against training
   * images x epochs, per padding at 12-px cells, the card's 28-px cells as separate points, with
   * the card's 90% and the chance level as dashed lines.
   *
   * @param points the arms
   * @return the chart
   */
  static LineChart chart(List<Point> points) {
    double xMax = points.stream().mapToDouble(Point::imageEpochs).max().orElse(1);
    LineChart.Builder b =
        LineChart.builder("border-distance, LOC on a black canvas: accuracy vs training")
            .xTitle("training images x epochs (thousands)")
            .yTitle("accuracy (%), mean over seeds");
    for (int cell : new int[] {12, 28}) {
      for (String padding : List.of("zero", "reflect")) {
        List<Point> ps =
            points.stream()
                .filter(p -> p.cell() == cell && p.padding().equals(padding))
                .sorted(Comparator.comparingDouble(Point::imageEpochs))
                .toList();
        if (ps.isEmpty()) {
          continue;
        }
        double[] x = ps.stream().mapToDouble(Point::imageEpochs).toArray();
        String name = padding + ", " + cell + "-px cells";
        b.series(
            LineSeries.of(
                name + ": A(0)", x, ps.stream().mapToDouble(p -> 100 * p.a0()).toArray()));
        b.series(
            new LineSeries(
                name + ": overall",
                x,
                ps.stream().mapToDouble(p -> 100 * p.accuracy()).toArray(),
                SeriesStyle.DASHED));
      }
    }
    double[] span = {0, xMax};
    b.series(
        new LineSeries(
            "card: A(0) > 90% (zero)",
            span, new double[] {100 * BORDER_CLAIM, 100 * BORDER_CLAIM}, SeriesStyle.DASHED));
    b.series(new LineSeries("chance (4%)", span, new double[] {4, 4}, SeriesStyle.DASHED));
    return b.build();
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "border-distance-study: " + format, args);
  }
}
