package io.shiftlab.experiment;

import io.shiftlab.data.ImageOverlap;
import io.shiftlab.data.synthetic.RedGreen;
import io.shiftlab.data.synthetic.RedGreenSizes;
import io.shiftlab.data.synthetic.RedGreenSplits;
import io.shiftlab.experiment.RedGreenReport.Budget;
import io.shiftlab.experiment.RedGreenReport.Result;
import io.shiftlab.experiment.RedGreenReport.Row;
import io.shiftlab.experiment.RedGreenReport.Run;
import io.shiftlab.nn.zoo.AllConvNets.ConvType;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.probe.ClassScores;
import io.shiftlab.probe.Metrics;
import io.shiftlab.probe.Predictor;
import io.shiftlab.probe.StabilityMetrics;
import io.shiftlab.stats.Intervals;
import io.shiftlab.train.AugmentSpec;
import io.shiftlab.train.BatchOrder;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.TrainResult;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * io.shiftlab.nn.zoo.AllConvNets}) comes in four convolution types: valid, same-zero, same-circular
 * and full-zero.
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
public final class RedGreenExperiment extends AbstractExperiment<Result> {
  /** The experiment's name on the command line. */
  public static final String NAME = "red-green";

  /** Mini-batch size (card 5). */
  public static final int BATCH = 200;

  /** The card's seeds per convolution type (0-9), run at the paper budget. */
  public static final int CARD_SEEDS = 10;

  /** Early-stopping patience in epochs (card 5). */
  public static final int PATIENCE = 8;

  /** The optimiser of card 5: Adadelta lr 1, rho .9, eps 1e-6, weight decay 5e-5. */
  public static final OptimizerSettings OPTIMIZER =
      OptimizerSettings.adadelta(1f, 0.9f, 1e-6f, 5e-5f);

  /**
   * The budget per level, sized from measured CPU time (a default-budget run of 8 models took 7 min
   * wall on 2 cores, about 53 s per model). FULL: the card's full sizes 2000/1000/1000, at most 25
   * epochs with early stopping (card: 50; 12 models, estimated 9 minutes); QUICK: the card's small
   * scale 1000/500/500, 15 epochs; SMOKE: 100/50/50, 2 epochs. The seeds per type are the runner's
   * ({@link BudgetLevel#seeds()}: 3, 2 and 1; the card's 10 would take about 3 times longer).
   * PAPER: the card's 50 epochs and its 10 seeds ({@link #seeds(BudgetLevel)}).
   *
   * @param level the level
   * @param seeds run seeds per convolution type
   * @return the budget
   */
  public static Budget budget(BudgetLevel level, int seeds) {
    return switch (level) {
      case SMOKE -> new Budget(new RedGreenSizes(100, 50, 50), 2, seeds);
      case QUICK -> new Budget(RedGreenSizes.SMALL, 15, seeds);
      case FULL -> new Budget(RedGreenSizes.DEFAULT, 25, seeds);
        // the card's 50 epochs (early stopping after 8 without a lower val loss) and its sizes
      case PAPER -> new Budget(RedGreenSizes.DEFAULT, 50, seeds);
    };
  }

  /** Creates the experiment (stateless). */
  public RedGreenExperiment() {
    super(
        new ExperimentInfo(
            NAME,
            "PROTOCOLS card 5",
            "Border handling decides whether a CNN exploits absolute position: with valid or"
                + " zero-same convolutions it learns the position shortcut of the red-green data and fails"
                + " when the classes swap halves; circular padding cannot see position (Kayhan & van"
                + " Gemert CVPR 2020, Exp. 2).",
            List.of()));
  }

  @Override
  public Result measure(ExperimentContext ctx, Path dir) {
    Budget budget = budget(ctx.budget(), ctx.seeds());
    ctx.log()
        .printf(
            "%s: %d/%d/%d images, 4 conv types x %d seeds, <= %d epochs each%n",
            NAME,
            budget.sizes().train(),
            budget.sizes().val(),
            budget.sizes().test(),
            budget.seeds(),
            budget.maxEpochs());
    return run(budget, ctx.seed(), dir, (conv, s) -> ctx.progress().apply(conv + " seed " + s));
  }

  /**
   * The level's seeds, except at the paper budget, which runs the card's 10.
   *
   * @param level the budget level
   * @return 1 at smoke, 2 at quick, 3 at full, 10 at paper
   */
  @Override
  public int seeds(BudgetLevel level) {
    return level == BudgetLevel.PAPER ? CARD_SEEDS : level.seeds();
  }

  @Override
  public RedGreenReport report() {
    return new RedGreenReport();
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
    ArmTrainer trainer = new ArmTrainer(outDir, Map.of());
    List<Row> rows = new ArrayList<>();
    for (ConvType t : ConvType.values()) {
      ModelRef model = ModelRef.of(t.model());
      List<Run> runs = new ArrayList<>();
      for (long seed = 0; seed < budget.seeds(); seed++) {
        String dirName = "runs/" + t.id() + "-s" + seed;
        TrainConfig config =
            new TrainConfig(
                model,
                NAME,
                budget.maxEpochs(),
                BATCH,
                OPTIMIZER,
                AugmentSpec.NONE,
                PATIENCE,
                seed,
                0,
                BatchOrder.FIXED);
        ArmTrainer.Trained trained =
            trainer.train(dirName, config, data.train(), data.val(), progress.apply(t.id(), seed));
        TrainResult tr = trained.result();
        try (ArmTrainer.Evaluation e = trained.open()) {
          float[] sim = Predictor.logits(e.net(), data.testSimilar(), e.manager());
          float[] dis = Predictor.logits(e.net(), data.testDissimilar(), e.manager());
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
                  identicalRows(sim, dis, 2),
                  Intervals.correct(ps, labels),
                  Intervals.correct(pd, labels)));
        }
      }
      rows.add(summarise(t, runs));
    }
    return new Result(
        budget,
        BATCH,
        PATIENCE,
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

  static Row summarise(ConvType t, List<Run> runs) {
    double[] sim = runs.stream().mapToDouble(Run::similar).toArray();
    double[] dis = runs.stream().mapToDouble(Run::dissimilar).toArray();
    return new Row(
        t,
        runs,
        StabilityMetrics.mean(sim),
        Metrics.populationStd(sim),
        StabilityMetrics.mean(dis),
        Metrics.populationStd(dis));
  }
}
