package io.shiftlab.experiment;

import io.shiftlab.data.Batches;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.GridTask;
import io.shiftlab.data.synthetic.LocationGrid;
import io.shiftlab.nn.Network;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.nn.zoo.LocationGridModels;
import io.shiftlab.probe.BackboneProbe;
import io.shiftlab.probe.GridMetrics;
import io.shiftlab.random.Streams;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.train.RunDirectory;
import io.shiftlab.train.TrainResult;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Location grid (PROTOCOLS card 7; Islam, Kowal, Jia, Derpanis, Bruce ICCV 2021, seed 002): after
 * global average pooling a CNN still knows where a tile is, through the padding; with the channel
 * order scrambled (PermuteNet) much of it is gone.
 *
 * <p>Small-scale as the card says: 28x28 digit tiles on a g x g grid ({@link LocationGrid}), fresh
 * cells every epoch ({@link GridTraining}); the small GAPNet and PermuteNet of {@link
 * LocationGridModels}; labels the cell (K = g^2) or the digit (K = 10). Each test digit is put in
 * every cell ({@link LocationGrid#everyCell}), so every cell is tested equally often and a model
 * blind to the cell scores exactly 1/g^2 on the location task. PermuteNet's test accuracy is random
 * (a fresh permutation every forward): it is measured over several passes, libtorch's generator
 * seeded from the {@code probe.permute} stream, and reported as mean ± std over passes.
 *
 * <p>Decisions where the card is silent or does not fit the small scale are listed in {@link
 * LocationGridReport} and in the report: no h-flip augmentation (it would move the tile), no
 * normalisation (the digits' background is already 0), batch norm in the trunk, a 7x7 head, the
 * final parameters (no early stopping, no best-epoch pick on the test set).
 */
public final class LocationGridExperiment extends Transitional {
  /** The experiment's name on the command line. */
  public static final String NAME = "location-grid";

  /** The tile side, pixels. */
  public static final int TILE = 28;

  /** The stream that seeds PermuteNet's test-time permutations. */
  public static final String PERMUTE_STREAM = Streams.PROBE + ".permute";

  /** Where the published numbers come from. */
  public static final String PUBLISHED_SOURCE =
      "Islam et al. ICCV 2021 (CIFAR-10 tiles, ResNet-18 backbone, 20 epochs)";

  /** Model families. */
  public enum Family {
    /** Conv head to K, global average pool = logits. */
    GAPNET,
    /** Global average pool, random channel permutation, dense. */
    PERMUTENET;

    /** The catalog name for a padding. */
    public String model(PaddingMode mode) {
      return this == GAPNET
          ? LocationGridModels.gapNetName(mode)
          : LocationGridModels.permuteNetName(mode);
    }

    /** GAPNet or PermuteNet. */
    public String label() {
      return this == GAPNET ? "GAPNet" : "PermuteNet";
    }
  }

  /**
   * One trained model.
   *
   * @param family GAPNet or PermuteNet
   * @param padding its padding
   * @param task its labels
   */
  public record Arm(Family family, PaddingMode padding, GridTask task) {
    /** The catalog name. */
    public String model() {
      return family.model(padding);
    }
  }

  /**
   * The work at one grid size.
   *
   * @param g cells per side
   * @param trainImages training tiles (placed afresh every epoch)
   * @param testTiles held-out tiles, each put in all g^2 cells
   * @param paddings the GAPNet paddings (PermuteNet uses zero padding)
   * @param tasks the tasks trained at this grid size
   */
  public record GridPlan(
      int g, int trainImages, int testTiles, List<PaddingMode> paddings, List<GridTask> tasks) {
    /** Validates the values. */
    public GridPlan {
      if (g < 1 || trainImages < 1 || testTiles < 1 || paddings.isEmpty() || tasks.isEmpty()) {
        throw new IllegalArgumentException("grid plan needs g, images, paddings and tasks");
      }
      paddings = List.copyOf(paddings);
      tasks = List.copyOf(tasks);
    }

    /** A plan with both tasks (location and image class). */
    public GridPlan(int g, int trainImages, int testTiles, List<PaddingMode> paddings) {
      this(g, trainImages, testTiles, paddings, List.of(GridTask.values()));
    }

    /** The arms, in table order: GAPNet per padding, then PermuteNet, for each task. */
    public List<Arm> arms() {
      List<Arm> out = new ArrayList<>();
      for (GridTask task : tasks) {
        for (PaddingMode p : paddings) {
          out.add(new Arm(Family.GAPNET, p, task));
        }
        out.add(new Arm(Family.PERMUTENET, PaddingMode.ZERO, task));
      }
      return out;
    }
  }

  /**
   * The budget.
   *
   * @param grids the grid sizes
   * @param valImages validation tiles
   * @param epochs epochs
   * @param batchSize batch size
   * @param passes PermuteNet test passes
   */
  public record Budget(List<GridPlan> grids, int valImages, int epochs, int batchSize, int passes) {
    /** Validates the values. */
    public Budget {
      grids = List.copyOf(grids);
      if (grids.isEmpty() || valImages < 1 || epochs < 1 || batchSize < 1 || passes < 1) {
        throw new IllegalArgumentException("budget values must be positive");
      }
    }
  }

  /**
   * The budget per level. Full: g = 3 at the card's small scale (3000 training tiles, 3 epochs),
   * GAPNet with zero and circular padding and PermuteNet, both tasks, 500 test tiles x 9 cells; g =
   * 7 reduced to 400 training tiles and 30 test tiles x 49 cells (its canvas has 5.4 times the
   * pixels) and to the location task only: with the class task as well the default run took 12
   * minutes on 2 cores, over its 10-minute budget. Quick: g = 3 only, 1000 tiles. Smoke: a few
   * dozen tiles, one epoch.
   *
   * @param level the level
   * @return the budget
   */
  public static Budget budget(BudgetLevel level) {
    List<PaddingMode> zeroCircular = List.of(PaddingMode.ZERO, PaddingMode.CIRCULAR);
    return switch (level) {
      case SMOKE -> new Budget(List.of(new GridPlan(3, 48, 6, zeroCircular)), 24, 1, 48, 2);
      case QUICK -> new Budget(List.of(new GridPlan(3, 1000, 100, zeroCircular)), 200, 3, 48, 5);
      case FULL ->
          new Budget(
              List.of(
                  new GridPlan(3, 3000, 500, zeroCircular),
                  new GridPlan(7, 400, 30, zeroCircular, List.of(GridTask.LOCATION))),
              500,
              3,
              48,
              5);
    };
  }

  /**
   * What one arm measured on the every-cell test set.
   *
   * @param g grid size
   * @param arm the arm
   * @param runDir its run directory, relative to the output directory
   * @param k the number of classes
   * @param passes test passes (1 for GAPNet)
   * @param passAccuracy accuracy of each pass
   * @param accuracy mean over passes
   * @param std population std over passes
   * @param byCell accuracy per cell, averaged over passes
   * @param identicalTiles tiles whose logits are bit-identical in every cell (first pass)
   * @param tiles test tiles
   */
  public record Row(
      int g,
      Arm arm,
      String runDir,
      int k,
      int passes,
      double[] passAccuracy,
      double accuracy,
      double std,
      double[] byCell,
      int identicalTiles,
      int tiles) {

    /** Chance accuracy 1/K. */
    public double chance() {
      return 1.0 / k;
    }
  }

  /**
   * The whole result.
   *
   * @param budget the budget
   * @param seed the master seed
   * @param rows one per (grid, arm), in plan order
   */
  public record Result(Budget budget, long seed, List<Row> rows) {
    /** The row of an arm, or null. */
    public Row row(int g, Family family, PaddingMode padding, GridTask task) {
      return rows.stream()
          .filter(
              r ->
                  r.g() == g
                      && r.arm().family() == family
                      && r.arm().padding() == padding
                      && r.arm().task() == task)
          .findFirst()
          .orElse(null);
    }
  }

  /** Creates the experiment (stateless). */
  public LocationGridExperiment() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String card() {
    return "PROTOCOLS card 7";
  }

  @Override
  public String claim() {
    return "After global average pooling a CNN still knows where a tile is (through the padding);"
        + " scrambling the channel order (PermuteNet) removes much of it (Islam, Kowal, Jia,"
        + " Derpanis, Bruce ICCV 2021; seed 002).";
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
            "%s: %s; %d epochs, batch %d%n",
            NAME,
            budget.grids().stream()
                .map(
                    p ->
                        String.format(
                            Locale.ROOT,
                            "g=%d (%d train tiles, %d test tiles x %d cells, %d arms)",
                            p.g(),
                            p.trainImages(),
                            p.testTiles(),
                            p.g() * p.g(),
                            p.arms().size()))
                .toList(),
            budget.epochs(),
            budget.batchSize());
    Result r =
        run(
            budget,
            ctx.seed(),
            data.train(),
            data.val(),
            data.test(),
            dir,
            label -> ctx.progress().apply(label));
    LocationGridReport.write(r, dir);
    return LocationGridReport.outcome(this, r, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Draws {@code n} tiles of a split without replacement, kept in split order (the splits are
   * sorted by digit, so a prefix would miss classes).
   *
   * @param set the split
   * @param n how many (all if {@code n >= set.size()})
   * @param rng the split's tile stream
   * @return the tiles
   */
  static ImageSet drawTiles(ImageSet set, int n, java.util.SplittableRandom rng) {
    if (set.height() != TILE || set.width() != TILE) {
      throw new io.shiftlab.UserInputException(
          "--dataset", "tiles must be 28x28, got " + set.height() + "x" + set.width());
    }
    if (n >= set.size()) {
      return set;
    }
    int[] pick = java.util.Arrays.copyOf(Batches.permutation(set.size(), rng), n);
    java.util.Arrays.sort(pick);
    return set.subset(set.name(), pick);
  }

  /**
   * Trains and tests every arm of every grid size.
   *
   * @param budget the budget
   * @param seed the master seed
   * @param train training tiles ({@code trainImages} are drawn from the {@code train.tiles} stream)
   * @param val validation tiles ({@code valImages} drawn from {@code val.tiles})
   * @param test held-out tiles ({@code testTiles} drawn from {@code test.tiles})
   * @param outDir where the run directories go ({@code runs/g<G>-<model>-<task>})
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
    List<Row> rows = new ArrayList<>();
    Streams streams = new Streams(seed);
    for (GridPlan plan : budget.grids()) {
      LocationGrid grid = new LocationGrid(plan.g(), TILE);
      GridTraining training = new GridTraining(grid, budget.epochs(), budget.batchSize(), 1e-3f);
      ImageSet trainTiles =
          drawTiles(train, plan.trainImages(), streams.stream(Streams.TRAIN + ".tiles"));
      ImageSet valTiles =
          drawTiles(val, budget.valImages(), streams.stream(Streams.VAL + ".tiles"));
      ImageSet testTiles = drawTiles(test, plan.testTiles(), streams.stream(Streams.test("tiles")));
      for (Arm arm : plan.arms()) {
        String label = "g" + plan.g() + "-" + arm.model() + "-" + arm.task().id();
        String runDir = "runs/" + label;
        training.train(
            arm.model(),
            arm.task(),
            trainTiles,
            valTiles,
            seed,
            outDir.resolve(runDir),
            progress.apply(label));
        LocationGrid.Placed testSet = grid.everyCell("test", testTiles, arm.task());
        try (Network net = TrainResult.load(RunDirectory.open(outDir.resolve(runDir)))) {
          rows.add(
              measure(
                  plan.g(),
                  arm,
                  runDir,
                  net,
                  testSet,
                  arm.family() == Family.PERMUTENET ? budget.passes() : 1,
                  streams));
        }
      }
    }
    return new Result(budget, seed, rows);
  }

  static Row measure(
      int g,
      Arm arm,
      String runDir,
      Network net,
      LocationGrid.Placed testSet,
      int passes,
      Streams streams) {
    TorchRuntime.seedTorch(streams.seedOf(PERMUTE_STREAM));
    int k = net.numClasses();
    int cells = g * g;
    List<float[]> logits =
        BackboneProbe.headLogits(net, testSet.images(), Collections.nCopies(passes, null));
    int[] labels = testSet.images().labels();
    double[] acc = new double[passes];
    double[] byCell = new double[cells];
    for (int p = 0; p < passes; p++) {
      int[] pred = GridMetrics.argmax(logits.get(p), k);
      acc[p] = io.shiftlab.probe.Metrics.accuracy(pred, labels);
      double[] c = GridMetrics.accuracyByCell(pred, labels, testSet.cell(), cells);
      for (int i = 0; i < cells; i++) {
        byCell[i] += c[i] / passes;
      }
    }
    int tiles = labels.length / cells;
    return new Row(
        g,
        arm,
        runDir,
        k,
        passes,
        acc,
        GridMetrics.mean(acc),
        GridMetrics.std(acc),
        byCell,
        GridMetrics.tilesWithIdenticalLogits(logits.get(0), k, cells),
        tiles);
  }

  /**
   * The card's expectations: zero-padded GAPNet locates the tile (≈100%, here at least 95%);
   * circular GAPNet is exactly at chance with bit-identical logits for every cell; PermuteNet is
   * well below zero-padded GAPNet on the location task (at least 10 points).
   *
   * @param r the result
   * @return the checks, per grid size
   */
  public static List<Check> checks(Result r) {
    List<Check> out = new ArrayList<>();
    for (GridPlan plan : r.budget().grids()) {
      int g = plan.g();
      Row zero = r.row(g, Family.GAPNET, PaddingMode.ZERO, GridTask.LOCATION);
      Row circ = r.row(g, Family.GAPNET, PaddingMode.CIRCULAR, GridTask.LOCATION);
      Row perm = r.row(g, Family.PERMUTENET, PaddingMode.ZERO, GridTask.LOCATION);
      if (zero != null) {
        out.add(
            new Check(
                "g=" + g + ": zero-padded GAPNet locates the tile (≈100%, here >= 95%)",
                zero.accuracy() >= 0.95,
                pct(zero.accuracy()) + " location accuracy"));
      }
      if (circ != null) {
        boolean exact = circ.accuracy() == 1.0 / (g * g);
        out.add(
            new Check(
                "g="
                    + g
                    + ": circular GAPNet exactly at chance 1/"
                    + g * g
                    + ", logits bit-identical in every cell",
                exact && circ.identicalTiles() == circ.tiles(),
                String.format(
                    Locale.ROOT,
                    "%s (chance %s); %d of %d tiles with identical logits in all %d cells",
                    pct(circ.accuracy()),
                    pct(1.0 / (g * g)),
                    circ.identicalTiles(),
                    circ.tiles(),
                    g * g)));
      }
      if (zero != null && perm != null) {
        out.add(
            new Check(
                "g=" + g + ": PermuteNet well below GAPNet on location (>= 10 points lower)",
                perm.accuracy() <= zero.accuracy() - 0.10,
                String.format(
                    Locale.ROOT,
                    "PermuteNet %s ± %s over %d passes vs GAPNet %s",
                    pct(perm.accuracy()),
                    pct(perm.std()),
                    perm.passes(),
                    pct(zero.accuracy()))));
      }
    }
    return out;
  }

  static String pct(double x) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * x);
  }
}
