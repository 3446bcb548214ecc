package io.shiftlab.experiment;

import io.shiftlab.data.DataSplits;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.CornerOnly;
import io.shiftlab.data.synthetic.CornerOnly.Corner;
import io.shiftlab.experiment.CornerOnlyReport.Budget;
import io.shiftlab.experiment.CornerOnlyReport.Result;
import io.shiftlab.experiment.CornerOnlyReport.Row;
import io.shiftlab.experiment.CornerOnlyReport.Run;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.nn.zoo.PlainCnns.Head;
import io.shiftlab.probe.ClassScores;
import io.shiftlab.probe.Metrics;
import io.shiftlab.probe.Predictor;
import io.shiftlab.probe.StabilityMetrics;
import io.shiftlab.random.Streams;
import io.shiftlab.stats.Intervals;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Corner-only (PROTOCOLS card 3, after the StackExchange answer of seed 003): a CNN whose head
 * weights are tied to positions fails on objects where training never put them; global pooling
 * avoids it.
 *
 * <p>Digits (28x28) are placed on a 64x64 zero canvas ({@link CornerOnly}): training and validation
 * at the top-left corner only, the test split at each of the four corners. Three networks share one
 * trunk ({@link io.shiftlab.nn.zoo.PlainCnns}: [conv 3x3 same, ReLU, max-pool 2] x3, 16/32/32
 * channels, 8x8x32) and differ in the head: FC (flatten 2048 &rarr; dense 10), GAP (global average
 * pool &rarr; dense 10) and GAP with circular padding in the trunk. Each is trained with Adam 1e-3
 * (Keras defaults), batch 64, shuffled, 5 epochs, no early stopping, for runs r = 0 .. n-1 ({@code
 * n} = {@link ExperimentContext#seeds()}), run r with the training seed {@link
 * Streams#runSeed}{@code (master, r)} (initialisation and order; run 0 the master seed itself); the
 * data are the same for every run.
 *
 * <p>The FC head's last map has 8x8 cells with a receptive field of 22 and a jump of 8 (cell i sees
 * rows 8i &minus; 7 .. 8i + 14), so a bottom-right digit (rows 34&ndash;61) is seen only by cells
 * 4&ndash;7, whose dense weights never saw a digit in training. The four corners are circular rolls
 * of one another by 0 or 32 rows and columns, multiples of the total stride 8, so the circular
 * trunk's 8x8 map is rolled by 0 or 4 cells and global pooling removes the roll.
 *
 * <p>Checks (thresholds are our choice, the card gives none; decided by {@link CornerOnlyReport}
 * from 95% intervals): FC: TL within 3 points of the clean accuracy (the TL validation split) and
 * BR below 25% ("near 10%"); GAP-zero: every corner within 5 points of TL; GAP-circular:
 * bit-identical logits at all four corners for every test image (its global average sums each
 * channel's sorted values, so the rolled map gives the same float sum).
 */
public final class CornerOnlyExperiment extends AbstractExperiment<Result> {
  /** The experiment's name on the command line. */
  public static final String NAME = "corner-only";

  /** Mini-batch size (card 3). */
  public static final int BATCH = 64;

  /**
   * The budget per level, sized from measured CPU time (an epoch of 2000 training images costs
   * about 5 s of one core). FULL: the card's 5 epochs on the whole training split; QUICK: 5 epochs,
   * 2000 training images; SMOKE: 1 epoch, 100 training, 50 validation and 50 test images. The runs
   * per head are the context's (3, 2 and 1 by default).
   *
   * @param level the level
   * @return the budget
   */
  public static Budget budget(BudgetLevel level) {
    return switch (level) {
      case SMOKE -> new Budget(1, 100, 50, 50);
      case QUICK -> new Budget(5, 2000, 0, 0);
        // the card's own schedule (5 epochs, every image) is the default already
      case FULL, PAPER -> new Budget(5, 0, 0, 0);
    };
  }

  /** Creates the experiment (stateless). */
  public CornerOnlyExperiment() {
    super(
        new ExperimentInfo(
            NAME,
            "PROTOCOLS card 3",
            "Trained on objects at the top-left only, a CNN with a position-tied dense head fails"
                + " on the other corners (its bottom-right weights never learned); global average"
                + " pooling avoids it, and with circular padding the corners give identical logits"
                + " (StackExchange answer, seed 003).",
            GREY_28));
  }

  @Override
  public Result measure(ExperimentContext ctx, Path dir) {
    String dataset = ctx.datasetOr("digits");
    Budget budget = budget(ctx.budget());
    int seeds = ctx.seeds() > 0 ? ctx.seeds() : seeds(ctx.budget());
    DataSplits data = ctx.data().load(dataset, ctx.seed(), budget.maxTrain(), budget.maxTest());
    ctx.log()
        .printf(
            "%s on %s: %d train (TL), %d val (TL), %d test per corner; 3 heads x %d runs, %d"
                + " epochs%n",
            NAME,
            dataset,
            data.train().size(),
            budget.maxVal() > 0 ? Math.min(budget.maxVal(), data.val().size()) : data.val().size(),
            data.test().size(),
            seeds,
            budget.epochs());
    return run(dataset, budget, seeds, ctx.seed(), data, dir, ctx.perRun(Function.identity()));
  }

  @Override
  public CornerOnlyReport report() {
    return new CornerOnlyReport();
  }

  /**
   * Places the digits, trains and evaluates every (head, run).
   *
   * @param dataset the data set's name
   * @param budget the budget
   * @param seeds runs per head, run r with training seed {@link Streams#runSeed}{@code (seed, r)}
   * @param seed the master seed (the runs' training seeds derive from it)
   * @param data 28x28 digit splits
   * @param outDir where the run directories go ({@code runs/<head>-r<r>})
   * @param progress makes a listener per (head, run)
   * @return the result
   */
  public static Result run(
      String dataset,
      Budget budget,
      int seeds,
      long seed,
      DataSplits data,
      Path outDir,
      BiFunction<String, Integer, TrainingListener> progress) {
    OverRuns.requireSeeds(seeds);
    ImageSet train = CornerOnly.train(data.train());
    ImageSet val =
        CornerOnly.train(
            budget.maxVal() > 0 && budget.maxVal() < data.val().size()
                ? data.val().head(budget.maxVal())
                : data.val());
    Map<Corner, ImageSet> tests = new EnumMap<>(Corner.class);
    for (Corner c : Corner.values()) {
      tests.put(c, CornerOnly.test(data.test(), c));
    }
    int[] labels = data.test().labels();
    int k = data.train().numClasses();
    ArmTrainer trainer = new ArmTrainer(outDir, data.sha256());
    List<Row> rows = new ArrayList<>();
    for (Head h : Head.values()) {
      ModelRef model = ModelRef.of(h.model());
      List<Run> runs = new ArrayList<>();
      for (int s = 0; s < seeds; s++) {
        String dirName = "runs/" + h.id() + "-r" + s;
        TrainConfig config =
            TrainConfig.of(
                model,
                dataset,
                budget.epochs(),
                BATCH,
                OptimizerSettings.adam(1e-3f),
                Streams.runSeed(seed, s));
        ArmTrainer.Trained trained =
            trainer.train(dirName, config, train, val, progress.apply(h.id(), s));
        try (ArmTrainer.Evaluation e = trained.open()) {
          int[] valPred =
              ClassScores.fromLogits(Predictor.logits(e.net(), val, e.manager()), k).predicted();
          float[][] logits = new float[Corner.values().length][];
          double[] acc = new double[logits.length];
          int[][] pred = new int[logits.length][];
          double[][] correct = new double[logits.length][];
          for (Corner c : Corner.values()) {
            logits[c.ordinal()] = Predictor.logits(e.net(), tests.get(c), e.manager());
            pred[c.ordinal()] = ClassScores.fromLogits(logits[c.ordinal()], k).predicted();
            acc[c.ordinal()] = Metrics.accuracy(pred[c.ordinal()], labels);
            correct[c.ordinal()] = Intervals.correct(pred[c.ordinal()], labels);
          }
          runs.add(
              new Run(
                  h.id(),
                  config.seed(),
                  dirName,
                  Metrics.accuracy(valPred, val.labels()),
                  acc,
                  sameAcross(pred),
                  identicalAcross(logits, k),
                  maxAbsDiff(logits),
                  Intervals.correct(valPred, val.labels()),
                  correct));
        }
      }
      rows.add(summarise(h, runs));
    }
    return new Result(dataset, budget, seeds, BATCH, seed, train.size(), labels.length, rows);
  }

  /**
   * How many images get the same prediction in every variant.
   *
   * @param pred predictions per variant, image for image
   * @return the count
   */
  public static int sameAcross(int[][] pred) {
    int n = 0;
    for (int i = 0; i < pred[0].length; i++) {
      boolean same = true;
      for (int[] p : pred) {
        same &= p[i] == pred[0][i];
      }
      n += same ? 1 : 0;
    }
    return n;
  }

  /**
   * How many images have bit-identical logit rows in every variant.
   *
   * @param logits row-major logits per variant
   * @param k classes per row
   * @return the count
   */
  public static int identicalAcross(float[][] logits, int k) {
    int n = 0;
    for (int i = 0; i < logits[0].length; i += k) {
      boolean same = true;
      for (float[] l : logits) {
        for (int c = 0; c < k; c++) {
          same &= Float.floatToRawIntBits(l[i + c]) == Float.floatToRawIntBits(logits[0][i + c]);
        }
      }
      n += same ? 1 : 0;
    }
    return n;
  }

  /**
   * The largest |difference| between any variant's logits and the first variant's.
   *
   * @param logits row-major logits per variant, equal lengths
   * @return the maximum absolute difference
   */
  public static double maxAbsDiff(float[][] logits) {
    double max = 0;
    for (float[] l : logits) {
      for (int i = 0; i < l.length; i++) {
        max = Math.max(max, Math.abs((double) l[i] - logits[0][i]));
      }
    }
    return max;
  }

  static Row summarise(Head h, List<Run> runs) {
    int nc = Corner.values().length;
    double[] mean = new double[nc];
    double[] std = new double[nc];
    for (int c = 0; c < nc; c++) {
      final int ci = c;
      double[] xs = runs.stream().mapToDouble(r -> r.accuracy()[ci]).toArray();
      mean[c] = StabilityMetrics.mean(xs);
      std[c] = Metrics.populationStd(xs);
    }
    double clean = StabilityMetrics.mean(runs.stream().mapToDouble(Run::clean).toArray());
    return new Row(h, runs, clean, mean, std);
  }
}
