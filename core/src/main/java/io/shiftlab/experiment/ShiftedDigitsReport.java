package io.shiftlab.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.shiftlab.probe.Metrics;
import io.shiftlab.probe.StabilityMetrics;
import io.shiftlab.report.Column;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.Table;
import io.shiftlab.stats.Estimate;
import io.shiftlab.stats.Intervals;
import io.shiftlab.train.TrainResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The result of the shifted-digits experiment as values, and how it is written: {@code results.md},
 * {@code results.csv}, {@code curve.csv}, {@code results.json} and {@code
 * accuracy-vs-shift.png}/{@code .svg}. The checks are decided here, from the result alone. Every
 * number comes from the {@link Result}; the article's figures appear only in columns labelled
 * published.
 */
public final class ShiftedDigitsReport extends PagedReport<ShiftedDigitsReport.Result> {
  /** The chart's file name, without extension. */
  public static final String CHART = "accuracy-vs-shift";

  /** The article's published accuracies (MNIST, 60k/10k, Adam 1e-4, up to 100 epochs). */
  public static final Map<String, double[]> PUBLISHED =
      Map.of(
          "NN (nn-article)", new double[] {0.93, 0.861, 0.449},
          "CNN1", new double[] {0.986, 0.919, 0.718},
          "CNN2", new double[] {0.989, 0.982, 0.831},
          "CNN2+aug", new double[] {0.9933, 0.9918, 0.9839});

  /** Where the published numbers come from. */
  public static final String PUBLISHED_SOURCE = "Soni 2019 (Medium), MNIST, Keras; seed 004";

  /** Creates the report (stateless). */
  public ShiftedDigitsReport() {}

  /**
   * The training budget.
   *
   * @param epochs maximum epochs
   * @param learningRate Adam's step size
   * @param batchSize mini-batch size
   * @param patience early-stopping patience on validation loss
   * @param maxTrain training images used (0 = all)
   * @param maxTest test images used (0 = all)
   */
  public record Budget(
      int epochs, float learningRate, int batchSize, int patience, int maxTrain, int maxTest) {}

  /**
   * The settings of one reproduction.
   *
   * @param dataset {@code digits} or {@code fashion-mnist} (or {@code idx:DIR})
   * @param budget the training budget
   * @param seed the master seed: the data, the test offsets, and the training seed of run 0
   * @param seeds runs per arm (run r trains with {@code Streams.runSeed(seed, r)}), at least 1
   */
  public record Settings(String dataset, Budget budget, long seed, int seeds) {
    /** Validates the number of runs. */
    public Settings {
      OverRuns.requireSeeds(seeds);
    }
  }

  /**
   * One trained model of an arm and what it measured.
   *
   * @param run the run index, 0 .. seeds-1
   * @param seed its training seed ({@code Streams.runSeed(master, run)})
   * @param train its training result
   * @param runDir its run directory, relative to the output directory
   * @param clean accuracy on the clean test set
   * @param shiftMin accuracy on ShiftMin
   * @param shift accuracy on Shift
   * @param curve accuracy at maximum shift 0, 1, ... px
   * @param cleanCorrect per clean test image, 1 if classified correctly (not written to JSON)
   * @param shiftMinCorrect per test image, 1 if its ShiftMin view was classified correctly
   * @param shiftCorrect per test image, 1 if its Shift view was classified correctly
   */
  public record Run(
      int run,
      long seed,
      TrainResult train,
      String runDir,
      double clean,
      double shiftMin,
      double shift,
      double[] curve,
      @JsonIgnore double[] cleanCorrect,
      @JsonIgnore double[] shiftMinCorrect,
      @JsonIgnore double[] shiftCorrect)
      implements ArmRun {

    /** Accuracy lost from the clean set to Shift, in [−1, 1]. */
    public double drop() {
      return clean - shift;
    }
  }

