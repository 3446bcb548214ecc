package io.shiftlab.experiment;

import io.shiftlab.data.DataSplits;
import io.shiftlab.data.ImageSet;
import io.shiftlab.experiment.ShiftedDigitsReport.ArmResult;
import io.shiftlab.experiment.ShiftedDigitsReport.Budget;
import io.shiftlab.experiment.ShiftedDigitsReport.Result;
import io.shiftlab.experiment.ShiftedDigitsReport.Run;
import io.shiftlab.experiment.ShiftedDigitsReport.Settings;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.probe.Metrics;
import io.shiftlab.probe.Predictor;
import io.shiftlab.random.Streams;
import io.shiftlab.shift.ShiftDistribution;
import io.shiftlab.shift.ShiftMode;
import io.shiftlab.shift.ShiftSpec;
import io.shiftlab.stats.Intervals;
import io.shiftlab.train.AugmentSpec;
import io.shiftlab.train.BatchOrder;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Shifted digits (PROTOCOLS card 1; Soni 2019, seed 004): how much accuracy do a per-pixel dense
 * model, an MLP, a one-stage and a two-stage CNN keep when the test digits move by up to one pixel
 * (ShiftMin) or up to 4 x 3 pixels (Shift), and how much does shift augmentation recover?
 *
 * <p>Five arms are trained on the same splits: {@code nn-article}, {@code mlp}, {@code cnn1},
 * {@code cnn2}, and {@code cnn2} with the article's Keras augmentation (shift range 0.1, fill
 * nearest), each {@link ExperimentContext#seeds()} times: run r trains with the seed {@link
 * Streams#runSeed}{@code (master, r)}, so run 0 uses the master seed. Each model is evaluated on
 * the clean test set, on ShiftMin and Shift (one seeded random offset per image, |d| = U(0, max)
 * with a random sign, bilinear, zero fill) and on a curve of maximum shifts 0 to 6 px. Early
 * stopping uses the validation split only, never the test set.
 *
 * <p>Decisions where the protocol is silent, recorded here and in the report: early stopping with
 * patience 5 on validation loss, keeping the best epoch; the data and the test-set offsets come
 * from the master seed and are shared by all arms and runs (same streams), so differences between
 * models are not offset noise.
 */
public final class ShiftedDigits extends AbstractExperiment<Result> {
  /** The experiment's name on the command line. */
  public static final String NAME = "shifted-digits";

  /** The largest shift of the accuracy curve, in pixels. */
  public static final int CURVE_MAX = 6;

  /** The arms, in table order. */
  public static final List<Arm> ARMS =
      List.of(
          new Arm("NN (nn-article)", ModelRef.of("nn-article"), AugmentSpec.NONE),
          new Arm("MLP", ModelRef.of("mlp"), AugmentSpec.NONE),
          new Arm("CNN1", ModelRef.of("cnn1"), AugmentSpec.NONE),
          new Arm("CNN2", ModelRef.of("cnn2"), AugmentSpec.NONE),
          new Arm("CNN2+aug", ModelRef.of("cnn2"), AugmentSpec.parse("keras")));

  /**
   * The budget for a data set and level (see the report's decisions for the reasons and the time
   * estimates). Smoke: 1 epoch on 300 training and 100 test images. Digits: all images, 4 epochs at
   * quick, 15 at full. Fashion-MNIST: 6000 training / 2000 test images and 2 epochs at quick, 8000
   * training images, all test images and 3 epochs at full (3 runs per arm fit the 10 minutes).
   * Paper: the article's Adam lr 1e-4 and up to 100 epochs (patience 10 on the validation split) on
   * every image of the data set (MNIST's 60,000 are not on the machine: digits has 3500).
   *
   * @param dataset the data set's name
   * @param level the level
   * @return the budget
   */
  public static Budget budget(String dataset, BudgetLevel level) {
    boolean digits = dataset.equals("digits");
    return switch (level) {
      case SMOKE -> new Budget(1, 1e-3f, 128, 5, 300, 100);
      case QUICK ->
          digits ? new Budget(4, 1e-3f, 128, 5, 0, 0) : new Budget(2, 1e-3f, 128, 5, 6000, 2000);
      case FULL ->
          digits ? new Budget(15, 1e-3f, 128, 5, 0, 0) : new Budget(3, 1e-3f, 128, 5, 8000, 10000);
        // the article's Adam 1e-4 and up to 100 epochs, early stopping on val with patience 10
      case PAPER -> new Budget(100, 1e-4f, 128, 10, 0, 0);
    };
  }

  /** Creates the experiment (stateless). */
  public ShiftedDigits() {
    super(
        new ExperimentInfo(
            NAME,
            "PROTOCOLS card 1",
            "Convolution and pooling depth give partial tolerance to small shifts, a"
                + " position-specific dense read-out none; shift augmentation helps most (Soni 2019,"
                + " Medium; seed 004).",
            GREY_28));
  }

  @Override
  public Result measure(ExperimentContext ctx, Path dir) {
    String dataset = ctx.datasetOr("digits");
    Budget budget = budget(dataset, ctx.budget());
    DataSplits data = ctx.data().load(dataset, ctx.seed(), budget.maxTrain(), budget.maxTest());
    ctx.log()
        .printf(
            "%s on %s: %d train, %d val, %d test images; 5 arms x %d runs, up to %d epochs per"
                + " model%n",
            NAME,
            dataset,
            data.train().size(),
            data.val().size(),
            data.test().size(),
            ctx.seeds(),
            budget.epochs());
    return run(
        new Settings(dataset, budget, ctx.seed(), ctx.seeds()),
        ARMS,
        data,
        dir,
        ctx.perRun(Arm::label));
  }

  @Override
  public ShiftedDigitsReport report() {
    return new ShiftedDigitsReport();
  }

  /**
   * Trains the arms ({@link #ARMS} in the experiment; one arm in {@code
   * bench/shifted-digits-study}) {@code settings.seeds()} times each and measures every model on
   * the same test offsets, drawn from the master seed.
   *
   * @param settings the settings
   * @param arms the arms, in table order
   * @param data the splits (train and test already capped) and the checksums of their files
   * @param outDir where the run directories go ({@code runs/<model>[-aug]-r<run>})
   * @param progress makes a listener per arm and run index
   * @return the result
   */
  public static Result run(
      Settings settings,
      List<Arm> arms,
      DataSplits data,
      Path outDir,
      BiFunction<Arm, Integer, TrainingListener> progress) {
    Budget b = settings.budget();
    ImageSet test = data.test();
    Streams streams = new Streams(settings.seed());
    List<ShiftSpec> curveSpecs = new ArrayList<>();
    for (int s = 0; s <= CURVE_MAX; s++) {
      curveSpecs.add(new ShiftSpec(ShiftMode.ZERO, s, s, ShiftDistribution.ARTICLE));
    }
    var shiftMinOffsets = Predictor.offsets(ShiftSpec.SHIFT_MIN, streams, test.size());
    var shiftOffsets = Predictor.offsets(ShiftSpec.SHIFT, streams, test.size());
    ArmTrainer trainer = new ArmTrainer(outDir, data.sha256());
    List<ArmResult> results = new ArrayList<>();
    for (Arm arm : arms) {
      List<Run> runs = new ArrayList<>();
      for (int r = 0; r < settings.seeds(); r++) {
        long runSeed = Streams.runSeed(settings.seed(), r);
        String dirName = "runs/" + arm.runStem() + "-r" + r;
        TrainConfig config =
            new TrainConfig(
                arm.model(),
                settings.dataset(),
                b.epochs(),
                b.batchSize(),
                OptimizerSettings.adam(b.learningRate()),
                arm.augment(),
                b.patience(),
                runSeed,
                b.maxTrain(),
                BatchOrder.SHUFFLED);
        ArmTrainer.Trained trained =
            trainer.train(dirName, config, data.train(), data.val(), progress.apply(arm, r));
        try (ArmTrainer.Evaluation e = trained.open()) {
          int[] labels = test.labels();
          int[] pClean = Predictor.predict(e.net(), test, e.manager());
          int[] pMin =
              Predictor.predict(e.net(), test, ShiftSpec.SHIFT_MIN, shiftMinOffsets, e.manager());
          int[] pShift =
              Predictor.predict(e.net(), test, ShiftSpec.SHIFT, shiftOffsets, e.manager());
          double clean = Metrics.accuracy(pClean, labels);
          double[] curve = new double[CURVE_MAX + 1];
          curve[0] = clean; // a maximum shift of 0 px is the clean set
          for (int s = 1; s <= CURVE_MAX; s++) {
            ShiftSpec spec = curveSpecs.get(s);
            curve[s] =
                Metrics.accuracy(
                    Predictor.predict(
                        e.net(),
                        test,
                        spec,
                        Predictor.offsets(spec, streams, test.size()),
                        e.manager()),
                    labels);
          }
          runs.add(
              new Run(
                  r,
                  runSeed,
                  trained.result(),
                  dirName,
                  clean,
                  Metrics.accuracy(pMin, labels),
                  Metrics.accuracy(pShift, labels),
                  curve,
                  Intervals.correct(pClean, labels),
                  Intervals.correct(pMin, labels),
                  Intervals.correct(pShift, labels)));
        }
      }
      results.add(ArmResult.of(arm, runs));
    }
    return new Result(settings, test.size(), CURVE_MAX, results);
  }
}
