package io.shiftlab.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.shiftlab.data.synthetic.RedGreenSizes;
import io.shiftlab.nn.zoo.AllConvNets.ConvType;
import io.shiftlab.report.BarChart;
import io.shiftlab.report.Column;
import io.shiftlab.report.Table;
import io.shiftlab.stats.Estimate;
import io.shiftlab.stats.Intervals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The result of the red-green experiment as values, and how it is written: {@code results.md},
 * {@code results.csv}, {@code results.json} and {@code accuracy-by-conv.png}/{@code .svg}. The
 * checks are decided here, from the result alone. The README's numbers appear only in the column
 * labelled published.
 */
public final class RedGreenReport extends PagedReport<RedGreenReport.Result> {
  /** The chart's file name, without extension. */
  public static final String CHART = "accuracy-by-conv";

  /** Where the published numbers come from. */
  public static final String PUBLISHED_SOURCE =
      "Kayhan & van Gemert CVPR 2020, repository README (Exp. 2), 10 seeds";

  /** Creates the report (stateless). */
  public RedGreenReport() {}

  /**
   * The training budget.
   *
   * @param sizes train / val / test sizes
   * @param maxEpochs the most epochs per run
   * @param seeds run seeds 0 .. seeds-1 per convolution type
   */
  public record Budget(RedGreenSizes sizes, int maxEpochs, int seeds) {
    /** Validates the values. */
    public Budget {
      if (maxEpochs < 1 || seeds < 1) {
        throw new IllegalArgumentException("maxEpochs and seeds must be >= 1");
      }
    }
  }

  /**
   * One trained model.
   *
   * @param conv the convolution type id
   * @param seed the run seed
   * @param runDir its run directory, relative to the output directory
   * @param epochsRun epochs trained
   * @param bestEpoch the epoch kept
   * @param similar accuracy on Similar
   * @param dissimilar accuracy on Dissimilar
   * @param samePredictions images whose prediction is the same on Similar and Dissimilar
   * @param identicalLogits images whose two logit rows are bit-identical
   * @param similarCorrect per Similar image, 1 if classified correctly (not written to JSON)
   * @param dissimilarCorrect per Dissimilar image, 1 if classified correctly, in the same order
   */
  public record Run(
      String conv,
      long seed,
      String runDir,
      int epochsRun,
      int bestEpoch,
      double similar,
      double dissimilar,
      int samePredictions,
      int identicalLogits,
      @JsonIgnore double[] similarCorrect,
      @JsonIgnore double[] dissimilarCorrect) {}

  /**
   * The runs of one convolution type, summarised (accuracies as fractions).
   *
   * @param type the convolution type
   * @param runs the runs, by seed
   * @param similarMean mean Similar accuracy
   * @param similarStd its population std
   * @param dissimilarMean mean Dissimilar accuracy
   * @param dissimilarStd its population std
   */
  public record Row(
      ConvType type,
      List<Run> runs,
      double similarMean,
      double similarStd,
      double dissimilarMean,
      double dissimilarStd) {
    /** The convolution type's id. */
    public String conv() {
      return type.id();
    }
  }

  /**
   * The whole result.
   *
   * @param budget the budget
   * @param batch the mini-batch size
   * @param patience the early-stopping patience in epochs
   * @param dataSeed the master seed of the data
   * @param testImages images per test variant
   * @param sharedTrainVal val images also in train (by content)
   * @param sharedTrainTest Similar test images also in train
   * @param sharedValTest Similar test images also in val
   * @param sharedTrainDissimilar Dissimilar test images also in train
   * @param rows one per convolution type
   */
  public record Result(
      Budget budget,
      int batch,
      int patience,
      long dataSeed,
      int testImages,
      int sharedTrainVal,
      int sharedTrainTest,
      int sharedValTest,
      int sharedTrainDissimilar,
      List<Row> rows) {
    /** Whether the splits share no image. */
    public boolean disjoint() {
      return sharedTrainVal + sharedTrainTest + sharedValTest + sharedTrainDissimilar == 0;
    }
  }