  /**
   * The runs of one arm and their mean and population std over runs.
   *
   * @param arm the arm
   * @param runs its runs, by run index
   * @param clean mean clean accuracy
   * @param cleanStd its population std over runs
   * @param shiftMin mean ShiftMin accuracy
   * @param shiftMinStd its population std over runs
   * @param shift mean Shift accuracy
   * @param shiftStd its population std over runs
   * @param curve mean accuracy at maximum shift 0, 1, ... px
   */
  public record ArmResult(
      Arm arm,
      List<Run> runs,
      double clean,
      double cleanStd,
      double shiftMin,
      double shiftMinStd,
      double shift,
      double shiftStd,
      double[] curve) {

    /**
     * Summarises the runs of an arm.
     *
     * @param arm the arm
     * @param runs its runs, at least one, every curve of the same length
     * @return the arm's result
     */
    public static ArmResult of(Arm arm, List<Run> runs) {
      if (runs.isEmpty()) {
        throw new IllegalArgumentException("arm " + arm.label() + " has no runs");
      }
      double[] clean = runs.stream().mapToDouble(Run::clean).toArray();
      double[] shiftMin = runs.stream().mapToDouble(Run::shiftMin).toArray();
      double[] shift = runs.stream().mapToDouble(Run::shift).toArray();
      double[] curve = new double[runs.get(0).curve().length];
      for (int s = 0; s < curve.length; s++) {
        int at = s;
        curve[s] = StabilityMetrics.mean(runs.stream().mapToDouble(x -> x.curve()[at]).toArray());
      }
      return new ArmResult(
          arm,
          List.copyOf(runs),
          StabilityMetrics.mean(clean),
          Metrics.populationStd(clean),
          StabilityMetrics.mean(shiftMin),
          Metrics.populationStd(shiftMin),
          StabilityMetrics.mean(shift),
          Metrics.populationStd(shift),
          curve);
    }

    /** Mean accuracy lost from the clean set to Shift over runs, in [−1, 1]. */
    public double drop() {
      return clean - shift;
    }
  }

  /**
   * The whole result.
   *
   * @param settings the settings (with the runs per arm)
   * @param testImages the number of test images
   * @param curveMax the largest maximum shift of the accuracy curve, in pixels
   * @param arms one result per arm, in table order (NN, MLP, CNN1, CNN2, CNN2+aug)
   */
  public record Result(Settings settings, int testImages, int curveMax, List<ArmResult> arms) {
    /**
     * The arm with a label.
     *
     * @param label e.g. {@code CNN1}
     * @return its result
     */
    public ArmResult arm(String label) {
      return arms.stream()
          .filter(a -> a.arm().label().equals(label))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no arm " + label));
    }
  }

  /** Accuracy of one arm on one test variant over its runs and test images. */
  static Estimate accuracy(ArmResult a, Function<Run, double[]> correct) {
    return OverRuns.interval(a.runs(), correct);
  }

  /** Per image, the accuracy one run lost from clean to Shift (1 lost, 0 kept, -1 gained). */
  static double[] dropPerImage(Run run) {
    return Intervals.minus(run.cleanCorrect(), run.shiftCorrect());
  }

  /**
   * One arm's drop from clean to Shift in points, over its runs and test images: the quantity of
   * the "at most ~2 points" check.
   *
   * @param a the arm's result
   * @return the drop with its 95% interval (over runs and test images)
   */
  public static Estimate drop(ArmResult a) {
    return OverRuns.interval(a.runs(), ShiftedDigitsReport::dropPerImage).scaled(100);
  }

  /**
   * The drop of {@code a} minus the drop of {@code b} in points: run r of {@code a} paired with run
   * r of {@code b}, image for image.
   */
  static Estimate dropDifference(ArmResult a, ArmResult b) {
    return OverRuns.paired(
            a.arm().label(), a.runs(), b.arm().label(), b.runs(), ShiftedDigitsReport::dropPerImage)
        .scaled(100);
  }

  /**
   * The expected shape of card 1, each check decided by {@link Threshold#decide} from a 95%
   * interval over the runs (seeds) and the test images (percentage points): the drop from clean to
   * Shift is larger for NN and MLP than for CNN1 and larger for CNN1 than for CNN2 (the difference
   * of drops, run r of one arm paired with run r of the other image for image, above 0), and CNN2
   * with augmentation loses less than 2.5 points.
   *
   * @param r the result
   * @return the checks
   */
  public static List<Check> checks(Result r) {
    ArmResult cnn1 = r.arm("CNN1");
    ArmResult aug = r.arm("CNN2+aug");
    return List.of(
        larger("NN", r.arm("NN (nn-article)"), "CNN1", cnn1),
        larger("MLP", r.arm("MLP"), "CNN1", cnn1),
        larger("CNN1", cnn1, "CNN2", r.arm("CNN2")),
        Check.decide(
            "CNN2+aug loses at most ~2 points (drop < 2.5 pts)",
            drop(aug),
            Threshold.below(2.5),
            1,
            pts("CNN2+aug", aug)));
  }

  private static Check larger(String la, ArmResult a, String lb, ArmResult b) {
    return Check.decide(
        "drop(clean -> Shift): " + la + " > " + lb,
        dropDifference(a, b),
        Threshold.above(0),
        1,
        pts(la, a) + " vs " + pts(lb, b));
  }

  /**
   * An arm's mean drop over runs, with the runs' drops, e.g. {@code CNN1 57.7 pts (57.7, 55.0)}.
   */
  private static String pts(String label, ArmResult a) {
    return String.format(
        Locale.ROOT,
        "%s %.1f pts (%s)",
        label,
        100 * a.drop(),
        String.join(
            ", ",
            a.runs().stream()
                .map(x -> String.format(Locale.ROOT, "%.1f", 100 * x.drop()))
                .toList()));
  }

