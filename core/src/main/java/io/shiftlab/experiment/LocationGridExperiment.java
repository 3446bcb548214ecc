package io.shiftlab.experiment;

import io.shiftlab.data.DataSplits;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.GridTask;
import io.shiftlab.data.synthetic.LocationGrid;
import io.shiftlab.experiment.LocationGridReport.Arm;
import io.shiftlab.experiment.LocationGridReport.Budget;
import io.shiftlab.experiment.LocationGridReport.Family;
import io.shiftlab.experiment.LocationGridReport.GridPlan;
import io.shiftlab.experiment.LocationGridReport.Result;
import io.shiftlab.experiment.LocationGridReport.Row;
import io.shiftlab.experiment.LocationGridReport.Run;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.nn.zoo.GapNets;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.probe.BackboneProbe;
import io.shiftlab.probe.GridMetrics;
import io.shiftlab.random.Streams;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.stats.Intervals;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Location grid (PROTOCOLS card 7; Islam, Kowal, Jia, Derpanis, Bruce ICCV 2021, seed 002): after
 * global average pooling a CNN still knows where a tile is, through the padding; with the channel
 * order scrambled (PermuteNet) much of it is gone.
 *
 * <p>Small-scale as the card says: 28x28 digit tiles on a g x g grid ({@link LocationGrid}), fresh
 * cells every epoch ({@link GridTraining}); the small GAPNet and PermuteNet of {@link GapNets};
 * labels the cell (K = g^2) or the digit (K = 10). Each test digit is put in every cell ({@link
 * LocationGrid#everyCell}), so every cell is tested equally often and a model blind to the cell
 * scores exactly 1/g^2 on the location task. PermuteNet's test accuracy is random (a fresh
 * permutation every forward): it is measured over several passes, libtorch's generator seeded from
 * the {@code probe.permute} stream of the run seed.
 *
 * <p>Every arm is trained {@link ExperimentContext#seeds()} times: run {@code r} with the seed
 * {@link Streams#runSeed}{@code (master, r)} (initialisation, order, the fresh cells of every
 * epoch); the tiles and the test set come from the master seed and are the same in every run.
 *
 * <p>Decisions where the card is silent or does not fit the small scale are listed in {@link
 * LocationGridReport} and in the report: no h-flip augmentation (it would move the tile), no
 * normalisation (the digits' background is already 0), batch norm in the trunk, a 7x7 head, the
 * final parameters (no early stopping, no best-epoch pick on the test set) with batch norm's
 * statistics recomputed for them ({@link GridTraining}).
 */
public final class LocationGridExperiment extends AbstractExperiment<Result> {
  /** The experiment's name on the command line. */
  public static final String NAME = "location-grid";

  /** The tile side, pixels. */
  public static final int TILE = 28;

  /** The stream that seeds PermuteNet's test-time permutations. */
  public static final String PERMUTE_STREAM = Streams.PROBE + ".permute";

  /**
   * The budget per level; the runs per arm are the context's ({@link ExperimentContext#seeds()}: 1,
   * 2 and 3). Full: g = 3, the location task, 3000 training tiles (the card's small scale) for 8
   * epochs (the card's small scale says 3; {@code bench/location-grid-study} measured 89.0% [79.1,
   * 98.3] after 3 epochs, one seed at 80%, and 99.6% [99.3, 99.8] after 8), GAPNet with zero and
   * circular padding and PermuteNet, 300 test tiles x 9 cells, 200 validation tiles; 624 s on 2
   * cores (see {@link LocationGridReport#BUDGET_DECISION}). Quick: g = 3, both tasks, 1000 tiles, 3
   * epochs (a first look: the location check is not expected to hold there). Smoke: a few dozen
   * tiles, one epoch.
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
              List.of(new GridPlan(3, 3000, 300, zeroCircular, List.of(GridTask.LOCATION))),
              200,
              8,
              48,
              5);
        // the card's g = 3 and 7, 20 epochs, batch 48, both tasks; every training tile
      case PAPER ->
          new Budget(
              List.of(
                  new GridPlan(3, 3500, 1000, zeroCircular),
                  new GridPlan(7, 3500, 200, zeroCircular)),
              500,
              20,
              48,
              5);
    };
  }

  /** Creates the experiment (stateless). */
  public LocationGridExperiment() {
    super(
        new ExperimentInfo(
            NAME,
            "PROTOCOLS card 7",
            "After global average pooling a CNN still knows where a tile is (through the padding);"
                + " scrambling the channel order (PermuteNet) removes much of it (Islam, Kowal, Jia,"
                + " Derpanis, Bruce ICCV 2021; seed 002).",
            GREY_28));
  }

  @Override
  public Result measure(ExperimentContext ctx, Path dir) {
    Budget budget = budget(ctx.budget());
    String dataset = ctx.datasetOr("digits");
    DataSplits data = ctx.data().load(dataset, ctx.seed(), 0, 0);
    ctx.log()
        .printf(
            "%s: %s; %d run(s) per arm, %d epochs, batch %d%n",
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
            ctx.seeds(),
            budget.epochs(),
            budget.batchSize());
    return run(
        budget,
        ctx.seed(),
        ctx.seeds(),
        data.train(),
        data.val(),
        data.test(),
        dir,
        ctx.progress());
  }

  @Override
  public LocationGridReport report() {
    return new LocationGridReport();
  }

  /**
   * Trains and tests every arm of every grid size, {@code seeds} times each.
   *
   * @param budget the budget
   * @param seed the master seed (the tiles; run 0's training)
   * @param seeds runs per arm, at least 1: run r trains with {@code Streams.runSeed(seed, r)}
   * @param train training tiles ({@code trainImages} are drawn from the {@code train.tiles} stream)
   * @param val validation tiles ({@code valImages} drawn from {@code val.tiles})
   * @param test held-out tiles ({@code testTiles} drawn from {@code test.tiles})
   * @param outDir where the run directories go ({@code runs/g<G>-<model>-<task>-r<run>})
   * @param progress a listener per run label
   * @return the result
   */
  public static Result run(
      Budget budget,
      long seed,
      int seeds,
      ImageSet train,
      ImageSet val,
      ImageSet test,
      Path outDir,
      Function<String, TrainingListener> progress) {
    OverRuns.requireSeeds(seeds);
    List<Row> rows = new ArrayList<>();
    Streams streams = new Streams(seed);
    for (GridPlan plan : budget.grids()) {
      LocationGrid grid = new LocationGrid(plan.g(), TILE);
      GridTraining training = new GridTraining(grid, budget.epochs(), budget.batchSize(), 1e-3f);
      GridTraining.Tiles tiles =
          GridTraining.Tiles.draw(
              streams, train, plan.trainImages(), val, budget.valImages(), test, plan.testTiles());
      ImageSet trainTiles = tiles.train();
      ImageSet valTiles = tiles.val();
      ImageSet testTiles = tiles.test();
      ArmTrainer trainer = new ArmTrainer(outDir, Map.of());
      for (Arm arm : plan.arms()) {
        ModelRef model = ModelRef.of(arm.model());
        LocationGrid.Placed testSet = grid.everyCell("test", testTiles, arm.task());
        int passes = arm.family() == Family.PERMUTENET ? budget.passes() : 1;
        List<Run> runs = new ArrayList<>();
        int k = 0;
        for (int r = 0; r < seeds; r++) {
          long runSeed = Streams.runSeed(seed, r);
          String label = training.runName(model, arm.task(), r);
          String runDir = "runs/" + label;
          ArmTrainer.Trained trained =
              training.train(
                  trainer,
                  runDir,
                  model,
                  arm.task(),
                  trainTiles,
                  valTiles,
                  runSeed,
                  progress.apply(label));
          try (ArmTrainer.Evaluation e = trained.open()) {
            k = e.net().numClasses();
            runs.add(measure(plan.g(), r, runSeed, runDir, e.net(), testSet, passes));
          }
        }
        rows.add(Row.of(plan.g(), arm, k, passes, testTiles.size(), runs));
      }
    }
    return new Result(budget, seed, seeds, rows);
  }

  /**
   * Tests one trained model on the every-cell test set.
   *
   * @param g grid size
   * @param run the run index
   * @param runSeed the run's seed (seeds PermuteNet's test-time permutations)
   * @param runDir its run directory
   * @param net the model
   * @param testSet every test tile in every cell
   * @param passes test passes (1 for GAPNet)
   * @return the run's numbers
   */
  static Run measure(
      int g,
      int run,
      long runSeed,
      String runDir,
      Network net,
      LocationGrid.Placed testSet,
      int passes) {
    TorchRuntime.seedTorch(new Streams(runSeed).seedOf(PERMUTE_STREAM));
    int k = net.numClasses();
    int cells = g * g;
    List<float[]> logits =
        BackboneProbe.headLogits(net, testSet.images(), Collections.nCopies(passes, null));
    int[] labels = testSet.images().labels();
    double[] acc = new double[passes];
    double[] byCell = new double[cells];
    double[] correct = new double[labels.length];
    for (int p = 0; p < passes; p++) {
      int[] pred = GridMetrics.argmax(logits.get(p), k);
      acc[p] = io.shiftlab.probe.Metrics.accuracy(pred, labels);
      double[] c = GridMetrics.accuracyByCell(pred, labels, testSet.cell(), cells);
      for (int i = 0; i < cells; i++) {
        byCell[i] += c[i] / passes;
      }
      double[] flags = Intervals.correct(pred, labels);
      for (int i = 0; i < correct.length; i++) {
        correct[i] += flags[i];
      }
    }
    for (int i = 0; i < correct.length; i++) {
      correct[i] /= passes;
    }
    return new Run(
        run,
        runSeed,
        runDir,
        acc,
        GridMetrics.mean(acc),
        GridMetrics.std(acc),
        byCell,
        GridMetrics.tilesWithIdenticalLogits(logits.get(0), k, cells),
        correct);
  }
}