  /**
   * The published accuracies (percent, mean ± std over 10 seeds), a reference, never ours.
   *
   * @param similar Similar mean
   * @param similarStd its std
   * @param dissimilar Dissimilar mean
   * @param dissimilarStd its std
   */
  public record PublishedPair(
      double similar, double similarStd, double dissimilar, double dissimilarStd) {
    /** Formats as {@code 100.0 ± 0.0 / 0.2 ± 0.1}. */
    public String text() {
      return String.format(
          Locale.ROOT, "%.1f ± %.1f / %.1f ± %.1f", similar, similarStd, dissimilar, dissimilarStd);
    }
  }

  /**
   * The README's numbers (card 5).
   *
   * @param t the convolution type
   * @return Similar and Dissimilar accuracy as published
   */
  public static PublishedPair published(ConvType t) {
    return switch (t) {
      case VALID -> new PublishedPair(100.0, 0.0, 0.2, 0.1);
      case SAME_ZERO -> new PublishedPair(99.8, 0.1, 8.4, 0.7);
      case SAME_CIRCULAR -> new PublishedPair(73.7, 1.0, 73.7, 1.0);
      case FULL_ZERO -> new PublishedPair(89.7, 0.5, 89.7, 0.5);
    };
  }

  /**
   * The card's expectation for a convolution type.
   *
   * @param t the type
   * @return the statement
   */
  public static String expectation(ConvType t) {
    return switch (t) {
      case VALID, SAME_ZERO -> "Similar ≈ 100 (> 95%), Dissimilar << 50 (< 25%)";
      case SAME_CIRCULAR ->
          "Similar = Dissimilar exactly: bit-identical logits for every image in every run";
      case FULL_ZERO -> "Similar ≈ Dissimilar (within 3 points)";
    };
  }

  /** Similar accuracy over seeds and Similar images. */
  static Estimate similar(Row row) {
    return OverRuns.interval(row.runs(), Run::similarCorrect);
  }

  /** Dissimilar accuracy over seeds and Dissimilar images. */
  static Estimate dissimilar(Row row) {
    return OverRuns.interval(row.runs(), Run::dissimilarCorrect);
  }

  /** Similar minus Dissimilar accuracy, paired image for image. */
  static Estimate gap(Row row) {
    return OverRuns.interval(
        row.runs(), x -> Intervals.minus(x.similarCorrect(), x.dissimilarCorrect()));
  }

  /**
   * The checks, each decided by {@link Threshold#decide} from a 95% interval over seeds and test
   * images (percentage points): valid and same-zero, Similar above 95 and Dissimilar below 25;
   * full-zero, Similar minus Dissimilar within 3 points of 0; circular, exact (bit-identical logits
   * for every image in every run); and the splits disjoint (exact).
   *
   * @param r the result
   * @return the checks
   */
  public static List<Check> checks(Result r) {
    List<Check> out = new ArrayList<>();
    for (Row row : r.rows()) {
      String c = row.conv() + ": ";
      switch (row.type()) {
        case VALID, SAME_ZERO -> {
          out.add(
              Check.decide(
                  c + "Similar ≈ 100 (> 95%)",
                  similar(row).scaled(100),
                  Threshold.above(95),
                  1,
                  ""));
          out.add(
              Check.decide(
                  c + "Dissimilar << 50 (< 25%)",
                  dissimilar(row).scaled(100),
                  Threshold.below(25),
                  1,
                  ""));
        }
        case FULL_ZERO ->
            out.add(
                Check.decide(
                    c + "Similar ≈ Dissimilar (Similar - Dissimilar within 3 points of 0)",
                    gap(row).scaled(100),
                    Threshold.within(0, 3),
                    1,
                    String.format(
                        Locale.ROOT,
                        "Similar %.1f%%, Dissimilar %.1f%%",
                        100 * row.similarMean(),
                        100 * row.dissimilarMean())));
        case SAME_CIRCULAR -> {
          int identical = row.runs().stream().mapToInt(Run::identicalLogits).sum();
          boolean exact =
              row.runs().stream()
                  .allMatch(
                      x -> x.similar() == x.dissimilar() && x.identicalLogits() == r.testImages());
          out.add(
              new Check(
                  c + expectation(row.type()),
                  exact,
                  String.format(
                      Locale.ROOT,
                      "Similar %.1f%%, Dissimilar %.1f%% over %d seeds; bit-identical logit rows"
                          + " %d of %d",
                      100 * row.similarMean(),
                      100 * row.dissimilarMean(),
                      row.runs().size(),
                      identical,
                      row.runs().size() * r.testImages())));
        }
      }
    }
    out.add(
        new Check(
            "splits disjoint by image content (train, val, Similar test; Dissimilar vs train)",
            r.disjoint(),
            String.format(
                Locale.ROOT,
                "shared images: train-val %d, train-test %d, val-test %d, train-dissimilar %d",
                r.sharedTrainVal(),
                r.sharedTrainTest(),
                r.sharedValTest(),
                r.sharedTrainDissimilar())));
    return out;
  }

