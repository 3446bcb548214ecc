package io.shiftlab.experiment;

import io.shiftlab.data.DataSplits;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.GridRegion;
import io.shiftlab.data.synthetic.GridTask;
import io.shiftlab.data.synthetic.LocationGrid;
import io.shiftlab.nn.Network;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.nn.zoo.LocationGridModels;
import io.shiftlab.probe.BackboneProbe;
import io.shiftlab.probe.ChannelRanking;
import io.shiftlab.probe.GridMetrics;
import io.shiftlab.probe.Metrics;
import io.shiftlab.random.Streams;
import io.shiftlab.train.RunDirectory;
import io.shiftlab.train.TrainResult;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Position channels (PROTOCOLS card 8; Islam et al. ICCV 2021, seed 002): rank the channels of the
 * final backbone map by how much they change when the image is mirrored, then zero the top-ranked
 * ones before the head and see how much location and class accuracy are lost, against zeroing as
 * many random channels.
 *
 * <p>Models: the card-7 GAPNet with zero padding at g = 3 on the location task, and its twin on the
 * digit task, trained by {@link GridTraining} exactly as location-grid trains them. Rankings
 * ({@link ChannelRanking}: overall, "left", "right") are computed on the validation tiles placed in
 * random cells; the attack is measured on held-out test tiles in random cells ({@code test.cells}
 * stream), overall and per region ({@link GridRegion}); the random control draws {@code N} channels
 * from the {@code probe.channels/N} stream, {@code draws} times. Masks multiply a copy of the
 * backbone map ({@link BackboneProbe}); the model is never modified.
 */
public final class PositionChannelsExperiment extends Transitional {
  /** The experiment's name on the command line. */
  public static final String NAME = "position-channels";

  /** The grid size (card 7's small scale). */
  public static final int G = 3;

  /** How many channels are removed. */
  public static final int[] NS = {1, 2, 4, 8};

  /**
   * The budget.
   *
   * @param trainImages training tiles
   * @param rankImages validation tiles the rankings are computed on
   * @param testImages held-out test images (one tile each, random cell)
   * @param epochs epochs
   * @param batchSize batch size
   * @param draws random-control draws per N
   */
  public record Budget(
      int trainImages, int rankImages, int testImages, int epochs, int batchSize, int draws) {
    /** Validates the values. */
    public Budget {
      if (trainImages < 1 || rankImages < 1 || testImages < 1 || epochs < 1 || batchSize < 1) {
        throw new IllegalArgumentException("budget values must be positive");
      }
      if (draws < 2) {
        throw new IllegalArgumentException("the random control needs at least 2 draws");
      }
    }
  }

  /**
   * The budget per level: full = the card's small scale (3000 tiles, 3 epochs, 500 test images, 10
   * random draws); quick = 1000 tiles; smoke = a few dozen tiles, one epoch, 3 draws.
   *
   * @param level the level
   * @return the budget
   */
  public static Budget budget(BudgetLevel level) {
    return switch (level) {
      case SMOKE -> new Budget(48, 24, 30, 1, 48, 3);
      case QUICK -> new Budget(1000, 300, 500, 3, 48, 10);
      case FULL -> new Budget(3000, 500, 500, 3, 48, 10);
    };
  }

  /**
   * Accuracy overall and by region.
   *
   * @param overall all test images
   * @param left tiles in the left region
   * @param centre tiles in the centre region
   * @param right tiles in the right region
   */
  public record Accuracy(double overall, double left, double centre, double right) {
    /** The value of one region, or overall for null. */
    public double of(GridRegion region) {
      if (region == null) {
        return overall;
      }
      return switch (region) {
        case LEFT -> left;
        case CENTRE -> centre;
        case RIGHT -> right;
      };
    }
  }

