package io.shiftlab.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.shiftlab.probe.BinnedAccuracy;
import io.shiftlab.probe.BinnedAccuracy.Bin;
import io.shiftlab.probe.Metrics;
import io.shiftlab.probe.StabilityMetrics;
import io.shiftlab.report.Column;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.LineSeries;
import io.shiftlab.report.SeriesStyle;
import io.shiftlab.report.Table;
import io.shiftlab.stats.Estimate;
import io.shiftlab.stats.Intervals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The result of the framing-bias experiment as values, and how it is written: {@code results.md},
 * {@code results.csv}, {@code results.json} and {@code accuracy-by-offset.png}/{@code .svg}. The
 * checks are decided here, from the result alone. Card 2 has no published numbers, so there is no
 * published column.
 */
public final class FramingBiasReport extends PagedReport<FramingBiasReport.Result> {
  /** The chart's file name, without extension. */
  public static final String CHART = "accuracy-by-offset";

  /** Large gap: Δ above this many points (chosen a priori). */
  static final double LARGE_GAP = 10;

  /** "Towards 50%": the farthest bin's accuracy below this percentage (chosen a priori). */
  static final double FAR_BIN_MAX = 75;

  /** "Δ ≈ 0": Δ within this many points of 0 with augmentation. */
  static final double SMALL_GAP = 3;

  /**
   * An augmented model at chance has Δ ≈ 0 without fixing anything: "fixes it" needs the anywhere
   * accuracy above this percentage.
   */
  static final double LEARNED = 80;

  /** Creates the report (stateless). */
  public FramingBiasReport() {}

  /**
   * The budget.
   *
   * @param train training images (framed)
   * @param val validation images (framed)
   * @param test images in each test set
   * @param epochs epochs per model
   */
  public record Budget(int train, int val, int test, int epochs) {
    /** Validates the sizes. */
    public Budget {
      if (train < 1 || val < 1 || test < 1 || epochs < 1) {
        throw new IllegalArgumentException("budget sizes must be >= 1");
      }
    }
  }

  /**
   * One trained model of an arm and what it measured.
   *
   * @param run the run index, 0 .. seeds-1
   * @param seed its training seed ({@code Streams.runSeed(master, run)})
   * @param runDir the run directory, relative to the output directory
   * @param valAccuracy accuracy on the framed validation split after the last epoch
   * @param framed accuracy on the framed test set
   * @param anywhere accuracy on the anywhere test set
   * @param bins accuracy per offset bin, both test sets pooled
   * @param framedCorrect per framed test image, 1 if classified correctly (not written to JSON)
   * @param anywhereCorrect per anywhere test image, 1 if classified correctly
   */
  public record Run(
      int run,
      long seed,
      String runDir,
      double valAccuracy,
      double framed,
      double anywhere,
      List<Bin> bins,
      @JsonIgnore double[] framedCorrect,
      @JsonIgnore double[] anywhereCorrect)
      implements ArmRun {
    /** The gap {@code Δ = framed - anywhere}. */
    public double gap() {
      return framed - anywhere;
    }
  }

  /**
   * The runs of one arm (model and augmentation) with their means and population stds over runs.
   *
   * @param arm label, catalog model and augmentation
   * @param runs its runs, by run index
   * @param framed mean accuracy on the framed test set
   * @param framedStd its population std over runs
   * @param anywhere mean accuracy on the anywhere test set
   * @param anywhereStd its population std over runs
   * @param bins accuracy per offset bin pooled over runs (each bin's images and correct counts
   *     summed over the runs, so its accuracy is the mean over runs)
   */
  public record ArmResult(
      Arm arm,
      List<Run> runs,
      double framed,
      double framedStd,
      double anywhere,
      double anywhereStd,
      List<Bin> bins) {

    /**
     * Summarises the runs of an arm.
     *
     * @param arm the arm
     * @param runs its runs, at least one, all with the same bins
     * @return the arm's result
     */
    public static ArmResult of(Arm arm, List<Run> runs) {
      if (runs.isEmpty()) {
        throw new IllegalArgumentException("arm " + arm.label() + " has no runs");
      }
      double[] framed = runs.stream().mapToDouble(Run::framed).toArray();
      double[] anywhere = runs.stream().mapToDouble(Run::anywhere).toArray();
      List<Bin> bins = new ArrayList<>();
      for (int b = 0; b < runs.get(0).bins().size(); b++) {
        int at = b;
        int images = runs.stream().mapToInt(x -> x.bins().get(at).images()).sum();
        int correct = runs.stream().mapToInt(x -> x.bins().get(at).correct()).sum();
        bins.add(
            new Bin(
                runs.get(0).bins().get(b).label(),
                images,
                correct,
                images == 0 ? Double.NaN : (double) correct / images));
      }
      return new ArmResult(
          arm,
          List.copyOf(runs),
          StabilityMetrics.mean(framed),
          Metrics.populationStd(framed),
          StabilityMetrics.mean(anywhere),
          Metrics.populationStd(anywhere),
          List.copyOf(bins));
    }

    /** The mean gap over runs, {@code Δ = framed - anywhere}. */
    public double gap() {
      return framed - anywhere;
    }

    /** Whether this arm trained with shift augmentation. */
    public boolean augmented() {
      return !arm.augment().isNone();
    }
  }

