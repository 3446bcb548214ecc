package io.shiftlab.experiment;

import ai.djl.ndarray.NDManager;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.FramingBias;
import io.shiftlab.data.synthetic.FramingBias.Placement;
import io.shiftlab.data.synthetic.FramingBias.Split;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.Network;
import io.shiftlab.probe.BinnedAccuracy;
import io.shiftlab.probe.BinnedAccuracy.Bin;
import io.shiftlab.probe.Metrics;
import io.shiftlab.probe.Predictor;
import io.shiftlab.random.Streams;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.RunDirectory;
import io.shiftlab.train.ShiftAugmentation;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.TrainResult;
import io.shiftlab.train.Training;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Framing bias (PROTOCOLS card 2; Warden's blog, seed 000; no published numbers): a classifier
 * trained only on centrally framed objects misses them elsewhere; random shift augmentation fixes
 * it; a global pool discards the positions a dense head sees; dilation grows the receptive field
 * without shrinking the map.
 *
 * <p>Data: {@link FramingBias}, 48x48 suns vs other shapes, mass-matched. Training and validation
 * images are framed (centre {@code 23.5 + U(-2, 2)} per axis); there are two test sets, framed and
 * anywhere (centre {@code U(10, 37)}). Models: the five {@code framing-*} models of {@link
 * io.shiftlab.nn.zoo.FramingNets}, each trained twice, without augmentation and with a random
 * integer shift {@code U{-14..14}^2} (zero fill) per image and epoch. Adam 1e-3, batch 64, no early
 * stopping (the last epoch is kept). Metrics: accuracy on each test set, the gap {@code Δ = framed
 * - anywhere}, and accuracy per Chebyshev offset bin {@code <= 2, (2, 6], (6, 10], > 10} pooled
 * over both test sets ({@link BinnedAccuracy}).
 */
public final class FramingBiasExperiment extends Transitional {
  /** The experiment's name on the command line. */
  public static final String NAME = "framing-bias";

  /** The shift augmentation of the augmented arms: integer offsets in [-14, 14]², zero fill. */
  public static final String AUGMENT = "zero:14x14:int";

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
   * The budget of a level: full = the card's small-scale run (2000 train, 5 epochs, both arms);
   * quick 1000 train, 3 epochs; smoke 64 train, 1 epoch. The card's full run (4000 train, 10
   * epochs) takes about four times the full budget and is not a level.
   *
   * @param level the level
   * @return the budget
   */
  public static Budget budget(BudgetLevel level) {
    return switch (level) {
      case SMOKE -> new Budget(32, 32, 32, 1);
      case QUICK -> new Budget(1000, 300, 500, 3);
      case FULL -> new Budget(2000, 500, 2000, 5);
    };
  }

  /**
   * One trained model and what it measured.
   *
   * @param arm label, catalog model and augmentation
   * @param runDir the run directory, relative to the output directory
   * @param valAccuracy accuracy on the framed validation split after the last epoch
   * @param framed accuracy on the framed test set
   * @param anywhere accuracy on the anywhere test set
   * @param bins accuracy per offset bin, both test sets pooled
   */
  public record ArmResult(
      Arm arm, String runDir, double valAccuracy, double framed, double anywhere, List<Bin> bins) {
    /** The gap {@code Δ = framed - anywhere}. */
    public double gap() {
      return framed - anywhere;
    }

    /** Whether this arm trained with shift augmentation. */
    public boolean augmented() {
      return !arm.augment().equals("none");
    }
  }

  /**
   * The whole result.
   *
   * @param budget the budget
   * @param seed the master seed
   * @param arms one per (model, augmentation), models in {@link #MODELS} order, unaugmented first
   * @param checks the card's expectations, checked
   */
  public record Result(Budget budget, long seed, List<ArmResult> arms, List<Check> checks) {
    /** The arm of a model label with or without augmentation. */
    public ArmResult arm(String label, boolean augmented) {
      return arms.stream()
          .filter(a -> a.arm().label().equals(label + (augmented ? "+aug" : "")))
          .findFirst()
          .orElseThrow();
    }
  }

  /** Creates the experiment (stateless). */
  public FramingBiasExperiment() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String card() {
    return "PROTOCOLS card 2";
  }

  @Override
  public String claim() {
    return "A CNN trained on centrally framed objects misses them elsewhere; random shift"
        + " augmentation closes the gap; global pooling shrinks it; a dilated stack with a flat"
        + " head is worst (Warden's blog, seed 000; no published numbers).";
  }

  /** The ten arms: every model without and with shift augmentation. */
  public static List<Arm> arms() {
    List<Arm> arms = new ArrayList<>();
    for (String[] m : MODELS) {
      arms.add(new Arm(m[0], m[1], "none"));
      arms.add(new Arm(m[0] + "+aug", m[1], AUGMENT));
    }
    return arms;
  }

  @Override
  public Outcome run(ExperimentContext ctx, Path dir) {
    long start = System.nanoTime();
    Budget budget = budget(ctx.budget());
    ctx.log()
        .printf(
            "%s: %d train, %d val (framed), %d framed + %d anywhere test images; 10 models x %d"
                + " epochs%n",
            NAME, budget.train(), budget.val(), budget.test(), budget.test(), budget.epochs());
    Result r = run(budget, ctx.seed(), dir, arm -> ctx.progress().apply(arm.label()));
    FramingBiasReport.write(r, dir);
    return FramingBiasReport.outcome(this, r, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Generates the data, trains every arm and measures it.
   *
   * @param budget the budget
   * @param seed the master seed (data streams and every arm's init, order and augmentation)
   * @param outDir where the run directories go ({@code runs/<model>[-aug]})
   * @param progress makes a listener per arm
   * @return the result
   */
  public static Result run(
      Budget budget, long seed, Path outDir, Function<Arm, TrainingListener> progress) {
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
    InputShape input = new InputShape(1, FramingBias.SIZE, FramingBias.SIZE);
    List<ArmResult> results = new ArrayList<>();
    for (Arm arm : arms()) {
      String dirName = "runs/" + arm.model() + (arm.augment().equals("none") ? "" : "-aug");
      TrainConfig config =
          new TrainConfig(
              arm.model(),
              NAME,
              budget.epochs(),
              64,
              OptimizerSettings.adam(1e-3f),
              arm.augment(),
              0,
              seed,
              0);
      RunDirectory run = RunDirectory.create(outDir.resolve(dirName));
      TrainResult tr =
          new Training(
                  config,
                  train,
                  val,
                  ShiftAugmentation.parse(arm.augment(), input),
                  progress.apply(arm))
              .start(run, Map.of());
      try (Network net = TrainResult.load(run);
          NDManager m = TorchRuntime.newManager()) {
        int[] pf = Predictor.predict(net, framed.images(), m);
        int[] pa = Predictor.predict(net, anywhere.images(), m);
        int[] both = new int[pf.length + pa.length];
        System.arraycopy(pf, 0, both, 0, pf.length);
        System.arraycopy(pa, 0, both, pf.length, pa.length);
        results.add(
            new ArmResult(
                arm,
                dirName,
                tr.valAccuracy(),
                Metrics.accuracy(pf, framed.images().labels()),
                Metrics.accuracy(pa, anywhere.images().labels()),
                BinnedAccuracy.of(offsets, both, labels, BIN_EDGES)));
      }
    }
    Result partial = new Result(budget, seed, results, List.of());
    return new Result(budget, seed, results, checks(partial));
  }

  /** Large gap: at least this much accuracy lost from framed to anywhere (chosen a priori). */
  static final double LARGE_GAP = 0.10;

  /** "Towards 50%": the farthest bin at most this accurate (chosen a priori). */
  static final double FAR_BIN_MAX = 0.75;

  /** "Δ ≈ 0": at most this gap with augmentation (about 3 standard errors at n = 2000). */
  static final double SMALL_GAP = 0.03;

  /**
   * An augmented model at chance has Δ ≈ 0 without fixing anything: "fixes it" needs at least this
   * accuracy on the anywhere set.
   */
  static final double LEARNED = 0.80;

  /**
   * The card's expectations (hypotheses) as checks.
   *
   * @param r the result (its checks are ignored)
   * @return the checks
   */
  public static List<Check> checks(Result r) {
    List<Check> checks = new ArrayList<>();
    for (String flat : List.of("P-flat", "S-flat", "D-flat")) {
      ArmResult a = r.arm(flat, false);
      Bin far = a.bins().get(a.bins().size() - 1);
      checks.add(
          new Check(
              flat
                  + " (no aug): large gap Δ >= "
                  + pts(LARGE_GAP)
                  + " and the far bin (>10 px) falls towards 50% (<= "
                  + pct(FAR_BIN_MAX)
                  + ")",
              a.gap() >= LARGE_GAP && far.accuracy() <= FAR_BIN_MAX,
              String.format(
                  Locale.ROOT,
                  "Δ %s (framed %s, anywhere %s), far bin %s of %d images",
                  pts(a.gap()),
                  pct(a.framed()),
                  pct(a.anywhere()),
                  pct(far.accuracy()),
                  far.images())));
    }
    for (String[] pair : new String[][] {{"P-gap", "P-flat"}, {"D-gap", "D-flat"}}) {
      ArmResult gap = r.arm(pair[0], false);
      ArmResult flat = r.arm(pair[1], false);
      checks.add(
          new Check(
              pair[0] + " (no aug): smaller gap than " + pair[1],
              gap.gap() < flat.gap(),
              "Δ " + pts(gap.gap()) + " vs " + pts(flat.gap())));
    }
    List<ArmResult> aug = r.arms().stream().filter(ArmResult::augmented).toList();
    double worst = aug.stream().mapToDouble(a -> Math.abs(a.gap())).max().orElse(Double.NaN);
    double weakest = aug.stream().mapToDouble(ArmResult::anywhere).min().orElse(Double.NaN);
    checks.add(
        new Check(
            "with shift augmentation Δ ≈ 0 for every model (|Δ| <= "
                + pts(SMALL_GAP)
                + ") while it still finds the object anywhere (anywhere >= "
                + pct(LEARNED)
                + ")",
            worst <= SMALL_GAP && weakest >= LEARNED,
            String.join(
                ", ",
                aug.stream()
                    .map(a -> a.arm().label() + " " + pts(a.gap()) + " at " + pct(a.anywhere()))
                    .toList())));
    List<ArmResult> plain = r.arms().stream().filter(a -> !a.augmented()).toList();
    ArmResult largest =
        plain.stream().max((a, b) -> Double.compare(a.gap(), b.gap())).orElseThrow();
    checks.add(
        new Check(
            "D-flat has the largest gap without augmentation",
            largest.arm().label().equals("D-flat"),
            String.join(
                ", ", plain.stream().map(a -> a.arm().label() + " " + pts(a.gap())).toList())));
    return checks;
  }

  static String pts(double d) {
    return String.format(Locale.ROOT, "%+.1f pts", 100 * d);
  }

  static String pct(double d) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * d);
  }
}
