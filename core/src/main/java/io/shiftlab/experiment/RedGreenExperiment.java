package io.shiftlab.experiment;

import ai.djl.ndarray.NDManager;
import io.shiftlab.data.ImageOverlap;
import io.shiftlab.data.synthetic.RedGreen;
import io.shiftlab.data.synthetic.RedGreenSizes;
import io.shiftlab.data.synthetic.RedGreenSplits;
import io.shiftlab.nn.Network;
import io.shiftlab.nn.zoo.RedGreenNets.ConvType;
import io.shiftlab.probe.ClassScores;
import io.shiftlab.probe.Metrics;
import io.shiftlab.probe.Predictor;
import io.shiftlab.probe.StabilityMetrics;
import io.shiftlab.train.Augmentation;
import io.shiftlab.train.BatchOrder;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.RunDirectory;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.TrainResult;
import io.shiftlab.train.Training;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Red-green (PROTOCOLS card 5; Kayhan &amp; van Gemert CVPR 2020, Exp. 2, {@code
 * red_and_green.py}): does the border handling decide whether a CNN uses absolute position?
 *
 * <p>The class is the left-right order of a red and a green 4x4 box; in training class 0 lies in
 * the top half and class 1 in the bottom half, so position is a shortcut. The Similar test set
 * keeps that layout; the Dissimilar set is the same images rolled circularly by 16 rows, which puts
 * each class in the other's half ({@link RedGreen}). A network that uses position fails on
 * Dissimilar; one that cannot see position scores the same on both. The network ({@link
 * io.shiftlab.nn.zoo.RedGreenNets}) comes in four convolution types: valid, same-zero,
 * same-circular and full-zero.
 *
 * <p>Training (card 5): Adadelta lr 1, &rho; 0.9, &epsilon; 1e-6, weight decay 5e-5, batch 200,
 * stored order (no shuffle), at most {@code maxEpochs} epochs, early stopping after 8 epochs
 * without a lower validation loss, keeping the best epoch's parameters. One data set is drawn from
 * the master seed (streams {@code train}, {@code val}, {@code test.similar}, splits disjoint by
 * content); the runs differ in their run seed 0, 1, ... (initialisation), as the paper's seeds
 * 0&ndash;9 do.
 *
 * <p>Decisions where the card is silent: "Dissimilar &laquo; 50" is checked as a mean below 25%;
 * "Similar &asymp; 100" as a mean of at least 95%; full-zero "Similar &asymp; Dissimilar" as means
 * within 3 points; the circular check is exact (equal accuracy and bit-identical logits for every
 * image in every run); std is the population std over seeds.
 */
public final class RedGreenExperiment implements Experiment {
  /** The experiment's name on the command line. */
  public static final String NAME = "red-green";

  /** Mini-batch size (card 5). */
  public static final int BATCH = 200;

  /** Early-stopping patience in epochs (card 5). */
  public static final int PATIENCE = 8;

  /** The optimiser of card 5: Adadelta lr 1, rho .9, eps 1e-6, weight decay 5e-5. */
  public static final OptimizerSettings OPTIMIZER =
      OptimizerSettings.adadelta(1f, 0.9f, 1e-6f, 5e-5f);

  /** Where the published numbers come from. */
  public static final String PUBLISHED_SOURCE =
      "Kayhan & van Gemert CVPR 2020, repository README (Exp. 2), 10 seeds";

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
   * The budget per level, sized from measured CPU time (one epoch of 2000 training and 1000
   * validation images costs about 2.8 s of one core). FULL: the card's full sizes 2000/1000/1000,
   * at most 30 epochs with early stopping, 2 seeds per type (the card's 10 seeds and 50 epochs
   * would take about 20 times longer than the 10 minutes on 2 cores); QUICK: the card's small scale
   * 1000/500/500, 15 epochs, 2 seeds; SMOKE: 100/50/50, 2 epochs, 1 seed.
   *
   * @param level the level
   * @return the budget
   */
  public static Budget budget(BudgetLevel level) {
    return switch (level) {
      case SMOKE -> new Budget(new RedGreenSizes(100, 50, 50), 2, 1);
      case QUICK -> new Budget(RedGreenSizes.SMALL, 15, 2);
      case FULL -> new Budget(RedGreenSizes.DEFAULT, 30, 2);
    };
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
      int identicalLogits) {}

