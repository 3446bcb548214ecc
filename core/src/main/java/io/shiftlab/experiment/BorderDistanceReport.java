package io.shiftlab.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.shiftlab.data.synthetic.CanvasGrid.Colour;
import io.shiftlab.data.synthetic.CanvasGrid.Task;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.nn.zoo.AllConvNets;
import io.shiftlab.probe.DistanceBin;
import io.shiftlab.probe.GridAccuracy;
import io.shiftlab.probe.Metrics;
import io.shiftlab.probe.StabilityMetrics;
import io.shiftlab.report.Column;
import io.shiftlab.report.Heatmap;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.Table;
import io.shiftlab.stats.Intervals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The result of the border-distance experiment (PROTOCOLS card 9) as values, and how it is written:
 * {@code results.md}, {@code results.csv}, {@code results.json}, the A(d) curves ({@code
 * loc-by-distance}, {@code loc-by-colour}, {@code sem-by-distance}, PNG and SVG, means over an
 * arm's runs) and one per-cell heatmap per arm ({@code cells-ARM.png}, PNG only, the mean over its
 * runs; every run's grid is in {@code results.json}). The checks are decided here, from the result
 * alone. The card's numbers are unverified: there is no published column.
 */
public final class BorderDistanceReport extends PagedReport<BorderDistanceReport.Result> {
  /** A(d) of LOC per padding on the black canvas. */
  public static final String BY_PADDING = "loc-by-distance";

  /** A(d) of LOC with zero padding per canvas colour. */
  public static final String BY_COLOUR = "loc-by-colour";

  /** A(d) of SEM per padding. */
  public static final String SEM = "sem-by-distance";

  /** "High" LOC accuracy at the border, chosen a priori: A(0) above this. */
  static final double HIGH = 0.90;

  /** The rings of a 5x5 grid: d = 0, 1, 2. */
  static final int RINGS = 3;

  /** Logits equal "to float rounding": spread at most this fraction of the largest logit. */
  static final double ROUNDING = 1e-4;

  /** Creates the report (stateless). */
  public BorderDistanceReport() {}

  /**
   * One arm: a model trained once per run seed.
   *
   * @param task what it predicts
   * @param padding its padding
   * @param colour the canvas colour
   */
  public record RunSpec(Task task, PaddingMode padding, Colour colour) {
    /** E.g. {@code loc-zero-black}. */
    public String id() {
      return task.id() + "-" + padding.id() + "-" + colour.id();
    }
  }

  /**
   * The budget.
   *
   * @param cell cell side in pixels, a multiple of the total stride
   * @param train training images
   * @param val validation images
   * @param test test images
   * @param epochs epochs per model
   * @param allCellsDigits digits placed in every cell for the circular known answer
   * @param runs the arms to train (each once per run seed)
   */
  public record Budget(
      int cell, int train, int val, int test, int epochs, int allCellsDigits, List<RunSpec> runs) {
    /** Validates the sizes. */
    public Budget {
      if (cell % AllConvNets.BORDER_TOTAL_STRIDE != 0) {
        throw new IllegalArgumentException("cell must be a multiple of the total stride 4");
      }
      if (cell < 1 || train < 1 || val < 1 || test < 1 || epochs < 1 || allCellsDigits < 1) {
        throw new IllegalArgumentException("budget sizes must be >= 1");
      }
      runs = List.copyOf(runs);
    }
  }

  /**
   * What one model (one run of an arm) measured.
   *
   * @param spec the arm
   * @param run the run index r
   * @param seed its training seed, {@link io.shiftlab.random.Streams#runSeed}{@code (master, r)}
   * @param runDir its run directory, relative to the output directory
   * @param chance the chance accuracy, {@code 1 / classes}
   * @param accuracy test accuracy over all cells
   * @param cellAccuracy {@code A(r, c)}
   * @param rings {@code A(d)}, d = 0, 1, 2
   * @param invariance for circular LOC runs, the all-cells measurement; else null
   * @param correct per test image, 1 if classified correctly (not written to JSON); every run on
   *     one canvas colour has the same test images in the same order, and every colour the same
   *     digits in the same cells
   * @param distance per test image, its cell's distance to the border (not written to JSON)
   */
  public record RunResult(
      RunSpec spec,
      int run,
      long seed,
      String runDir,
      double chance,
      double accuracy,
      double[][] cellAccuracy,
      List<DistanceBin> rings,
      GridAccuracy.Invariance invariance,
      @JsonIgnore double[] correct,
      @JsonIgnore int[] distance)
      implements ArmRun {
    /** {@code A(d)}. */
    public double ring(int d) {
      return GridAccuracy.at(rings, d);
    }

    /** {@code A(0) - A(2)}. */
    public double gap() {
      return ring(0) - ring(2);
    }

    /**
     * The correct flags of the test images at one distance to the border.
     *
     * @param d the distance
     * @return the flags, possibly none
     */
    public double[] correctAt(int d) {
      return IntStream.range(0, correct.length)
          .filter(i -> distance[i] == d)
          .mapToDouble(i -> correct[i])
          .toArray();
    }
  }

  /**
   * The runs of one arm, summarised over them.
   *
   * @param spec the arm
   * @param chance the chance accuracy, {@code 1 / classes}
   * @param accuracy mean test accuracy over the runs
   * @param accuracyStd its population std over the runs
   * @param cellAccuracy mean {@code A(r, c)} over the runs (NaN for a cell without test images)
   * @param ringAccuracy mean {@code A(d)} over the runs, d = 0, 1, 2 (NaN for an empty ring)
   * @param ringStd population std of {@code A(d)} over the runs
   * @param runs the runs, by run index
   */
  public record ArmResult(
      RunSpec spec,
      double chance,
      double accuracy,
      double accuracyStd,
      double[][] cellAccuracy,
      double[] ringAccuracy,
      double[] ringStd,
      List<RunResult> runs) {
    /** Validates the runs. */
    public ArmResult {
      if (runs.isEmpty()) {
        throw new IllegalArgumentException("an arm needs at least one run");
      }
      runs = List.copyOf(runs);
    }

    /**
     * Summarises the runs of an arm: means and population stds over them.
     *
     * @param spec the arm
     * @param runs its runs, at least one, each with the same test images
     * @return the summary
     */
    public static ArmResult of(RunSpec spec, List<RunResult> runs) {
      int g = runs.get(0).cellAccuracy().length;
      double[][] cells = new double[g][g];
      for (int y = 0; y < g; y++) {
        for (int x = 0; x < g; x++) {
          final int yy = y;
          final int xx = x;
          cells[y][x] =
              StabilityMetrics.mean(
                  runs.stream().mapToDouble(a -> a.cellAccuracy()[yy][xx]).toArray());
        }
      }
      double[] ring = new double[RINGS];
      double[] ringStd = new double[RINGS];
      for (int d = 0; d < RINGS; d++) {
        final int dd = d;
        double[] v = runs.stream().mapToDouble(a -> a.ring(dd)).toArray();
        ring[d] = StabilityMetrics.mean(v);
        ringStd[d] = Metrics.populationStd(v);
      }
      double[] acc = runs.stream().mapToDouble(RunResult::accuracy).toArray();
      return new ArmResult(
          spec,
          runs.get(0).chance(),
          StabilityMetrics.mean(acc),
          Metrics.populationStd(acc),
          cells,
          ring,
          ringStd,
          runs);
    }

    /** Mean {@code A(d)} over the runs. */
    public double ring(int d) {
      return ringAccuracy[d];
    }

    /** Mean {@code A(0) - A(2)} over the runs. */
    public double gap() {
      return ring(0) - ring(2);
    }
  }

  /**
   * The whole result.
   *
   * @param budget the budget
   * @param seeds runs per arm
   * @param seed the master seed (data, grids and run 0's training)
   * @param canvasValues the canvas value of each colour
   * @param arms one per {@link Budget#runs()}, in order
   */
  public record Result(
      Budget budget,
      int seeds,
      long seed,
      Map<Colour, Integer> canvasValues,
      List<ArmResult> arms) {
    /** Validates the values. */
    public Result {
      OverRuns.requireSeeds(seeds);
    }

    /** The arm of a spec, or null if this budget did not train it. */
    public ArmResult find(Task task, PaddingMode padding, Colour colour) {
      RunSpec want = new RunSpec(task, padding, colour);
      return arms.stream().filter(r -> r.spec().equals(want)).findFirst().orElse(null);
    }
  }

  /**
   * The main table: one row per arm, means over its runs.
   *
   * @param r the result
   * @return the table
   */
  public static Table table(Result r) {
    Table.Builder t =
        Table.builder(
            Column.text("task"),
            Column.text("padding"),
            Column.text("canvas"),
            Column.number("seeds"),
            Column.points("accuracy %", 1),
            Column.points("± std", 1).withKey("accuracy_std"),
            Column.points("chance %", 1),
            Column.points("A(0) %", 1),
            Column.points("A(1) %", 1),
            Column.points("A(2) %", 1),
            Column.points("A(0)-A(2) pts", 1));
    for (ArmResult a : r.arms()) {
      t.row(
          a.spec().task().id(),
          a.spec().padding().id(),
          a.spec().colour().id() + " (" + r.canvasValues().get(a.spec().colour()) + ")",
          a.runs().size(),
          100 * a.accuracy(),
          100 * a.accuracyStd(),
          100 * a.chance(),
          nan(100 * a.ring(0)),
          nan(100 * a.ring(1)),
          nan(100 * a.ring(2)),
          nan(100 * a.gap()));
    }
    return t.build();
  }

  private static Double nan(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static LineChart curves(
      Result r, String title, Predicate<ArmResult> which, boolean byColour) {
    LineChart.Builder c =
        LineChart.builder(title)
            .xTitle("cell distance to the border d = min(r, c, 4-r, 4-c)")
            .yTitle("test accuracy A(d), mean over runs")
            .yRange(0, 1);
    for (ArmResult a : r.arms()) {
      if (!which.test(a)) {
        continue;
      }
      double[] x = {0, 1, 2};
      double[] y = {a.ring(0), a.ring(1), a.ring(2)};
      c.series(byColour ? a.spec().colour().id() + " canvas" : a.spec().padding().id(), x, y);
    }
    return c.build();
  }

  /** The figures that this result's runs can draw, by file stem. */
  static List<String[]> charts(Result r) {
    List<String[]> out = new ArrayList<>();
    if (r.arms().stream().anyMatch(a -> isLocBlack(a))) {
      out.add(
          new String[] {BY_PADDING, "LOC accuracy by cell distance to the border, per padding"});
    }
    if (r.arms().stream().filter(BorderDistanceReport::isLocZero).count() > 1) {
      out.add(
          new String[] {BY_COLOUR, "LOC accuracy by distance, zero padding, per canvas colour"});
    }
    if (r.arms().stream().anyMatch(a -> a.spec().task() == Task.SEM)) {
      out.add(new String[] {SEM, "SEM accuracy by cell distance to the border, per padding"});
    }
    return out;
  }

  private static boolean isLocBlack(ArmResult a) {
    return a.spec().task() == Task.LOC && a.spec().colour() == Colour.BLACK;
  }

  private static boolean isLocZero(ArmResult a) {
    return a.spec().task() == Task.LOC && a.spec().padding() == PaddingMode.ZERO;
  }

  private static LineChart chart(Result r, String stem) {
    return switch (stem) {
      case BY_PADDING ->
          curves(
              r,
              "border-distance: LOC accuracy by distance to the border (black canvas)",
              BorderDistanceReport::isLocBlack,
              false);
      case BY_COLOUR ->
          curves(
              r,
              "border-distance: LOC, zero padding, by canvas colour",
              BorderDistanceReport::isLocZero,
              true);
      default ->
          curves(
              r,
              "border-distance: SEM (digit class) accuracy by distance (black canvas)",
              a -> a.spec().task() == Task.SEM,
              false);
    };
  }

  /**
   * The per-cell heatmap of an arm, the mean over its runs, in percent, row 0 on top.
   *
   * @param a the arm
   * @return the heatmap
   */
  public static Heatmap heatmap(ArmResult a) {
    return Heatmap.builder(
            "A(r, c) % — "
                + a.spec().task().id()
                + ", "
                + a.spec().padding().id()
                + " padding, "
                + a.spec().colour().id()
                + " canvas, mean of "
                + a.runs().size()
                + (a.runs().size() == 1 ? " run" : " runs"))
        .xTitle("cell column c")
        .yTitle("cell row r (0 = top)")
        .cellPercents(a.cellAccuracy())
        .scale(0, 100)
        .size(520, 480)
        .build();
  }

  static String heatmapFile(ArmResult a) {
    return "cells-" + a.spec().id() + ".png";
  }

  /**
   * The card's expectations (hypotheses) that the result's arms can test. Each statistical check is
   * decided by {@link Threshold#decide} from the 95% interval over the arm's runs (seeds, one row
   * of per-image values each) and the test images ({@link Intervals#overSeedsAndImages}), in
   * points: A(0) above 90%; A(0) - A(2) above 0 (or below 0 for SEM), unpaired within each run
   * since the two rings hold different images; another padding or canvas minus zero padding on
   * black, run r of one paired with run r of the other, image for image. The circular known answer
   * is exact and must hold in every run.
   *
   * @param r the result
   * @return the checks
   */
  public static List<Check> checks(Result r) {
    List<Check> checks = new ArrayList<>();
    for (PaddingMode p : List.of(PaddingMode.ZERO, PaddingMode.PARTIAL)) {
      ArmResult a = r.find(Task.LOC, p, Colour.BLACK);
      if (a != null) {
        String name = "LOC " + p.id() + " (black): ";
        checks.add(
            decide(
                name + "high at the border, A(0) > 90%",
                perRun(a, x -> x.correctAt(0)),
                Threshold.above(100 * HIGH),
                rings(a)));
        checks.add(
            decide(
                name + "errors at d 2 (A(0) - A(2) > 0)",
                perRun(a, BorderDistanceReport::ringGap),
                Threshold.above(0),
                rings(a)));
      }
    }
    ArmResult circ = r.find(Task.LOC, PaddingMode.CIRCULAR, Colour.BLACK);
    if (circ != null && circ.runs().stream().allMatch(x -> x.invariance() != null)) {
      checks.addAll(circular(circ));
    }
    ArmResult zero = r.find(Task.LOC, PaddingMode.ZERO, Colour.BLACK);
    if (zero != null) {
      for (PaddingMode p : List.of(PaddingMode.REFLECT, PaddingMode.REPLICATE, PaddingMode.NONE)) {
        ArmResult a = r.find(Task.LOC, p, Colour.BLACK);
        if (a != null) {
          checks.add(
              againstZero(
                  "LOC " + p.id() + " (black): lower accuracy than zero padding",
                  a,
                  zero,
                  "zero",
                  Threshold.below(0)));
        }
      }
      for (Colour c : List.of(Colour.WHITE, Colour.MEAN)) {
        ArmResult a = r.find(Task.LOC, PaddingMode.ZERO, c);
        if (a != null) {
          checks.add(
              againstZero(
                  "LOC zero: " + c.id() + " canvas stronger than black (hypothesis)",
                  a,
                  zero,
                  "black",
                  Threshold.above(0)));
        }
      }
    }
    ArmResult sem = r.find(Task.SEM, PaddingMode.ZERO, Colour.BLACK);
    if (sem != null) {
      checks.add(
          decide(
              "SEM zero (black): accuracy dips at d 0 (A(0) - A(2) < 0, hypothesis)",
              perRun(sem, BorderDistanceReport::ringGap),
              Threshold.below(0),
              rings(sem)));
    }
    return checks;
  }

  /**
   * A check on an arm's accuracy minus that of zero padding on black, run r of one paired with run
   * r of the other, image for image.
   *
   * @param claim what is expected
   * @param a the arm
   * @param zero the zero-padded arm on black
   * @param zeroName how the measured text names {@code zero}
   * @param t what the difference must do
   * @return the check
   */
  private static Check againstZero(
      String claim, ArmResult a, ArmResult zero, String zeroName, Threshold t) {
    return decide(
        claim,
        paired(a, zero),
        t,
        pct(a.accuracy()) + " vs " + zeroName + " " + pct(zero.accuracy()));
  }

  /** One row of per-image values per run of an arm. */
  private static double[][] perRun(ArmResult a, Function<RunResult, double[]> values) {
    return a.runs().stream().map(values).toArray(double[][]::new);
  }

  /**
   * Per-image differences {@code a - b}, run r of {@code a} against run r of {@code b}, for the
   * runs both arms have.
   */
  private static double[][] paired(ArmResult a, ArmResult b) {
    int n = Math.min(a.runs().size(), b.runs().size());
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      out[i] = Intervals.minus(a.runs().get(i).correct(), b.runs().get(i).correct());
    }
    return out;
  }

  /** A(0) - A(2) as per-image values (unpaired), or none when a ring holds no test image. */
  private static double[] ringGap(RunResult a) {
    double[] d0 = a.correctAt(0);
    double[] d2 = a.correctAt(2);
    return d0.length == 0 || d2.length == 0 ? new double[0] : Intervals.unpaired(d0, d2);
  }

  /**
   * A statistical check on the grand mean over runs of per-image values, in points; inconclusive
   * when a run has no values (no test image where the effect is measured).
   */
  private static Check decide(String expected, double[][] perRun, Threshold t, String measured) {
    if (perRun.length == 0 || Arrays.stream(perRun).anyMatch(v -> v.length == 0)) {
      return new Check(
          expected, Decision.INCONCLUSIVE, measured + "; no test image to decide on", null, null);
    }
    return Check.decide(expected, Intervals.overSeedsAndImages(perRun).scaled(100), t, 1, measured);
  }

  /**
   * The circular known answer, exact in every run: the same logits in every cell, and so exactly
   * chance.
   */
  private static List<Check> circular(ArmResult circ) {
    List<RunResult> runs = circ.runs();
    long invariant =
        runs.stream()
            .map(RunResult::invariance)
            .filter(
                inv -> inv.samePrediction() && inv.spread() <= ROUNDING * Math.max(1, inv.scale()))
            .count();
    long atChance =
        runs.stream().filter(x -> Math.abs(x.invariance().accuracy() - x.chance()) < 1e-12).count();
    String evidence =
        String.format(
            Locale.ROOT,
            "all-cells set accuracy per run %s (chance %s); same prediction in every cell and"
                + " logits within rounding in %d of %d runs, largest logit change %.2e (largest"
                + " logit %.2f); random test set %s (mean over runs)",
            String.join(", ", runs.stream().map(x -> pct(x.invariance().accuracy())).toList()),
            pct(circ.chance()),
            invariant,
            runs.size(),
            runs.stream().mapToDouble(x -> x.invariance().spread()).max().orElse(0),
            runs.stream().mapToDouble(x -> x.invariance().scale()).max().orElse(0),
            pct(circ.accuracy()));
    return List.of(
        new Check(
            "LOC circular: a digit gets the same logits in all 25 cells (same prediction, change"
                + " at most 1e-4 of the largest logit) in every run",
            invariant == runs.size(),
            evidence),
        new Check(
            "LOC circular: exactly chance on the all-cells set in every run",
            atChance == runs.size(),
            evidence));
  }

  static String rings(ArmResult a) {
    return String.format(
        Locale.ROOT,
        "A(0) %s, A(1) %s, A(2) %s, overall %s (means over %d %s)",
        pct(a.ring(0)),
        pct(a.ring(1)),
        pct(a.ring(2)),
        pct(a.accuracy()),
        a.runs().size(),
        a.runs().size() == 1 ? "run" : "runs");
  }

  static String pct(double d) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * d);
  }

  private static long count(List<Check> checks, Decision d) {
    return checks.stream().filter(c -> c.decision() == d).count();
  }

  static final List<String> DECISIONS =
      List.of(
          "Design (the full cross product of 6 paddings x 3 colours x 3 tasks at 140x140 does not"
              + " fit 10 minutes on 2 cores; measured about 7 ms of one core per image and epoch"
              + " for zero padding at 100x100, about 13 ms for reflect, replicate and circular,"
              + " roughly 2x that at 140x140):"
              + " ten arms, LOC for all six paddings on the black canvas; LOC with zero padding on"
              + " the white and the mean canvas; SEM with zero and circular padding on black, each"
              + " trained once per run seed. LOC+SEM is implemented but not trained.",
          "Seeds per arm: the runner's number, 1 at smoke, 2 at quick and 3 at the default budget"
              + " (reproduce --seeds N overrides). The digits, cells and canvases are drawn once"
              + " from the master seed and shared by every run; run r trains with the seed"
              + " Streams.runSeed(master, r) (initialisation and batch order): run 0 with the"
              + " master seed itself, so it is the model the one-model version trained.",
          "Cells are 12 px: the digits sheet's native 20x20 digits halved to 10x10 (2x2 means)"
              + " with a 1 px black margin, so the canvas is 60x60 instead of the card's 140x140"
              + " (a 5x5 grid as in the card; about 1/5 of the compute). 12, like 28, is a multiple"
              + " of the total stride 4, so the circular known answer is the same. The receptive"
              + " field (17 px) now spans more than a cell, unlike at 28 px.",
          "Sizes at the full level: 2500 training, 500 validation and 2500 test images, 3 epochs"
              + " (the card: 5000 / 2500, 5 epochs). Training digits come from sheet columns"
              + " 0-69, validation 70-79, test 80-99, drawn with replacement, so no image is in"
              + " two splits; all colours and tasks share the same digits and cells.",
          "The digit keeps its black background: on a white or grey canvas it sits in a visible"
              + " black square; the mean canvas is the training digits' mean pixel value.",
          "No early stopping; the last epoch is evaluated. A(d) pools the test images of all"
              + " cells at distance d (16 cells at d 0, 8 at d 1, 1 at d 2), so A(2) rests on"
              + " about 1/25 of the test set.",
          "Circular known answer: the first test digits placed in all 25 cells; 'exactly chance'"
              + " means every digit gets the same predicted cell everywhere (accuracy exactly"
              + " 1/25) and its logits change by at most 1e-4 of the largest logit (the global"
              + " mean sums the same numbers in another order).",
          "Thresholds chosen before running (the card gives none): 'high' = A(0) above 90%."
              + " Each comparison is decided from the 95% interval over the arm's runs (seeds, one"
              + " row of per-image values each) and the test images (Student's t over the runs'"
              + " means and the images' standard error, in quadrature): held only when the whole interval is on the claim's side, not held when"
              + " it lies entirely on the other, inconclusive when it straddles (or when a ring"
              + " holds no test image). A(0) - A(2) is unpaired within each run (the rings hold"
              + " different images: the error of a difference of two independent means); a"
              + " padding or canvas against zero padding on black pairs run r with run r, image"
              + " for image (same digits, same cells). The circular known answer is exact and"
              + " must hold in every run. Tables and curves show means over runs; std is the"
              + " population std over runs.",
          "Budget and time: every arm is now trained 3 times at the default budget (30 models"
              + " instead of 10). README's measured 4 min 11 s for the 10 models at 4 epochs would"
              + " become about 12.6 minutes, so the default budget trains 3 epochs instead of 4"
              + " (the same 2500 / 500 / 2500 images): estimated from README's 4 min 11 s x 3 runs"
              + " x 3/4 epochs, about 9.4 minutes on 2 cores. QUICK keeps its 7 arms, 1000"
              + " training images and 3 epochs, now 2 runs each (14 models; estimated from"
              + " README's 48 s for 7 models, about 1.6 minutes). SMOKE: 4 arms, 64 training"
              + " images, 1 epoch, 1 run (numbers meaningless).");

  static String setup(Result r) {
    Budget b = r.budget();
    return String.format(
        Locale.ROOT,
        "A 5x5 grid of %d px cells (%dx%d canvas); one digit (digits sheet) in a random cell;"
            + " canvas black, white or the digits' mean. %d training, %d validation, %d test"
            + " images (seed %d). Models: 3x3 convs 16/32/64/64, strides 1/2/2/1, GAP, dense,"
            + " one padding each; Adam 1e-3, batch 64, %d epochs. %d arms x %d runs (run r trains"
            + " with seed Streams.runSeed(%d, r), run 0 with the master seed): %s. Numbers are"
            + " means over the runs. The card's tasks and numbers are unverified; the checks are"
            + " its expected outcomes (hypotheses).",
        b.cell(),
        5 * b.cell(),
        5 * b.cell(),
        b.train(),
        b.val(),
        b.test(),
        r.seed(),
        b.epochs(),
        b.runs().size(),
        r.seeds(),
        r.seed(),
        String.join(", ", b.runs().stream().map(s -> s.id()).toList()));
  }

  @Override
  ReportPage page(Result r) {
    List<Check> checks = checks(r);
    ReportPage page =
        ReportPage.of(
                "border-distance",
                "Claim (Islam et al. 2021; PROTOCOLS card 9, tasks and numbers unverified):"
                    + " padding and canvas colour let a CNN with global pooling encode position,"
                    + " measurable against the distance to the border.",
                setup(r),
                r)
            .main("Accuracy by cell distance to the border", table(r))
            .expected(
                "Expected outcome (card 9, hypotheses)",
                String.format(
                    Locale.ROOT,
                    "%d of %d checks held, %d not held, %d inconclusive.",
                    count(checks, Decision.HELD),
                    checks.size(),
                    count(checks, Decision.NOT_HELD),
                    count(checks, Decision.INCONCLUSIVE)),
                checks);
    for (String[] c : charts(r)) {
      page.chart(c[0], chart(r, c[0]), c[1], c[1] + ".");
    }
    page.heading(2, "Per-cell accuracy (mean over runs)");
    for (ArmResult a : r.arms()) {
      page.file(heatmapFile(a), f -> heatmap(a).writePng(f))
          .image(heatmapFile(a), "per-cell accuracy, " + a.spec().id());
    }
    ArmResult zero = r.find(Task.LOC, PaddingMode.ZERO, Colour.BLACK);
    if (zero != null) {
      page.figure(
          heatmapFile(zero), "Per-cell LOC accuracy, zero padding, black canvas (mean over runs).");
    }
    return page.decisions(DECISIONS)
        .runs(
            ReportPage.runLines(
                r.arms(),
                ArmResult::runs,
                (a, x) ->
                    ReportPage.runTag(x.spec().id(), x)
                        + ", accuracy "
                        + pct(x.accuracy())
                        + ", A(0) "
                        + pct(x.ring(0))
                        + ", A(1) "
                        + pct(x.ring(1))
                        + ", A(2) "
                        + pct(x.ring(2))));
  }
}