  /**
   * The whole result.
   *
   * @param budget the budget
   * @param seed the master seed: the data, and the training seed of run 0
   * @param seeds runs per arm (run r trains with {@code Streams.runSeed(seed, r)})
   * @param binEdges the upper edges of the offset bins, in pixels
   * @param offsets each test image's offset from the frame centre, framed set first, then anywhere
   *     (not written to JSON)
   * @param arms one per (model, augmentation), unaugmented first
   */
  public record Result(
      Budget budget,
      long seed,
      int seeds,
      double[] binEdges,
      @JsonIgnore double[] offsets,
      List<ArmResult> arms) {
    /** Validates the number of runs. */
    public Result {
      OverRuns.requireSeeds(seeds);
    }

    /**
     * The arm of a model label with or without augmentation.
     *
     * @param label the model's label, e.g. {@code P-flat}
     * @param augmented whether the arm trained with shift augmentation
     * @return the arm
     */
    public ArmResult arm(String label, boolean augmented) {
      return arms.stream()
          .filter(a -> a.arm().label().equals(label + (augmented ? "+aug" : "")))
          .findFirst()
          .orElseThrow();
    }
  }

  /**
   * One run's values for the gap Δ = framed − anywhere: the two test sets are independent draws
   * (framed image i has nothing to do with anywhere image i), so the values are {@link
   * Intervals#unpaired}'s, whose mean is Δ and whose spread is that of a difference of two
   * independent means. Two arms' values still pair image for image (the same test images).
   */
  static double[] gapPerImage(Run run) {
    return Intervals.unpaired(run.framedCorrect(), run.anywhereCorrect());
  }

  /**
   * An arm's per-image values, one row per run, with its interval over runs and images, in points.
   */
  static Estimate points(ArmResult a, Function<Run, double[]> perImage) {
    return OverRuns.interval(a.runs(), perImage).scaled(100);
  }

  /**
   * The per-image difference {@code f(a) - f(b)}, run r of {@code a} paired with run r of {@code
   * b}, with its interval over runs and images, in points.
   */
  static Estimate paired(ArmResult a, ArmResult b, Function<Run, double[]> perImage) {
    return OverRuns.paired(a.arm().label(), a.runs(), b.arm().label(), b.runs(), perImage)
        .scaled(100);
  }