  /**
   * The main table: Similar and Dissimilar accuracy in percent over seeds per convolution type,
   * beside the published numbers.
   *
   * @param r the result
   * @return the table
   */
  public static Table table(Result r) {
    Table.Builder t =
        Table.builder(
            Column.text("conv"),
            Column.number("seeds"),
            Column.points("Similar %", 1),
            Column.points("Similar ± std", 1),
            Column.points("Dissimilar %", 1),
            Column.points("Dissimilar ± std", 1),
            Column.note("epochs (kept)"),
            Column.note("bit-identical logits"),
            Column.note("95% interval Similar / Dissimilar"),
            Column.note("published Similar / Dissimilar (README)"),
            Column.note("published inside our interval"),
            Column.note("held"));
    for (Row row : r.rows()) {
      int identical = row.runs().stream().mapToInt(Run::identicalLogits).sum();
      Estimate sim = similar(row).scaled(100);
      Estimate dis = dissimilar(row).scaled(100);
      PublishedPair pub = published(row.type());
      t.row(
          row.conv(),
          row.runs().size(),
          100 * row.similarMean(),
          100 * row.similarStd(),
          100 * row.dissimilarMean(),
          100 * row.dissimilarStd(),
          String.join(
              " ",
              row.runs().stream().map(x -> x.epochsRun() + "(" + x.bestEpoch() + ")").toList()),
          identical + "/" + row.runs().size() * r.testImages(),
          IntervalCells.intervals(1, sim, dis),
          pub.text(),
          IntervalCells.inside(new Estimate[] {sim, dis}, pub.similar(), pub.dissimilar()),
          ReportPage.heldCell(checks(r), row.conv() + ": "));
    }
    return t.build();
  }

  /**
   * The chart: grouped bars, Similar and Dissimilar per convolution type, with std error bars,
   * beside the published means (no error bars).
   *
   * @param r the result
   * @return the chart
   */
  public static BarChart chart(Result r) {
    int n = r.rows().size();
    double[] sim = new double[n];
    double[] simStd = new double[n];
    double[] dis = new double[n];
    double[] disStd = new double[n];
    double[] pubSim = new double[n];
    double[] pubDis = new double[n];
    for (int i = 0; i < n; i++) {
      Row row = r.rows().get(i);
      sim[i] = 100 * row.similarMean();
      simStd[i] = 100 * row.similarStd();
      dis[i] = 100 * row.dissimilarMean();
      disStd[i] = 100 * row.dissimilarStd();
      pubSim[i] = published(row.type()).similar();
      pubDis[i] = published(row.type()).dissimilar();
    }
    return BarChart.builder(
            String.format(
                Locale.ROOT,
                "red-green: accuracy by convolution type (mean ± std, %d seeds)",
                r.budget().seeds()))
        .categories(r.rows().stream().map(Row::conv).toList())
        .xTitle("convolution type")
        .yTitle("accuracy (%)")
        .yRange(0, 105)
        .series("Similar (ours)", sim, simStd)
        .series("Dissimilar (ours)", dis, disStd)
        .series("Similar (published)", pubSim, null)
        .series("Dissimilar (published)", pubDis, null)
        .build();
  }

  /**
   * The verdict sentence.
   *
   * @param r the result
   * @return e.g. "The card's expectations held for 4 of 4 convolution types; splits disjoint."
   */
  public static String verdict(Result r) {
    return ReportPage.rowsHeld(
            checks(r), r.rows().stream().map(Row::conv).toList(), "convolution types")
        + "; splits "
        + (r.disjoint() ? "disjoint" : "NOT disjoint")
        + ".";
  }