  /**
   * One attack at one N.
   *
   * @param n channels removed
   * @param targeted accuracy with the top-N of each ranking removed, in {@link ChannelRanking.Kind}
   *     order
   * @param random accuracy of each random draw
   * @param randomMean mean over draws
   * @param randomStd population std over draws
   */
  public record Attack(
      int n,
      List<Accuracy> targeted,
      List<Accuracy> random,
      Accuracy randomMean,
      Accuracy randomStd) {}

  /**
   * One model: rankings and attacks.
   *
   * @param task location or class
   * @param runDir its run directory
   * @param overallScores mean |dz| per channel
   * @param signedScores mean dz per channel
   * @param rankings per {@link ChannelRanking.Kind}, the channel order
   * @param baseline accuracy with nothing removed
   * @param attacks one per N
   */
  public record ModelResult(
      GridTask task,
      String runDir,
      double[] overallScores,
      double[] signedScores,
      List<int[]> rankings,
      Accuracy baseline,
      List<Attack> attacks) {

    /** The attack at N. */
    public Attack attack(int n) {
      return attacks.stream().filter(a -> a.n() == n).findFirst().orElseThrow();
    }
  }

  /**
   * The whole result.
   *
   * @param budget the budget
   * @param seed the master seed
   * @param location the location-task model
   * @param digit the class-task twin
   */
  public record Result(Budget budget, long seed, ModelResult location, ModelResult digit) {}

  /** Creates the experiment (stateless). */
  public PositionChannelsExperiment() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String card() {
    return "PROTOCOLS card 8";
  }

  @Override
  public String claim() {
    return "Position is carried by identifiable channels: ranking the channels of the final map by"
        + " how they change under a horizontal flip and zeroing the top ones hurts location more"
        + " than zeroing random ones (Islam et al. ICCV 2021; seed 002).";
  }

  @Override
  public List<String> datasets() {
    return List.of("digits", "fashion-mnist", "idx:DIR");
  }