  /** The correct flags of one run's images in the farthest offset bin, both test sets pooled. */
  static double[] farCorrect(Result r, Run run) {
    int n = run.framedCorrect().length;
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < r.offsets().length; i++) {
      if (BinnedAccuracy.binOf(r.offsets()[i], r.binEdges()) == r.binEdges().length) {
        out.add(i < n ? run.framedCorrect()[i] : run.anywhereCorrect()[i - n]);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The card's expectations (hypotheses) as checks, each decided by {@link Threshold#decide} from a
   * 95% interval over the runs (seeds) and the test images (points; comparisons of two arms pair
   * run r with run r, image for image): for each flat model without augmentation a large gap and a
   * far bin towards 50%; global pooling shrinking the gap; with augmentation Δ ≈ 0 and the object
   * still found anywhere, for every model; D-flat's gap the largest. "For every model" and "the
   * largest" are decided on the least favourable model (see {@link #leastFavourable}).
   *
   * @param r the result
   * @return the checks
   */
  public static List<Check> checks(Result r) {
    List<Check> checks = new ArrayList<>();
    for (String flat : List.of("P-flat", "S-flat", "D-flat")) {
      ArmResult a = r.arm(flat, false);
      checks.add(
          Check.decide(
              flat + " (no aug): large gap Δ > " + pts(LARGE_GAP),
              points(a, FramingBiasReport::gapPerImage),
              Threshold.above(LARGE_GAP),
              1,
              "framed " + pct(a.framed()) + ", anywhere " + pct(a.anywhere())));
      checks.add(farBin(r, a));
    }
    for (String[] pair : new String[][] {{"P-gap", "P-flat"}, {"D-gap", "D-flat"}}) {
      ArmResult gap = r.arm(pair[0], false);
      ArmResult flat = r.arm(pair[1], false);
      checks.add(
          Check.decide(
              pair[0]
                  + " (no aug): smaller gap than "
                  + pair[1]
                  + " (Δ "
                  + pair[1]
                  + " − Δ "
                  + pair[0]
                  + " > 0)",
              paired(flat, gap, FramingBiasReport::gapPerImage),
              Threshold.above(0),
              1,
              "Δ " + signed(gap.gap()) + " vs " + signed(flat.gap())));
    }
    List<ArmResult> aug = r.arms().stream().filter(ArmResult::augmented).toList();
    checks.add(
        leastFavourable(
            "with shift augmentation Δ ≈ 0 for every model (Δ within " + pts(SMALL_GAP) + " of 0)",
            aug.stream().map(a -> a.arm().label()).toList(),
            aug.stream().map(a -> points(a, FramingBiasReport::gapPerImage)).toList(),
            Threshold.within(0, SMALL_GAP)));
    checks.add(
        leastFavourable(
            "with shift augmentation every model still finds the object anywhere (anywhere > "
                + LEARNED
                + "%)",
            aug.stream().map(a -> a.arm().label()).toList(),
            aug.stream().map(a -> points(a, Run::anywhereCorrect)).toList(),
            Threshold.above(LEARNED)));
    ArmResult dflat = r.arm("D-flat", false);
    List<ArmResult> others = r.arms().stream().filter(a -> !a.augmented() && a != dflat).toList();
    checks.add(
        leastFavourable(
            "D-flat has the largest gap without augmentation (Δ D-flat − Δ other > 0 for each)",
            others.stream().map(a -> "vs " + a.arm().label()).toList(),
            others.stream().map(a -> paired(dflat, a, FramingBiasReport::gapPerImage)).toList(),
            Threshold.above(0)));
    return checks;
  }

  /**
   * The far bin of a flat model without augmentation towards 50%, over its runs and the far bin's
   * images; inconclusive if the bin is empty.
   */
  private static Check farBin(Result r, ArmResult a) {
    Bin far = a.bins().get(a.bins().size() - 1);
    String expected =
        a.arm().label()
            + " (no aug): the far bin ("
            + far.label()
            + " px) falls towards 50% (< "
            + FAR_BIN_MAX
            + "%)";
    int images = farCorrect(r, a.runs().get(0)).length;
    if (images == 0) {
      return new Check(expected, Decision.INCONCLUSIVE, "no test image in the far bin", null, null);
    }
    return Check.decide(
        expected,
        points(a, run -> farCorrect(r, run)),
        Threshold.below(FAR_BIN_MAX),
        1,
        images + " images x " + a.runs().size() + " runs");
  }

  /**
   * A claim about every one of several effects, decided on the least favourable: the effect whose
   * decision is worst (not held, then inconclusive, then held), the smallest margin breaking ties.
   * So the claim holds only when every effect holds and fails when any fails.
   *
   * @param expected the expectation
   * @param names the effects' names, in order
   * @param effects the effects, in percentage points
   * @param threshold the threshold each effect must meet
   * @return the check, showing every effect
   */
  static Check leastFavourable(
      String expected, List<String> names, List<Estimate> effects, Threshold threshold) {
    Comparator<Integer> worstFirst =
        Comparator.<Integer>comparingInt(i -> rank(threshold.decide(effects.get(i))))
            .thenComparingDouble(i -> margin(effects.get(i), threshold));
    int worst = IntStream.range(0, effects.size()).boxed().min(worstFirst).orElseThrow();
    List<String> all = new ArrayList<>();
    for (int i = 0; i < effects.size(); i++) {
      all.add(names.get(i) + " " + effects.get(i).text(1));
    }
    return Check.decide(
        expected,
        effects.get(worst),
        threshold,
        1,
        "least favourable " + names.get(worst) + "; " + String.join(", ", all));
  }

  /** Worst first: not held 0, inconclusive 1, held 2. */
  private static int rank(Decision d) {
    return switch (d) {
      case NOT_HELD -> 0;
      case INCONCLUSIVE -> 1;
      case HELD -> 2;
    };
  }

  /** How far an interval lies inside the claim's side of a threshold (negative when not). */
  private static double margin(Estimate e, Threshold t) {
    return switch (t.side()) {
      case ABOVE -> e.lo() - t.value();
      case BELOW -> t.value() - e.hi();
      case WITHIN ->
          Math.min(e.lo() - (t.value() - t.tolerance()), t.value() + t.tolerance() - e.hi());
    };
  }

  static String signed(double d) {
    return String.format(Locale.ROOT, "%+.1f pts", 100 * d);
  }

  static String pts(double points) {
    return String.format(Locale.ROOT, "%.1f pts", points);
  }

  static String pct(double d) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * d);
  }