  /** The decisions this experiment took. */
  static final List<String> DECISIONS =
      List.of(
          "One data set from the master seed (streams train, val, test.similar; val and test"
              + " redraw any image already in an earlier split, so splits are disjoint by"
              + " content, unlike the original whose val equals train[0:1000]); runs differ in"
              + " the run (initialisation) seed 0, 1, ...",
          "Dissimilar = Similar rolled circularly by 16 rows, image for image (card 5), so the"
              + " circular network's logits must agree bit for bit: checked per image.",
          "Circular = explicit circular pad 1 + valid convolution (what PyTorch <= 1.4 did for"
              + " padding=2, padding_mode='circular'); modern PyTorch would pad 2 per side.",
          "Full-zero = zero padding k - 1 = 2 per side at every layer (maps 34, 18, 10, 6).",
          "Adadelta as torch.optim.Adadelta: lr 1, rho 0.9, eps 1e-6, weight decay 5e-5 (L2 on"
              + " the gradient); batch 200 in stored order; early stopping after 8 epochs without"
              + " a lower validation loss, the best epoch's parameters kept.",
          "Thresholds the card leaves open: Similar ≈ 100 means above 95%; Dissimilar << 50"
              + " means below 25%; full-zero Similar ≈ Dissimilar means the paired difference"
              + " within 3 points of 0. Each is decided from the 95% interval over seeds and"
              + " test images (Student's t over the seeds' means and the images' standard error, in"
              + " quadrature; held only when the whole interval is on"
              + " the claim's side); std is the population std over seeds.",
          "Budget: FULL uses the card's full sizes 2000/1000/1000 but at most 25 epochs (card:"
              + " 50) and 3 seeds per type (card: 10), estimated at 9 minutes on 2 cores from a"
              + " measured 53 s per model; QUICK is the card's small scale (1000/500/500, 15"
              + " epochs, 2 seeds); SMOKE 100/50/50, 2 epochs, 1 seed (numbers meaningless)."
              + " reproduce --seeds N trains N per type.");

  static String setup(Result r) {
    var b = r.budget();
    return String.format(
        Locale.ROOT,
        "Data: 3x32x32 red-green images, %d train / %d val / %d test per variant, master seed"
            + " %d. Per convolution type, %d runs (run seed 0..%d): Adadelta (lr 1, rho 0.9, eps"
            + " 1e-6, wd 5e-5), batch %d, fixed order, at most %d epochs, early stopping patience"
            + " %d. Accuracy in percent, mean ± population std over seeds. Published: %s —"
            + " reference values, not ours.",
        b.sizes().train(),
        b.sizes().val(),
        b.sizes().test(),
        r.dataSeed(),
        b.seeds(),
        b.seeds() - 1,
        r.batch(),
        b.maxEpochs(),
        r.patience(),
        PUBLISHED_SOURCE);
  }

  @Override
  ReportPage page(Result r) {
    return ReportPage.of(
            "red-green",
            "Claim (Kayhan & van Gemert CVPR 2020 Exp. 2; PROTOCOLS card 5): border handling"
                + " decides whether a CNN exploits absolute position. Valid and zero-same"
                + " networks learn the position shortcut and fail on the Dissimilar set (the"
                + " classes' halves swapped); circular padding cannot see position.",
            setup(r),
            r)
        .main("Accuracy", table(r))
        .expected("Expected outcome (card 5)", verdict(r), checks(r))
        .chart(
            CHART,
            chart(r),
            "Similar vs Dissimilar accuracy per convolution type",
            "Similar vs Dissimilar accuracy per convolution type, ours (std error bars) beside"
                + " the published means.")
        .decisions(DECISIONS)
        .runs(
            ReportPage.runLines(
                r.rows(),
                Row::runs,
                (row, run) ->
                    String.format(
                        Locale.ROOT,
                        "%s seed %d: %s, %d epochs (kept %d), Similar %.1f%%, Dissimilar %.1f%%,"
                            + " same prediction %d, bit-identical logits %d",
                        run.conv(),
                        run.seed(),
                        run.runDir(),
                        run.epochsRun(),
                        run.bestEpoch(),
                        100 * run.similar(),
                        100 * run.dissimilar(),
                        run.samePredictions(),
                        run.identicalLogits())));
  }
}