  /**
   * The main table: our accuracies (means over runs, with the population std over runs) beside the
   * published ones, with our 95% intervals over runs and test images and whether each published
   * number lies inside them.
   *
   * @param r the result
   * @return the table
   */
  public static Table table(Result r) {
    Table.Builder t =
        Table.builder(
            Column.text("model"),
            Column.fixed("clean", 4),
            Column.fixed("ShiftMin (±1 px)", 4),
            Column.fixed("Shift (±4x±3 px)", 4),
            Column.fixed("drop clean→Shift", 4),
            Column.fixed("published clean", 4),
            Column.fixed("published ShiftMin", 4),
            Column.fixed("published Shift", 4),
            Column.note("± std over runs clean / ShiftMin / Shift"),
            Column.note("95% interval clean / ShiftMin / Shift"),
            Column.note("published inside our interval"),
            Column.number("runs").csvOnly(),
            Column.fixed("clean std", 4).csvOnly(),
            Column.fixed("ShiftMin std", 4).csvOnly(),
            Column.fixed("Shift std", 4).csvOnly());
    for (ArmResult a : r.arms()) {
      double[] p = PUBLISHED.get(a.arm().label());
      Estimate[] ours = {
        accuracy(a, Run::cleanCorrect),
        accuracy(a, Run::shiftMinCorrect),
        accuracy(a, Run::shiftCorrect)
      };

      t.row(
          a.arm().label(),
          a.clean(),
          a.shiftMin(),
          a.shift(),
          a.drop(),
          p == null ? null : p[0],
          p == null ? null : p[1],
          p == null ? null : p[2],
          String.format(
              Locale.ROOT, "%.4f / %.4f / %.4f", a.cleanStd(), a.shiftMinStd(), a.shiftStd()),
          IntervalCells.intervals(3, ours),
          p == null ? null : IntervalCells.inside(ours, p[0], p[1], p[2]),
          a.runs().size(),
          a.cleanStd(),
          a.shiftMinStd(),
          a.shiftStd());
    }
    return t.build();
  }

  /**
   * Accuracy against maximum shift, one row per arm (the mean over its runs).
   *
   * @param r the result
   * @return the table
   */
  public static Table curveTable(Result r) {
    List<Column> cols = new ArrayList<>();
    cols.add(Column.text("model"));
    for (int s = 0; s <= r.curveMax(); s++) {
      cols.add(Column.fixed("max " + s + " px", 4));
    }
    List<List<Object>> rows = new ArrayList<>();
    for (ArmResult a : r.arms()) {
      List<Object> row = new ArrayList<>();
      row.add(a.arm().label());
      for (double v : a.curve()) {
        row.add(v);
      }
      rows.add(row);
    }
    return Table.of(cols, rows);
  }

  /**
   * The chart: accuracy against the maximum shift, 0 to 6 px, one line per model (the mean over its
   * runs).
   *
   * @param r the result
   * @return the chart
   */
  public static LineChart chart(Result r) {
    LineChart.Builder c =
        LineChart.builder(
                "shifted-digits (" + r.settings().dataset() + "): accuracy under random shifts")
            .xTitle("maximum shift |dx|, |dy| (px), bilinear, zero fill")
            .yTitle("test accuracy")
            .yRange(0, 1);
    double[] x = new double[r.curveMax() + 1];
    for (int s = 0; s < x.length; s++) {
      x[s] = s;
    }
    for (ArmResult a : r.arms()) {
      c.series(a.arm().label(), x, a.curve());
    }
    return c.build();
  }

  /**
   * The verdict sentence.
   *
   * @param checks the checks
   * @return e.g. "The expected shape held (4 of 4 checks)."
   */
  public static String verdict(List<Check> checks) {
    long held = checks.stream().filter(Check::held).count();
    long open = checks.stream().filter(c -> c.decision() == Decision.INCONCLUSIVE).count();
    return held == checks.size()
        ? String.format(Locale.ROOT, "The expected shape held (%d of %d checks).", held, held)
        : String.format(
            Locale.ROOT,
            "The expected shape did NOT fully hold (%d of %d checks held%s).",
            held,
            checks.size(),
            open == 0 ? "" : ", " + open + " inconclusive");
  }