  /**
   * The main table: one row per arm, accuracy in percent (means over runs, with the population std
   * over runs), the gap in points, accuracy per bin (pooled over runs).
   *
   * @param r the result
   * @return the table
   */
  public static Table table(Result r) {
    List<String> bins = BinnedAccuracy.labels(r.binEdges());
    List<Column> cols = new ArrayList<>();
    cols.add(Column.text("model"));
    cols.add(Column.text("augmentation"));
    cols.add(Column.points("framed %", 1));
    cols.add(Column.points("anywhere %", 1));
    cols.add(Column.points("Δ pts", 1));
    for (String b : bins) {
      cols.add(Column.fixed("offset " + b + " %", 1));
    }
    cols.add(Column.number("runs"));
    cols.add(Column.points("framed ± std", 1));
    cols.add(Column.points("anywhere ± std", 1));
    List<List<?>> rows = new ArrayList<>();
    for (ArmResult a : r.arms()) {
      List<Object> row = new ArrayList<>();
      row.add(a.arm().label());
      row.add(a.arm().augment().text());
      row.add(100 * a.framed());
      row.add(100 * a.anywhere());
      row.add(100 * a.gap());
      for (var b : a.bins()) {
        row.add(Double.isNaN(b.accuracy()) ? null : 100 * b.accuracy());
      }
      row.add(a.runs().size());
      row.add(100 * a.framedStd());
      row.add(100 * a.anywhereStd());
      rows.add(row);
    }
    return Table.of(cols, rows);
  }

