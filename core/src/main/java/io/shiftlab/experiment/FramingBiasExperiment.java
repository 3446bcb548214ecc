package io.shiftlab.experiment;

import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.FramingBias;
import io.shiftlab.data.synthetic.FramingBias.Placement;
import io.shiftlab.data.synthetic.FramingBias.Split;
import io.shiftlab.experiment.FramingBiasReport.ArmResult;
import io.shiftlab.experiment.FramingBiasReport.Budget;
import io.shiftlab.experiment.FramingBiasReport.Result;
import io.shiftlab.experiment.FramingBiasReport.Run;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.probe.BinnedAccuracy;
import io.shiftlab.probe.Metrics;
import io.shiftlab.probe.Predictor;
import io.shiftlab.random.Streams;
import io.shiftlab.stats.Intervals;
import io.shiftlab.train.AugmentSpec;
import io.shiftlab.train.BatchOrder;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Framing bias (PROTOCOLS card 2; Warden's blog, seed 000; no published numbers): a classifier
 * trained only on centrally framed objects misses them elsewhere; random shift augmentation fixes
 * it; a global pool discards the positions a dense head sees; dilation grows the receptive field
 * without shrinking the map.
 *
 * <p>Data: {@link FramingBias}, 48x48 suns vs other shapes, mass-matched. Training and validation
 * images are framed (centre {@code 23.5 + U(-2, 2)} per axis); there are two test sets, framed and
 * anywhere (centre {@code U(10, 37)}). Models: the five {@code framing-*} models of {@link
 * io.shiftlab.nn.zoo.AllConvNets}, each without augmentation and with a random integer shift {@code
 * U{-14..14}^2} (zero fill) per image and epoch; each of these ten arms is trained {@link
 * ExperimentContext#seeds()} times, run r with the training seed {@link Streams#runSeed}{@code
 * (master, r)} (run 0 with the master seed) on the same data. Adam 1e-3, batch 64, no early
 * stopping (the last epoch is kept). Metrics: accuracy on each test set, the gap {@code Δ = framed
 * - anywhere}, and accuracy per Chebyshev offset bin {@code <= 2, (2, 6], (6, 10], > 10} pooled
 * over both test sets ({@link BinnedAccuracy}).
 */
public final class FramingBiasExperiment extends AbstractExperiment<Result> {
  /** The experiment's name on the command line. */
  public static final String NAME = "framing-bias";

  /** The shift augmentation of the augmented arms: integer offsets in [-14, 14]², zero fill. */
  public static final AugmentSpec AUGMENT = AugmentSpec.parse("zero:14x14:int");

  /** Upper edges of the Chebyshev offset bins of card 2, in pixels. */
  public static final double[] BIN_EDGES = {2, 6, 10};

  /** The models, by label and catalog name, in table order. */
  public static final List<String[]> MODELS =
      List.of(
          new String[] {"P-flat", "framing-p-flat"},
          new String[] {"P-gap", "framing-p-gap"},
          new String[] {"S-flat", "framing-s-flat"},
          new String[] {"D-flat", "framing-d-flat"},
          new String[] {"D-gap", "framing-d-gap"});

  /**
   * The budget of a level: full = the card's small-scale run (2000 train, both arms) with 3 epochs
   * instead of 5, so that 3 runs per arm stay under 10 minutes on 2 cores; quick 1000 train, 3
   * epochs; smoke 32 train, 1 epoch; paper = the card's full run (4000 train, 1000 validation, 10
   * epochs). The runs per arm are the runner's ({@link ExperimentContext#seeds()}).
   *
   * @param level the level
   * @return the budget
   */
  public static Budget budget(BudgetLevel level) {
    return switch (level) {
      case SMOKE -> new Budget(32, 32, 32, 1);
      case QUICK -> new Budget(1000, 300, 500, 3);
      case FULL -> new Budget(2000, 500, 2000, 3);
        // the card's full design: 4000 framed training images, val 1000, tests 2000, 10 epochs
      case PAPER -> new Budget(4000, 1000, 2000, 10);
    };
  }

  /** Creates the experiment (stateless). */
  public FramingBiasExperiment() {
    super(
        new ExperimentInfo(
            NAME,
            "PROTOCOLS card 2",
            "A CNN trained on centrally framed objects misses them elsewhere; random shift"
                + " augmentation closes the gap; global pooling shrinks it; a dilated stack with a flat"
                + " head is worst (Warden's blog, seed 000; no published numbers).",
            List.of()));
  }

  /** The ten arms: every model without and with shift augmentation. */
  public static List<Arm> arms() {
    List<Arm> arms = new ArrayList<>();
    for (String[] m : MODELS) {
      ModelRef model = ModelRef.of(m[1]);
      arms.add(new Arm(m[0], model, AugmentSpec.NONE));
      arms.add(new Arm(m[0] + "+aug", model, AUGMENT));
    }
    return arms;
  }

  @Override
  public Result measure(ExperimentContext ctx, Path dir) {
    Budget budget = budget(ctx.budget());
    ctx.log()
        .printf(
            "%s: %d train, %d val (framed), %d framed + %d anywhere test images; 10 arms x %d"
                + " runs x %d epochs%n",
            NAME,
            budget.train(),
            budget.val(),
            budget.test(),
            budget.test(),
            ctx.seeds(),
            budget.epochs());
    return run(budget, ctx.seed(), ctx.seeds(), dir, ctx.perRun(Arm::label));
  }

  @Override
  public FramingBiasReport report() {
    return new FramingBiasReport();
  }

  /**
   * Generates the data, trains every arm {@code seeds} times and measures each model.
   *
   * @param budget the budget
   * @param seed the master seed (the data streams, and run 0's init, order and augmentation)
   * @param seeds runs per arm: run r trains with {@link Streams#runSeed}{@code (seed, r)}
   * @param outDir where the run directories go ({@code runs/<model>[-aug]-r<run>})
   * @param progress makes a listener per arm and run index
   * @return the result
   */
  public static Result run(
      Budget budget,
      long seed,
      int seeds,
      Path outDir,
      BiFunction<Arm, Integer, TrainingListener> progress) {
    OverRuns.requireSeeds(seeds);
    FramingBias gen = new FramingBias(new Streams(seed));
    ImageSet train = gen.train(budget.train()).images();
    ImageSet val = gen.val(budget.val()).images();
    Split framed = gen.test(Placement.FRAMED, budget.test());
    Split anywhere = gen.test(Placement.ANYWHERE, budget.test());
    double[] offsets = new double[2 * budget.test()];
    int[] labels = new int[2 * budget.test()];
    for (int i = 0; i < budget.test(); i++) {
      offsets[i] = framed.offset(i);
      offsets[budget.test() + i] = anywhere.offset(i);
      labels[i] = framed.images().labels()[i];
      labels[budget.test() + i] = anywhere.images().labels()[i];
    }
    ArmTrainer trainer = new ArmTrainer(outDir, Map.of());
    List<ArmResult> results = new ArrayList<>();
    for (Arm arm : arms()) {
      List<Run> runs = new ArrayList<>();
      for (int r = 0; r < seeds; r++) {
        long runSeed = Streams.runSeed(seed, r);
        String dirName = "runs/" + arm.runStem() + "-r" + r;
        TrainConfig config =
            new TrainConfig(
                arm.model(),
                NAME,
                budget.epochs(),
                64,
                OptimizerSettings.adam(1e-3f),
                arm.augment(),
                0,
                runSeed,
                0,
                BatchOrder.SHUFFLED);
        ArmTrainer.Trained trained =
            trainer.train(dirName, config, train, val, progress.apply(arm, r));
        try (ArmTrainer.Evaluation e = trained.open()) {
          int[] pf = Predictor.predict(e.net(), framed.images(), e.manager());
          int[] pa = Predictor.predict(e.net(), anywhere.images(), e.manager());
          int[] both = new int[pf.length + pa.length];
          System.arraycopy(pf, 0, both, 0, pf.length);
          System.arraycopy(pa, 0, both, pf.length, pa.length);
          runs.add(
              new Run(
                  r,
                  runSeed,
                  dirName,
                  trained.result().valAccuracy(),
                  Metrics.accuracy(pf, framed.images().labels()),
                  Metrics.accuracy(pa, anywhere.images().labels()),
                  BinnedAccuracy.of(offsets, both, labels, BIN_EDGES),
                  Intervals.correct(pf, framed.images().labels()),
                  Intervals.correct(pa, anywhere.images().labels())));
        }
      }
      results.add(ArmResult.of(arm, runs));
    }
    return new Result(budget, seed, seeds, BIN_EDGES.clone(), offsets, results);
  }
}