  /**
   * The runs of one convolution type, summarised (accuracies as fractions).
   *
   * @param conv the convolution type id
   * @param runs the runs, by seed
   * @param similarMean mean Similar accuracy
   * @param similarStd its population std
   * @param dissimilarMean mean Dissimilar accuracy
   * @param dissimilarStd its population std
   * @param published the published numbers
   * @param expected the card's expectation
   * @param held whether the runs show it
   */
  public record Row(
      String conv,
      List<Run> runs,
      double similarMean,
      double similarStd,
      double dissimilarMean,
      double dissimilarStd,
      PublishedPair published,
      String expected,
      boolean held) {}

  /**
   * The whole result.
   *
   * @param budget the budget
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

  /** Creates the experiment (stateless). */
  public RedGreenExperiment() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String card() {
    return "PROTOCOLS card 5";
  }

  @Override
  public String claim() {
    return "Border handling decides whether a CNN exploits absolute position: with valid or"
        + " zero-same convolutions it learns the position shortcut of the red-green data and fails"
        + " when the classes swap halves; circular padding cannot see position (Kayhan & van"
        + " Gemert CVPR 2020, Exp. 2).";
  }

  @Override
  public Outcome run(ExperimentContext ctx, Path dir) {
    long start = System.nanoTime();
    Budget budget = budget(ctx.budget());
    ctx.log()
        .printf(
            "%s: %d/%d/%d images, 4 conv types x %d seeds, <= %d epochs each%n",
            NAME,
            budget.sizes().train(),
            budget.sizes().val(),
            budget.sizes().test(),
            budget.seeds(),
            budget.maxEpochs());
    Result r = run(budget, ctx.seed(), dir, (conv, s) -> ctx.progress().apply(conv + " seed " + s));
    RedGreenReport.write(r, dir);
    return RedGreenReport.outcome(this, r, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Generates the data, trains and evaluates every (convolution type, seed).
   *
   * @param budget the budget
   * @param dataSeed the master seed of the data
   * @param outDir where the run directories go ({@code runs/<conv>-s<seed>})
   * @param progress makes a listener per (conv, seed)
   * @return the result
   */
  public static Result run(
      Budget budget,
      long dataSeed,
      Path outDir,
      BiFunction<String, Long, TrainingListener> progress) {
    RedGreenSplits data = RedGreen.generate(dataSeed, budget.sizes());
    int[] labels = data.testSimilar().labels();
    List<Row> rows = new ArrayList<>();
    for (ConvType t : ConvType.values()) {
      List<Run> runs = new ArrayList<>();
      for (long seed = 0; seed < budget.seeds(); seed++) {
        String dirName = "runs/" + t.id() + "-s" + seed;
        TrainConfig config =
            new TrainConfig(
                t.model(),
                NAME,
                budget.maxEpochs(),
                BATCH,
                OPTIMIZER,
                "none",
                PATIENCE,
                seed,
                0,
                BatchOrder.FIXED);
        RunDirectory run = RunDirectory.create(outDir.resolve(dirName));
        TrainResult tr =
            new Training(
                    config,
                    data.train(),
                    data.val(),
                    Augmentation.NONE,
                    progress.apply(t.id(), seed))
                .start(run, Map.of());
        try (Network net = TrainResult.load(run);
            NDManager m = net.manager().newSubManager()) {
          float[] sim = Predictor.logits(net, data.testSimilar(), m);
          float[] dis = Predictor.logits(net, data.testDissimilar(), m);
          int[] ps = ClassScores.fromLogits(sim, 2).predicted();
          int[] pd = ClassScores.fromLogits(dis, 2).predicted();
          runs.add(
              new Run(
                  t.id(),
                  seed,
                  dirName,
                  tr.epochsRun(),
                  tr.bestEpoch(),
                  Metrics.accuracy(ps, labels),
                  Metrics.accuracy(pd, labels),
                  samePredictions(ps, pd),
                  identicalRows(sim, dis, 2)));
        }
      }
      rows.add(summarise(t, runs, labels.length));
    }
    return new Result(
        budget,
        dataSeed,
        labels.length,
        ImageOverlap.shared(data.train(), data.val()),
        ImageOverlap.shared(data.train(), data.testSimilar()),
        ImageOverlap.shared(data.val(), data.testSimilar()),
        ImageOverlap.shared(data.train(), data.testDissimilar()),
        rows);
  }

  /**
   * How many images get the same prediction in two sets.
   *
   * @param a predictions on one set
   * @param b predictions on the other, image for image
   * @return the count of equal entries
   */
  public static int samePredictions(int[] a, int[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(a.length + " vs " + b.length + " predictions");
    }
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      n += a[i] == b[i] ? 1 : 0;
    }
    return n;
  }

  /**
   * How many rows of two row-major logit arrays are equal bit for bit.
   *
   * @param a logits of one set
   * @param b logits of the other, image for image
   * @param k classes per row
   * @return the number of bit-identical rows
   */
  public static int identicalRows(float[] a, float[] b, int k) {
    if (a.length != b.length || a.length % k != 0) {
      throw new IllegalArgumentException(a.length + " vs " + b.length + " logits, k " + k);
    }
    int n = 0;
    for (int i = 0; i < a.length; i += k) {
      boolean same = true;
      for (int c = 0; c < k; c++) {
        same &= Float.floatToRawIntBits(a[i + c]) == Float.floatToRawIntBits(b[i + c]);
      }
      n += same ? 1 : 0;
    }
    return n;
  }

  /**
   * The card's expectation for a convolution type.
   *
   * @param t the type
   * @return the statement
   */
  public static String expectation(ConvType t) {
    return switch (t) {
      case VALID, SAME_ZERO -> "Similar ≈ 100 (mean >= 95%), Dissimilar << 50 (mean < 25%)";
      case SAME_CIRCULAR ->
          "Similar = Dissimilar exactly: bit-identical logits for every image in every run";
      case FULL_ZERO -> "Similar ≈ Dissimilar (means within 3 points)";
    };
  }

  static Row summarise(ConvType t, List<Run> runs, int testImages) {
    double[] sim = runs.stream().mapToDouble(Run::similar).toArray();
    double[] dis = runs.stream().mapToDouble(Run::dissimilar).toArray();
    double simMean = StabilityMetrics.mean(sim);
    double disMean = StabilityMetrics.mean(dis);
    boolean held =
        switch (t) {
          case VALID, SAME_ZERO -> simMean >= 0.95 && disMean < 0.25;
          case SAME_CIRCULAR ->
              runs.stream()
                  .allMatch(
                      r -> r.similar() == r.dissimilar() && r.identicalLogits() == testImages);
          case FULL_ZERO -> Math.abs(simMean - disMean) <= 0.03;
        };
    return new Row(
        t.id(),
        runs,
        simMean,
        Metrics.populationStd(sim),
        disMean,
        Metrics.populationStd(dis),
        published(t),
        expectation(t),
        held);
  }

  /**
   * The checks: one per convolution type, and one that the splits are disjoint.
   *
   * @param r the result
   * @return the checks
   */
  public static List<Check> checks(Result r) {
    List<Check> out = new ArrayList<>();
    for (Row row : r.rows()) {
      int identical = row.runs().stream().mapToInt(Run::identicalLogits).sum();
      out.add(
          new Check(
              row.conv() + ": " + row.expected(),
              row.held(),
              String.format(
                  Locale.ROOT,
                  "Similar %.1f ± %.1f%%, Dissimilar %.1f ± %.1f%% over %d seeds; bit-identical"
                      + " logit rows %d of %d",
                  100 * row.similarMean(),
                  100 * row.similarStd(),
                  100 * row.dissimilarMean(),
                  100 * row.dissimilarStd(),
                  row.runs().size(),
                  identical,
                  row.runs().size() * r.testImages())));
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
   * One line per check.
   *
   * @param r the result
   * @return the lines
   */
  public static List<String> verdictLines(Result r) {
    return checks(r).stream().map(Check::line).toList();
  }
}