  /**
   * The chart: accuracy per offset bin pooled over runs, one line per arm (solid without, dashed
   * with augmentation).
   *
   * @param r the result
   * @return the chart
   */
  public static LineChart chart(Result r) {
    LineChart.Builder c =
        LineChart.builder("framing-bias: accuracy by the object's offset from the frame centre")
            .xTitle("Chebyshev offset bin: 0 = <=2, 1 = (2,6], 2 = (6,10], 3 = >10 px")
            .yTitle("accuracy (framed + anywhere test sets)")
            .yRange(0.4, 1.0);
    for (ArmResult a : r.arms()) {
      int n = a.bins().size();
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = i;
        y[i] = a.bins().get(i).accuracy();
      }
      c.series(
          new LineSeries(
              a.arm().label() + (a.augmented() ? " (dashed)" : ""),
              x,
              y,
              a.augmented() ? SeriesStyle.DASHED : SeriesStyle.SOLID));
    }
    return c.build();
  }

  /** The number of images per bin (of one run), for the notes. */
  static String binSizes(Result r) {
    var bins = r.arms().get(0).runs().get(0).bins();
    List<String> parts = new ArrayList<>();
    for (var b : bins) {
      parts.add(b.label() + " px: " + b.images());
    }
    return "Images per offset bin (both test sets pooled): " + String.join(", ", parts) + ".";
  }

  static final List<String> DECISIONS =
      List.of(
          "Class mass is matched (card 2 pitfall): each image's total intensity is 255·v0·36 px²"
              + " with v0 ~ U(.6, 1) for both classes (the smallest object's mass at the card's"
              + " intensity), spread over its object's area; the card's shapes and sizes are"
              + " unchanged. Price: larger objects are dimmer, and suns are larger on average, so"
              + " peak brightness is a weak cue in place of total brightness (see FramingBias).",
          "Budget levels: full = the card's small-scale run (2000 train, both arms, 2000 + 2000"
              + " test images) but 3 epochs instead of 5, so that 3 runs per arm (30 models) fit:"
              + " estimated from the README's 4-5 minutes for 10 models of 5 epochs as 3 x 0.6 x"
              + " (4-5) ≈ 7-9 minutes on 2 cores (5 epochs would take 12-15). Quick: 1000 train, 3"
              + " epochs, 500 + 500 test images, 2 runs per arm (20 models, about 80 s). The"
              + " card's full run (4000 train, 1000 validation, 10 epochs) is the paper level"
              + " (--budget paper; 22.9 min on 2 cores with 3 runs per arm, README).",
          "Runs per arm: 1 at --smoke, 2 at --quick, 3 at the default budget (reproduce --seeds"
              + " N for another number). Every run uses the same data (drawn from the master"
              + " seed); run r trains with Streams.runSeed(master, r) (initialisation, batch"
              + " order, augmentation), so run 0 is the one-model experiment of earlier versions."
              + " Tables show means over runs (± population std over runs); the bins pool the"
              + " runs.",
          "Offset bins pool both test sets (framed test images all fall in <=2 px); centres are"
              + " real, so the card's bins 3-6 and 7-10 are read as (2,6] and (6,10].",
          "No early stopping: the last epoch's parameters are evaluated; the framed validation"
              + " split only reports accuracy. All arms share the data and, run for run, the"
              + " training seed (same init, order and augmentation streams), so within a run arms"
              + " differ only in model and augmentation.",
          "Augmentation: one integer offset in U{-14..14}² per image and epoch, zero fill (stream"
              + " aug/EPOCH); anywhere centres are at most 13.5 px off, inside that range.",
          "The dilated stack has four 3x3 layers of widths 16/32/32/32 (the card lists three"
              + " widths and four dilations), zero 'same' padding (p = d), so it keeps 48x48.",
          "Thresholds, chosen before running (the card gives none): a large gap is Δ above 10"
              + " points; 'towards 50%' is a far-bin (>10 px) accuracy below 75%; 'Δ ≈ 0' is Δ"
              + " within 3 points of 0. Added after the first quick run showed S-flat+aug stuck at"
              + " chance (where Δ ≈ 0 says nothing): a separate check that every augmented model"
              + " scores above 80% on the anywhere set.",
          "Each threshold is decided from the 95% interval over the runs (seeds) and the test"
              + " images (Student's t over the runs' means and the images' standard error, added"
              + " in quadrature), so it covers training variation and the finite test sets: held"
              + " only when the whole interval is on the claim's side, inconclusive when it"
              + " straddles the threshold. Δ is a difference of two independent sets' means (the"
              + " framed and anywhere test sets are separate draws), its error that of two"
              + " independent means. Comparisons of two models use the per-image difference of"
              + " their Δ values, run r of one paired with run r of the other (same images, same"
              + " training seed).",
          "'For every model' and 'the largest' are decided on the least favourable model or"
              + " comparison (the worst decision, then the smallest margin): held only when every"
              + " one holds, not held when any fails; the check lists them all.");

  static String setup(Result r) {
    Budget b = r.budget();
    return String.format(
        Locale.ROOT,
        "Data: 48x48 suns vs other shapes (FramingBias, mass-matched), %d framed training and %d"
            + " framed validation images; test sets of %d framed and %d anywhere images (master"
            + " seed %d). Models: P-flat, P-gap, S-flat, D-flat, D-gap (3x3 convs, zero same"
            + " padding, 16/32/32 channels), each trained without and with shift augmentation"
            + " U{-14..14}² (zero fill): Adam 1e-3, batch 64, %d epochs; %d run(s) per arm (run"
            + " seeds 0..%d: run 0 trains with the master seed, run r with Streams.runSeed(master,"
            + " r)). Accuracies are means over runs; Δ = framed − anywhere accuracy. Card 2"
            + " publishes no numbers; the checks are the card's expectations (hypotheses).",
        b.train(),
        b.val(),
        b.test(),
        b.test(),
        r.seed(),
        b.epochs(),
        r.seeds(),
        r.seeds() - 1);
  }

  @Override
  ReportPage page(Result r) {
    List<Check> checks = checks(r);
    return ReportPage.of(
            "framing-bias",
            "Claim (Warden's blog, seed 000; PROTOCOLS card 2): a CNN trained on centrally"
                + " framed objects misses them elsewhere; random shift augmentation fixes it;"
                + " global pooling shrinks the gap; a dilated stack with a flat head is worst.",
            setup(r),
            r)
        .main("Accuracy", table(r))
        .paragraph(binSizes(r))
        .expected("Expected outcome (card 2, hypotheses)", ReportPage.heldCount(checks), checks)
        .chart(
            CHART,
            chart(r),
            "accuracy per offset bin per model and arm",
            "Accuracy per Chebyshev offset bin, one line per model and arm (dashed: with"
                + " shift augmentation).")
        .decisions(DECISIONS)
        .note(binSizes(r))
        .runs(
            ReportPage.runLines(
                r.arms(),
                ArmResult::runs,
                (a, x) ->
                    ReportPage.runTag(
                            a.arm().label()
                                + " ("
                                + a.arm().model()
                                + ", augment "
                                + a.arm().augment()
                                + ")",
                            x)
                        + String.format(
                            Locale.ROOT,
                            ", validation accuracy %.1f%%, framed %.1f%%, anywhere %.1f%%",
                            100 * x.valAccuracy(),
                            100 * x.framed(),
                            100 * x.anywhere())));
  }
}