  /** The decisions this experiment took where the card was silent or had to be departed from. */
  static final List<String> DECISIONS =
      List.of(
          "ShiftMin and Shift draw one offset per test image, |d| = U(0, max) with a"
              + " random sign, as the article's shiftImageDataset; bilinear, zero outside"
              + " (warpAffine's defaults, without its 1/32 weight rounding).",
          "All models see the same offsets (streams test.shiftMin and test.shift of the master"
              + " seed), in every run.",
          "Runs per arm: 1 at --smoke, 2 at --quick, 3 at the default budget (reproduce --seeds"
              + " N for another number). Every run uses the same data and test offsets (drawn"
              + " from the master seed); run r trains with Streams.runSeed(master, r)"
              + " (initialisation, batch order, augmentation), so run 0 is the one-model"
              + " experiment of earlier versions. Tables show the mean over runs and the"
              + " population std over runs.",
          "The article validated on the test set; we stop early on a separate"
              + " validation split and never look at the test set while training.",
          "NN is the article's per-pixel dense model (nn-article); MLP is the usual"
              + " flattening perceptron, which the article did not run.",
          "The augmentation arm follows Keras: shift range 0.1 of the size (±2.8 px),"
              + " uniform, fill nearest (replicate); its offsets are smaller than"
              + " Shift's ±4 px.",
          "Checks: 'A > B' is the per-image difference of the two drops (clean − Shift; same"
              + " images, same offsets; run r of A paired with run r of B) above 0 points; 'at"
              + " most ~2 points' is CNN2+aug's drop below 2.5 points. Each is decided from the 95%"
              + " interval over the runs (seeds) and the test images (Student's t over the runs'"
              + " means and the images' standard error, in quadrature), so it covers training variation and the finite test set:"
              + " held only when the whole interval is on the claim's side, inconclusive when it"
              + " straddles the threshold.",
          "The 95% intervals beside the published columns are the same interval over our runs"
              + " and test images; 'published inside' says whether the article's MNIST"
              + " figure falls in them.",
          "Budget: digits, --quick 4 epochs, default up to 15 epochs on all 3500 training images"
              + " (3 runs per arm, 15 models: estimated from the README's 2m25s for 5 models at"
              + " about 7.5 minutes on 2 cores). Fashion-MNIST: --quick 6000 training / 2000 test"
              + " images, 2 epochs; default 8000 training images and 3 epochs (was 20,000 and 4"
              + " epochs with one model per arm, 7 minutes; 3 runs at that size would take about 21"
              + " minutes), all 10,000 test images: estimated from the README's 6m58s for 5"
              + " models as 3 runs x (the evaluation of 10,000 test images in 9 views, about 1"
              + " minute, plus 0.3 of the training time) ≈ 9 minutes on 2 cores.");

  /**
   * The setup paragraph: budget, test images, seed and what the published columns are.
   *
   * @param r the result
   * @return the paragraph
   */
  static String setup(Result r) {
    var b = r.settings().budget();
    return String.format(
        Locale.ROOT,
        "Budget: up to %d epochs, Adam lr %s, batch %d, early stopping on the"
            + " validation split (patience %d); %s training images; %s test images; master seed"
            + " %d. %d run(s) per arm (run seeds 0..%d: run 0 trains with the master seed, run r"
            + " with Streams.runSeed(master, r)); numbers are means over runs. Published"
            + " columns: %s (60k/10k, Adam 1e-4, up to 100 epochs) — reference values,"
            + " not ours.",
        b.epochs(),
        Float.toString(b.learningRate()),
        b.batchSize(),
        b.patience(),
        b.maxTrain() == 0 ? "all" : "at most " + b.maxTrain(),
        r.testImages(),
        r.settings().seed(),
        r.settings().seeds(),
        r.settings().seeds() - 1,
        PUBLISHED_SOURCE);
  }

  @Override
  ReportPage page(Result r) {
    List<Check> checks = checks(r);
    Table curve = curveTable(r);
    return ReportPage.of(
            "shifted-digits on " + r.settings().dataset(),
            "Claim (Soni 2019, seed 004; PROTOCOLS card 1): convolution and pooling depth give"
                + " partial tolerance to small shifts, a position-specific dense read-out none;"
                + " shift augmentation helps most.",
            setup(r),
            r)
        .main("Accuracy", table(r))
        .csv("curve.csv", curve)
        .expected("Expected shape (card 1)", verdict(checks), checks)
        .heading(2, "Accuracy against maximum shift")
        .chart(
            CHART,
            chart(r),
            "accuracy against maximum shift, one line per model",
            "Accuracy against maximum shift, one line per model.")
        .table(curve)
        .decisions(DECISIONS)
        .runs(
            ReportPage.runLines(
                r.arms(),
                ArmResult::runs,
                (a, x) ->
                    ReportPage.runTag(a.arm().label(), x, x.train())
                        + String.format(
                            Locale.ROOT,
                            "; clean %.4f, ShiftMin %.4f, Shift %.4f",
                            x.clean(),
                            x.shiftMin(),
                            x.shift())));
  }
}
