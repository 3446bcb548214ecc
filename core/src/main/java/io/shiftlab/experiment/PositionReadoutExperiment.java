package io.shiftlab.experiment;

import ai.djl.ndarray.NDManager;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.PositionTarget;
import io.shiftlab.data.synthetic.SyntheticFill;
import io.shiftlab.data.synthetic.TileMosaic;
import io.shiftlab.nn.Network;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.nn.ReadoutSpec;
import io.shiftlab.probe.FeatureMaps;
import io.shiftlab.probe.FeatureMaps.Features;
import io.shiftlab.probe.FeatureMaps.Level;
import io.shiftlab.probe.PositionReadout;
import io.shiftlab.probe.PositionReadout.Fit;
import io.shiftlab.random.Streams;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.train.Augmentation;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.ReadoutConfig;
import io.shiftlab.train.RunDirectory;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.TrainResult;
import io.shiftlab.train.Training;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Position read-out (PROTOCOLS card 6; Islam, Jia &amp; Bruce ICLR 2020, "How much position
 * information do convolutional neural networks encode?", PosENet; seed 001), at small scale.
 *
 * <p>Two encoders are trained for classification on the data set (Fashion-MNIST by default): {@code
 * posenc-zero} (zero "same" padding) and its twin {@code posenc-none} (no padding), 3 stages. They
 * are then frozen; their three stage outputs f1..f3 are resized bilinearly (aligned corners) to
 * 14x14 and concatenated, and a PosENet read-out ({@link ReadoutSpec}; default depth 1, 3x3, no
 * padding) is trained on them to regress each of the five position maps of {@link PositionTarget}
 * at the 28x28 input size. The PosENet baseline trains the same read-out on the raw image (resized
 * to 14x14 like the features). Inputs are uniform random 28x28 crops of a mosaic of tiles ({@link
 * TileMosaic}): training crops from the training split's tiles, test crops from the test split's,
 * so no content is centre-biased. The content-free sets black, white and noise are scored as well.
 * Metrics: SPC (mean per-image Spearman rho, NaN for constant predictions, never averaged as 0) and
 * MAE ({@link io.shiftlab.probe.PositionMetrics}).
 *
 * <p>Ablations on {@code posenc-zero} and target H: read-out kernel 1/3/7, depth 1/2/3, read-out
 * padding none/zero (also on the raw image), and the feature level f1, f2, f3 or all. Decisions
 * where the card is silent or does not fit the scale are listed in {@link
 * PositionReadoutReport#DECISIONS}.
 */
public final class PositionReadoutExperiment extends Transitional {
  /** The experiment's name on the command line. */
  public static final String NAME = "position-readout";

  /** The test sets, in table order. */
  public static final List<String> TEST_SETS = List.of("mosaic", "black", "white", "noise");

  /** The source of the raw-image (PosENet) baseline. */
  public static final String RAW = "raw image";

  /** The common side the feature maps are resized to. */
  public static final int SIDE = 14;

  /**
   * The budget.
   *
   * @param encoderEpochs epochs of encoder training
   * @param maxTrain encoder training images (0 = all)
   * @param readoutTrain mosaic crops the read-out trains on
   * @param readoutTest mosaic crops it is tested on
   * @param noiseImages noise test images
   * @param readoutEpochs read-out epochs
   * @param batchSize read-out batch size
   */
  public record Budget(
      int encoderEpochs,
      int maxTrain,
      int readoutTrain,
      int readoutTest,
      int noiseImages,
      int readoutEpochs,
      int batchSize) {
    /** Validates the values. */
    public Budget {
      if (encoderEpochs < 1 || readoutEpochs < 1 || readoutTrain < 1 || readoutTest < 1) {
        throw new IllegalArgumentException("budget values must be >= 1");
      }
    }
  }

  /**
   * The budget per level: smoke = plumbing only; quick = a first look (~90 s on 2 cores); full =
   * the card's 3 encoder and 3 read-out epochs.
   *
   * @param level the level
   * @return the budget
   */
  public static Budget budget(BudgetLevel level) {
    return switch (level) {
      case SMOKE -> new Budget(1, 200, 32, 8, 2, 1, 16);
      case QUICK -> new Budget(2, 6000, 400, 100, 20, 3, 32);
      case FULL -> new Budget(3, 20000, 2000, 300, 50, 3, 32);
    };
  }

  /**
   * The settings of one run.
   *
   * @param dataset the data set the tiles and the encoders' training images come from
   * @param budget the budget
   * @param seed the master seed
   * @param optimizer the read-out's optimiser
   */
  public record Settings(String dataset, Budget budget, long seed, OptimizerSettings optimizer) {}

  /**
   * A frozen encoder.
   *
   * @param source the row label, e.g. {@code posenc-zero}
   * @param padding its convolutions' padding id, or {@code -} for the raw image
   * @param runDir its run directory, or empty
   * @param valAccuracy its classification accuracy on the validation split, NaN for the raw image
   * @param levels its feature levels, before resizing
   */
  public record Encoder(
      String source, String padding, String runDir, double valAccuracy, List<Level> levels) {}

  /**
   * One ablation fit.
   *
   * @param factor what varies: {@code kernel}, {@code depth}, {@code read-out padding}, {@code
   *     level}, {@code encoder padding}
   * @param setting the value, e.g. {@code 7}
   * @param source the features' source
   * @param fit the fit
   */
  public record Ablation(String factor, String setting, String source, Fit fit) {}

  /**
   * The whole result.
   *
   * @param settings the settings
   * @param encoders the encoders, raw image last
   * @param main one fit per (encoder, target), default read-out, encoders outer
   * @param ablations the ablation fits, all on target H
   */
  public record Result(
      Settings settings, List<Encoder> encoders, List<Fit> main, List<Ablation> ablations) {

    /**
     * The main fit of a source and target.
     *
     * @param source e.g. {@code posenc-zero}
     * @param target the target
     * @return the fit
     */
    public Fit fit(String source, PositionTarget target) {
      return main.stream()
          .filter(f -> f.target() == target && sourceOf(f).equals(source))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no fit " + source + " " + target));
    }
  }

  /** The encoder (or {@link #RAW}) a fit's features came from. */
  public static String sourceOf(Fit f) {
    return f.features().startsWith(RAW) ? RAW : f.features().split(" ")[0];
  }

  /** Creates the experiment (stateless). */
  public PositionReadoutExperiment() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String card() {
    return "PROTOCOLS card 6";
  }

  @Override
  public String claim() {
    return "Frozen CNN classifiers hold absolute position that a small read-out can regress, raw"
        + " images do not, and zero padding is the source (Islam, Jia & Bruce ICLR 2020, PosENet;"
        + " seed 001).";
  }

  @Override
  public List<String> datasets() {
    return List.of("fashion-mnist", "digits", "idx:DIR");
  }

  @Override
  public Outcome run(ExperimentContext ctx, Path dir) {
    long start = System.nanoTime();
    String dataset = ctx.datasetOr("fashion-mnist");
    Budget budget = budget(ctx.budget());
    DataSplits data = ctx.data().load(dataset, ctx.seed(), budget.maxTrain(), 0);
    ctx.log()
        .printf(
            "%s on %s: encoders %d epoch(s) on %d images; read-out %d epoch(s) on %d crops, tested"
                + " on %d crops + black, white, %d noise%n",
            NAME,
            dataset,
            budget.encoderEpochs(),
            data.train().size(),
            budget.readoutEpochs(),
            budget.readoutTrain(),
            budget.readoutTest(),
            budget.noiseImages());
    Settings settings = new Settings(dataset, budget, ctx.seed(), ReadoutConfig.cardSgd());
    Result r = run(settings, data, dir, ctx.progress());
    PositionReadoutReport.write(r, dir);
    return PositionReadoutReport.outcome(this, r, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Trains the encoders, extracts their features once, and fits every read-out.
   *
   * @param settings the settings
   * @param data the splits (training split already capped)
   * @param outDir where the encoders' run directories go ({@code runs/<model>})
   * @param progress makes a listener per encoder
   * @return the result
   */
  public static Result run(
      Settings settings,
      DataSplits data,
      Path outDir,
      Function<String, TrainingListener> progress) {
    Budget b = settings.budget();
    Streams streams = new Streams(settings.seed());
    ImageSet train = data.train();
    int c = train.channels();
    int h = train.height();
    int w = train.width();
    ImageSet readTrain =
        TileMosaic.crops("mosaic-train", train, b.readoutTrain(), streams.stream("readout.train"));
    Map<String, ImageSet> testSets = new LinkedHashMap<>();
    testSets.put(
        "mosaic",
        TileMosaic.crops(
            "mosaic", data.test(), b.readoutTest(), streams.stream(Streams.test("mosaic"))));
    testSets.put("black", SyntheticFill.BLACK.images(1, c, h, w, null));
    testSets.put("white", SyntheticFill.WHITE.images(1, c, h, w, null));
    testSets.put(
        "noise",
        SyntheticFill.NOISE.images(
            b.noiseImages(), c, h, w, streams.stream(Streams.test("noise"))));
    ReadoutConfig config =
        new ReadoutConfig(
            b.readoutEpochs(), b.batchSize(), settings.optimizer(), streams.seedOf("readout"));

    List<Encoder> encoders = new ArrayList<>();
    Map<String, Features> trainFeatures = new LinkedHashMap<>();
    Map<String, Map<String, Features>> testFeatures = new LinkedHashMap<>();
    try (NDManager m = TorchRuntime.newManager()) {
      for (PaddingMode mode : List.of(PaddingMode.ZERO, PaddingMode.NONE)) {
        String model = "posenc-" + mode.id();
        String dirName = "runs/" + model;
        TrainConfig tc =
            new TrainConfig(
                model,
                settings.dataset(),
                b.encoderEpochs(),
                128,
                OptimizerSettings.adam(1e-3f),
                "none",
                0,
                settings.seed(),
                b.maxTrain());
        RunDirectory run = RunDirectory.create(outDir.resolve(dirName));
        TrainResult tr =
            new Training(tc, train, data.val(), Augmentation.NONE, progress.apply(model))
                .start(run, data.sha256());
        try (Network net = TrainResult.load(run)) {
          Features f = FeatureMaps.extract(net, model, readTrain, List.of(), SIDE, m);
          trainFeatures.put(model, f);
          Map<String, Features> tests = new LinkedHashMap<>();
          for (var e : testSets.entrySet()) {
            tests.put(
                e.getKey(), FeatureMaps.extract(net, model, e.getValue(), List.of(), SIDE, m));
          }
          testFeatures.put(model, tests);
          encoders.add(new Encoder(model, mode.id(), dirName, tr.valAccuracy(), f.levels()));
        }
      }
      Features raw = FeatureMaps.raw(readTrain, SIDE, m);
      trainFeatures.put(RAW, raw);
      Map<String, Features> rawTests = new LinkedHashMap<>();
      for (var e : testSets.entrySet()) {
        rawTests.put(e.getKey(), FeatureMaps.raw(e.getValue(), SIDE, m));
      }
      testFeatures.put(RAW, rawTests);
      encoders.add(new Encoder(RAW, "-", "", Double.NaN, raw.levels()));
    }

    List<Fit> main = new ArrayList<>();
    for (String source : trainFeatures.keySet()) {
      for (PositionTarget t : PositionTarget.values()) {
        main.add(
            PositionReadout.fit(
                trainFeatures.get(source),
                testFeatures.get(source),
                t,
                h,
                w,
                ReadoutSpec.DEFAULT,
                config));
      }
    }

    List<Ablation> ablations = new ArrayList<>();
    String zero = "posenc-zero";
    Features zt = trainFeatures.get(zero);
    Map<String, Features> zs = testFeatures.get(zero);
    Function<ReadoutSpec, Fit> fitZero =
        spec -> PositionReadout.fit(zt, zs, PositionTarget.H, h, w, spec, config);
    for (String source : trainFeatures.keySet()) {
      ablations.add(
          new Ablation(
              "encoder padding",
              source.equals(RAW) ? "raw image" : source.substring("posenc-".length()),
              source,
              find(main, source, PositionTarget.H)));
    }
    for (int k : new int[] {1, 3, 7}) {
      ReadoutSpec spec = new ReadoutSpec(1, k, PaddingMode.NONE);
      ablations.add(
          new Ablation(
              "kernel",
              Integer.toString(k),
              zero,
              k == 3 ? find(main, zero, PositionTarget.H) : fitZero.apply(spec)));
    }
    for (int d : new int[] {1, 2, 3}) {
      ReadoutSpec spec = new ReadoutSpec(d, 3, PaddingMode.NONE);
      ablations.add(
          new Ablation(
              "depth",
              Integer.toString(d),
              zero,
              d == 1 ? find(main, zero, PositionTarget.H) : fitZero.apply(spec)));
    }
    ReadoutSpec padded = new ReadoutSpec(1, 3, PaddingMode.ZERO);
    ablations.add(
        new Ablation("read-out padding", "none", zero, find(main, zero, PositionTarget.H)));
    ablations.add(new Ablation("read-out padding", "zero", zero, fitZero.apply(padded)));
    ablations.add(new Ablation("read-out padding", "none", RAW, find(main, RAW, PositionTarget.H)));
    ablations.add(
        new Ablation(
            "read-out padding",
            "zero",
            RAW,
            PositionReadout.fit(
                trainFeatures.get(RAW),
                testFeatures.get(RAW),
                PositionTarget.H,
                h,
                w,
                padded,
                config)));
    ablations.addAll(levelAblations(zero, zt, zs, config, h, w));
    ablations.add(new Ablation("level", "all", zero, find(main, zero, PositionTarget.H)));
    // the valid encoder level by level: its maps have different sizes, so resizing them to one
    // grid misaligns their receptive fields by an amount that varies with position
    String none = "posenc-none";
    ablations.addAll(
        levelAblations(none, trainFeatures.get(none), testFeatures.get(none), config, h, w));
    ablations.add(new Ablation("level", "all", none, find(main, none, PositionTarget.H)));
    return new Result(settings, encoders, main, ablations);
  }

  /** One default read-out of target H per single level of an encoder. */
  private static List<Ablation> levelAblations(
      String source,
      Features train,
      Map<String, Features> tests,
      ReadoutConfig config,
      int h,
      int w) {
    List<Ablation> out = new ArrayList<>();
    for (int l = 0; l < train.levels().size(); l++) {
      List<Integer> one = List.of(l);
      Map<String, Features> selected = new LinkedHashMap<>();
      tests.forEach((k, v) -> selected.put(k, v.select(one)));
      Fit fit =
          PositionReadout.fit(
              train.select(one), selected, PositionTarget.H, h, w, ReadoutSpec.DEFAULT, config);
      out.add(new Ablation("level", train.levels().get(l).name(), source, fit));
    }
    return out;
  }

  private static Fit find(List<Fit> fits, String source, PositionTarget t) {
    return fits.stream()
        .filter(f -> f.target() == t && sourceOf(f).equals(source))
        .findFirst()
        .orElseThrow();
  }

  /**
   * The card's expected outcomes as checks.
   *
   * @param r the result
   * @return the checks
   */
  public static List<Check> checks(Result r) {
    String zero = "posenc-zero";
    String none = "posenc-none";
    double zh = spc(r, zero, PositionTarget.H);
    double zv = spc(r, zero, PositionTarget.V);
    double nh = spc(r, none, PositionTarget.H);
    double nv = spc(r, none, PositionTarget.V);
    double rh = spc(r, RAW, PositionTarget.H);
    double rv = spc(r, RAW, PositionTarget.V);
    double zhs = spc(r, zero, PositionTarget.HS);
    double zvs = spc(r, zero, PositionTarget.VS);
    PositionReadout.Score rawBlack = r.fit(RAW, PositionTarget.H).score("black");
    PositionReadout.Score rawWhite = r.fit(RAW, PositionTarget.H).score("white");
    return List.of(
        new Check(
            "zero-padded encoder: SPC(H) and SPC(V) clearly > 0 (>= " + CLEAR + ") on mosaic crops",
            zh >= CLEAR && zv >= CLEAR,
            f("SPC(H) %.3f, SPC(V) %.3f", zh, zv)),
        new Check(
            "raw-image read-out (PosENet): SPC(H), SPC(V) ≈ 0 (|SPC| < " + NEAR_ZERO + ") or NaN",
            nearZero(rh) && nearZero(rv),
            f(
                "SPC(H) %.3f ± %.3f SE, SPC(V) %.3f ± %.3f SE",
                rh, se(r, RAW, PositionTarget.H), rv, se(r, RAW, PositionTarget.V))),
        new Check(
            "valid (unpadded) encoder: SPC(H), SPC(V) ≈ 0 (|SPC| < " + NEAR_ZERO + ") or NaN",
            nearZero(nh) && nearZero(nv),
            f(
                "SPC(H) %.3f ± %.3f SE, SPC(V) %.3f ± %.3f SE",
                nh, se(r, none, PositionTarget.H), nv, se(r, none, PositionTarget.V))),
        new Check(
            "zero-padded encoder: stripes are harder, SPC(HS) < SPC(H) and SPC(VS) < SPC(V)",
            zhs < zh && zvs < zv,
            f("HS %.3f vs H %.3f; VS %.3f vs V %.3f", zhs, zh, zvs, zv)),
        new Check(
            "raw-image read-out on black and white: constant prediction, SPC reported NaN (not 0)",
            Double.isNaN(rawBlack.spc()) && Double.isNaN(rawWhite.spc()),
            f("black %.3f, white %.3f", rawBlack.spc(), rawWhite.spc())));
  }

  /** The threshold for "clearly > 0". */
  public static final double CLEAR = 0.2;

  /** The threshold for "≈ 0". */
  public static final double NEAR_ZERO = 0.1;

  private static boolean nearZero(double spc) {
    return Double.isNaN(spc) || Math.abs(spc) < NEAR_ZERO;
  }

  private static double spc(Result r, String source, PositionTarget t) {
    return r.fit(source, t).score("mosaic").spc();
  }

  private static double se(Result r, String source, PositionTarget t) {
    return r.fit(source, t).score("mosaic").spcStdError();
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