  @Override
  public Outcome run(ExperimentContext ctx, Path dir) {
    long start = System.nanoTime();
    Budget budget = budget(ctx.budget());
    String dataset = ctx.datasetOr("digits");
    DataSplits data = ctx.data().load(dataset, ctx.seed(), 0, 0);
    ctx.log()
        .printf(
            "%s: g=%d, %d training tiles x %d epochs, rankings on %d validation tiles, attack on %d"
                + " test images, %d random draws per N%n",
            NAME,
            G,
            budget.trainImages(),
            budget.epochs(),
            budget.rankImages(),
            budget.testImages(),
            budget.draws());
    Result r = run(budget, ctx.seed(), data.train(), data.val(), data.test(), dir, ctx.progress());
    PositionChannelsReport.write(r, dir);
    return PositionChannelsReport.outcome(this, r, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Trains both models, ranks their channels and attacks them.
   *
   * @param budget the budget
   * @param seed the master seed
   * @param train training tiles
   * @param val validation tiles (rankings)
   * @param test held-out tiles (attack)
   * @param outDir where the run directories go
   * @param progress a listener per run label
   * @return the result
   */
  public static Result run(
      Budget budget,
      long seed,
      ImageSet train,
      ImageSet val,
      ImageSet test,
      Path outDir,
      Function<String, TrainingListener> progress) {
    Streams streams = new Streams(seed);
    LocationGrid grid = new LocationGrid(G, LocationGridExperiment.TILE);
    GridTraining training = new GridTraining(grid, budget.epochs(), budget.batchSize(), 1e-3f);
    ImageSet trainTiles =
        LocationGridExperiment.drawTiles(
            train, budget.trainImages(), streams.stream(Streams.TRAIN + ".tiles"));
    ImageSet valTiles =
        LocationGridExperiment.drawTiles(
            val, budget.rankImages(), streams.stream(Streams.VAL + ".tiles"));
    ImageSet testTiles =
        LocationGridExperiment.drawTiles(
            test, budget.testImages(), streams.stream(Streams.test("tiles")));
    List<ModelResult> out = new ArrayList<>();
    for (GridTask task : GridTask.values()) {
      String model = LocationGridModels.gapNetName(PaddingMode.ZERO);
      String runDir = "runs/g" + G + "-" + model + "-" + task.id();
      training.train(
          model, task, trainTiles, valTiles, seed, outDir.resolve(runDir), progress.apply(runDir));
      LocationGrid.Placed rankSet =
          grid.random("rank", valTiles, task, streams.stream(GridTraining.VAL_CELLS));
      LocationGrid.Placed testSet =
          grid.random("test", testTiles, task, streams.stream(GridTraining.TEST_CELLS));
      try (Network net = TrainResult.load(RunDirectory.open(outDir.resolve(runDir)))) {
        out.add(attack(net, task, runDir, grid, rankSet, testSet, budget.draws(), streams));
      }
    }
    return new Result(budget, seed, out.get(0), out.get(1));
  }

  static ModelResult attack(
      Network net,
      GridTask task,
      String runDir,
      LocationGrid grid,
      LocationGrid.Placed rankSet,
      LocationGrid.Placed testSet,
      int draws,
      Streams streams) {
    float[][] z = BackboneProbe.pooledBackbone(net, rankSet.images(), false);
    float[][] zf = BackboneProbe.pooledBackbone(net, rankSet.images(), true);
    int c = z[0].length;
    List<int[]> rankings = new ArrayList<>();
    for (ChannelRanking.Kind kind : ChannelRanking.Kind.values()) {
      rankings.add(ChannelRanking.rank(kind, z, zf));
    }
    // mask 0: none; then per N: one per ranking kind, then the random draws
    List<float[]> masks = new ArrayList<>();
    masks.add(null);
    for (int n : NS) {
      for (int[] ranking : rankings) {
        masks.add(ChannelRanking.zeroMask(c, ChannelRanking.top(ranking, n)));
      }
      SplittableRandom rng = streams.stream(Streams.PROBE + ".channels", n);
      for (int d = 0; d < draws; d++) {
        masks.add(ChannelRanking.zeroMask(c, ChannelRanking.randomChannels(c, n, rng)));
      }
    }
    List<float[]> logits = BackboneProbe.headLogits(net, testSet.images(), masks);
    int[] labels = testSet.images().labels();
    int k = net.numClasses();
    boolean[][] regions = new boolean[GridRegion.values().length][];
    for (GridRegion region : GridRegion.values()) {
      regions[region.ordinal()] = region.members(grid, testSet.cell());
    }
    Function<float[], Accuracy> score =
        l -> {
          int[] pred = GridMetrics.argmax(l, k);
          return new Accuracy(
              Metrics.accuracy(pred, labels),
              GridMetrics.accuracyWhere(pred, labels, regions[GridRegion.LEFT.ordinal()]),
              GridMetrics.accuracyWhere(pred, labels, regions[GridRegion.CENTRE.ordinal()]),
              GridMetrics.accuracyWhere(pred, labels, regions[GridRegion.RIGHT.ordinal()]));
        };
    Accuracy baseline = score.apply(logits.get(0));
    List<Attack> attacks = new ArrayList<>();
    int m = 1;
    int kinds = ChannelRanking.Kind.values().length;
    for (int n : NS) {
      List<Accuracy> targeted = new ArrayList<>();
      for (int j = 0; j < kinds; j++) {
        targeted.add(score.apply(logits.get(m++)));
      }
      List<Accuracy> random = new ArrayList<>();
      for (int d = 0; d < draws; d++) {
        random.add(score.apply(logits.get(m++)));
      }
      attacks.add(
          new Attack(n, targeted, random, summarise(random, true), summarise(random, false)));
    }
    return new ModelResult(
        task,
        runDir,
        ChannelRanking.meanAbsDifference(z, zf),
        ChannelRanking.meanDifference(z, zf),
        rankings,
        baseline,
        attacks);
  }

  private static Accuracy summarise(List<Accuracy> draws, boolean mean) {
    double[] o = draws.stream().mapToDouble(Accuracy::overall).toArray();
    double[] l = draws.stream().mapToDouble(Accuracy::left).toArray();
    double[] c = draws.stream().mapToDouble(Accuracy::centre).toArray();
    double[] r = draws.stream().mapToDouble(Accuracy::right).toArray();
    return mean
        ? new Accuracy(
            GridMetrics.mean(o), GridMetrics.mean(l), GridMetrics.mean(c), GridMetrics.mean(r))
        : new Accuracy(
            GridMetrics.std(o), GridMetrics.std(l), GridMetrics.std(c), GridMetrics.std(r));
  }

  /** Accuracy lost by the overall-ranked attack at N, relative to the baseline. */
  static double targetedDrop(ModelResult m, int n) {
    return m.baseline().overall() - m.attack(n).targeted().get(0).overall();
  }

  /** Accuracy lost by the random control at N (mean over draws). */
  static double randomDrop(ModelResult m, int n) {
    return m.baseline().overall() - m.attack(n).randomMean().overall();
  }

  /**
   * The card's hypotheses as checks: on the location model, removing the top-N channels of the
   * overall ranking costs more accuracy than removing N random ones (compared at every N, held if
   * it does at N = 4 and N = 8 and on average over N); the class-task twin loses less (as a
   * fraction of its accuracy above chance) than the location model under the same attack at N = 8.
   *
   * @param r the result
   * @return the checks
   */
  public static List<Check> checks(Result r) {
    ModelResult loc = r.location();
    StringBuilder per = new StringBuilder();
    double sumGap = 0;
    for (int n : NS) {
      double t = targetedDrop(loc, n);
      double rd = randomDrop(loc, n);
      sumGap += t - rd;
      per.append(
          String.format(
              Locale.ROOT,
              "%sN=%d: accuracy change targeted %+.1f vs random %+.1f ± %.1f pts",
              per.length() == 0 ? "" : "; ",
              n,
              -100 * t,
              -100 * rd,
              100 * loc.attack(n).randomStd().overall()));
    }
    boolean targetedWorse =
        targetedDrop(loc, 4) > randomDrop(loc, 4)
            && targetedDrop(loc, 8) > randomDrop(loc, 8)
            && sumGap > 0;
    ModelResult dig = r.digit();
    int last = NS[NS.length - 1];
    double locRel = relativeDrop(loc, last, 1.0 / (G * G));
    double digRel = relativeDrop(dig, last, 0.1);
    return List.of(
        new Check(
            "location model: removing the top-ranked channels hurts more than removing random ones"
                + " (hypothesis)",
            targetedWorse,
            "location accuracy " + pct(loc.baseline().overall()) + " intact; " + per),
        new Check(
            "class-task twin is less affected by its own top-" + last + " removal (hypothesis)",
            digRel < locRel,
            String.format(
                Locale.ROOT,
                "share of above-chance accuracy lost at N=%d: class %.0f%% (%s -> %s) vs location"
                    + " %.0f%% (%s -> %s)",
                last,
                100 * digRel,
                pct(dig.baseline().overall()),
                pct(dig.attack(last).targeted().get(0).overall()),
                100 * locRel,
                pct(loc.baseline().overall()),
                pct(loc.attack(last).targeted().get(0).overall()))));
  }

  /** Fraction of the above-chance accuracy lost to the overall-ranked attack at N. */
  static double relativeDrop(ModelResult m, int n, double chance) {
    double above = m.baseline().overall() - chance;
    return above <= 0 ? 0 : targetedDrop(m, n) / above;
  }

  static String pct(double x) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * x);
  }

  /** The channel order as a short string, e.g. {@code 3, 17, 9, ...}. */
  static String head(int[] ranking, int n) {
    return Arrays.toString(ChannelRanking.top(ranking, Math.min(n, ranking.length)));
  }
}
