package io.shiftlab.experiment;

import ai.djl.ndarray.NDManager;
import io.shiftlab.data.Batches;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.CanvasGrid;
import io.shiftlab.data.synthetic.CanvasGrid.Colour;
import io.shiftlab.data.synthetic.CanvasGrid.Geometry;
import io.shiftlab.data.synthetic.CanvasGrid.Split;
import io.shiftlab.data.synthetic.CanvasGrid.Task;
import io.shiftlab.experiment.BorderDistanceReport.ArmResult;
import io.shiftlab.experiment.BorderDistanceReport.Budget;
import io.shiftlab.experiment.BorderDistanceReport.Result;
import io.shiftlab.experiment.BorderDistanceReport.RunResult;
import io.shiftlab.experiment.BorderDistanceReport.RunSpec;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.nn.zoo.AllConvNets;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.probe.GridAccuracy;
import io.shiftlab.probe.Predictor;
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

/**
 * Border distance (PROTOCOLS card 9; after Islam et al. 2021, "Position, Padding and Predictions";
 * their tasks and numbers unverified, the protocol is the toolkit's): a CNN with a global pool can
 * still tell where on the canvas an object is, through its padding, and how well depends on the
 * object's distance to the border, the padding and the canvas colour.
 *
 * <p>Data ({@link CanvasGrid}): a 5 x 5 grid of cells; one digit of the digits sheet, with its
 * black background, in cell {@code (r, c) ~ U{0..4}²}; the rest of the canvas black, white or the
 * digits' mean grey. Tasks: LOC (the cell, 25 classes), SEM (the digit, 10), LOC+SEM (250). Models
 * ({@link AllConvNets}): 3x3 convs 16/32/64/64, strides 1/2/2/1, GAP, dense; one padding each. Adam
 * 1e-3, batch 64, no early stopping. Metric: per-cell accuracy {@code A(r, c)}, its mean by ring
 * {@code d = min(r, c, g-1-r, g-1-c)}, and the gap {@code A(0) - A(2)} ({@link GridAccuracy}).
 *
 * <p>Design decision (measured, see the README): the card's cross product (6 paddings x 3 colours x
 * 3 tasks at 140 x 140, 5000 images, 5 epochs) costs about 40 CPU-hours-equivalent of this budget,
 * so the full level trains ten arms that keep each claim testable: LOC for all six paddings on the
 * black canvas; LOC with zero padding on the white and the mean canvas; SEM with zero and circular
 * padding on black. Each arm is trained {@link ExperimentContext#seeds()} times on the same data:
 * run r with the training seed {@link Streams#runSeed}{@code (master, r)}, so run 0 is the model of
 * the master seed itself. Cells are 12 px at smoke, quick and full (the sheet's 20 x 20 digits
 * halved to 10 x 10 with a 1 px margin; a 60 x 60 canvas) and the card's 28 px at paper (140 x
 * 140); 12 and 28 are multiples of the total stride 4, so the circular known answer holds at every
 * level. LOC+SEM is implemented ({@link Task#LOC_SEM}) but not run.
 *
 * <p>Circular padding, known answer: a circular shift by whole cells is a circular shift by a
 * multiple of the total stride, which every layer commutes with and the global pool forgets; so the
 * circular LOC model gives a digit the same logits in every cell and cannot do better than chance.
 * It is checked on {@code k} test digits placed in all 25 cells.
 */
public final class BorderDistanceExperiment extends AbstractExperiment<Result> {
  /** The experiment's name on the command line. */
  public static final String NAME = "border-distance";

  /** Cells per side (card 9). */
  public static final int GRID = Geometry.CARD_GRID;

  private static RunSpec loc(PaddingMode p, Colour c) {
    return new RunSpec(Task.LOC, p, c);
  }

  private static RunSpec sem(PaddingMode p) {
    return new RunSpec(Task.SEM, p, Colour.BLACK);
  }

  /**
   * The budget of a level (see the class comment), all on 12 px cells (60x60 canvas): full = 10
   * arms, 2500 train, 3 epochs (4 before every arm was trained 3 times: the 10-minute budget);
   * quick = 7 arms (no replicate, no mean canvas, no circular SEM), 1000 train, 3 epochs; smoke = 4
   * arms, 64 train, 1 epoch. The runs per arm are the context's (3, 2 and 1 by default).
   *
   * @param level the level
   * @return the budget
   */
  public static Budget budget(BudgetLevel level) {
    List<RunSpec> full = new ArrayList<>();
    for (PaddingMode p : AllConvNets.BORDER_PADDINGS) {
      full.add(loc(p, Colour.BLACK));
    }
    full.add(loc(PaddingMode.ZERO, Colour.WHITE));
    full.add(loc(PaddingMode.ZERO, Colour.MEAN));
    full.add(sem(PaddingMode.ZERO));
    full.add(sem(PaddingMode.CIRCULAR));
    return switch (level) {
      case SMOKE ->
          new Budget(
              12,
              64,
              32,
              50,
              1,
              2,
              List.of(
                  loc(PaddingMode.ZERO, Colour.BLACK),
                  loc(PaddingMode.CIRCULAR, Colour.BLACK),
                  loc(PaddingMode.ZERO, Colour.WHITE),
                  sem(PaddingMode.ZERO)));
      case QUICK ->
          new Budget(
              12,
              1000,
              200,
              500,
              3,
              10,
              List.of(
                  loc(PaddingMode.ZERO, Colour.BLACK),
                  loc(PaddingMode.REFLECT, Colour.BLACK),
                  loc(PaddingMode.CIRCULAR, Colour.BLACK),
                  loc(PaddingMode.PARTIAL, Colour.BLACK),
                  loc(PaddingMode.NONE, Colour.BLACK),
                  loc(PaddingMode.ZERO, Colour.WHITE),
                  sem(PaddingMode.ZERO)));
      case FULL -> new Budget(12, 2500, 500, 2500, 3, 20, full);
        // the card's protocol: 28 px cells (140 x 140), 5000 training, 2500 test images, 5 epochs
      case PAPER -> new Budget(28, 5000, 500, 2500, 5, 20, full);
    };
  }

  /** Creates the experiment (stateless). */
  public BorderDistanceExperiment() {
    super(
        new ExperimentInfo(
            NAME,
            "PROTOCOLS card 9",
            "Padding and canvas colour let a CNN with global pooling encode where an object is,"
                + " measurable as accuracy against the distance to the border (Islam et al. 2021,"
                + " 'Position, Padding and Predictions'; tasks and numbers unverified).",
            GREY_28));
  }

  @Override
  public Result measure(ExperimentContext ctx, Path dir) {
    Budget budget = budget(ctx.budget());
    int seeds = ctx.seeds() > 0 ? ctx.seeds() : seeds(ctx.budget());
    String dataset = ctx.datasetOr("digits");
    DataSplits data = ctx.data().load(dataset, ctx.seed(), 0, 0);
    ctx.log()
        .printf(
            "%s: %dx%d canvas of %d px cells; %d train, %d test images; %d arms x %d runs x %d"
                + " epochs%n",
            NAME,
            GRID * budget.cell(),
            GRID * budget.cell(),
            budget.cell(),
            budget.train(),
            budget.test(),
            budget.runs().size(),
            seeds,
            budget.epochs());
    return run(budget, seeds, ctx.seed(), data, dir, ctx.perRun(RunSpec::id));
  }

  @Override
  public BorderDistanceReport report() {
    return new BorderDistanceReport();
  }

  /**
   * Builds the grids, trains every arm {@code seeds} times and measures each model.
   *
   * @param budget the budget
   * @param seeds runs per arm; run r trains with {@link Streams#runSeed}{@code (seed, r)}
   * @param seed the master seed (data, grids, and run 0's training)
   * @param digits the digits (28x28, centre-cropped to the cell): train for the training images,
   *     val for the validation images, test for the test images and the all-cells check; their
   *     checksums go to every run's manifest
   * @param outDir where the run directories go ({@code runs/<task>-<padding>-<colour>-r<r>})
   * @param progress makes a listener per (arm, run)
   * @return the result
   */
  public static Result run(
      Budget budget,
      int seeds,
      long seed,
      DataSplits digits,
      Path outDir,
      BiFunction<RunSpec, Integer, TrainingListener> progress) {
    OverRuns.requireSeeds(seeds);
    Geometry geometry = new Geometry(GRID, budget.cell());
    ImageSet tr = CanvasGrid.fitToCell(digits.train(), budget.cell());
    ImageSet va = CanvasGrid.fitToCell(digits.val(), budget.cell());
    ImageSet te = CanvasGrid.fitToCell(digits.test(), budget.cell());
    Map<Colour, Integer> values = new EnumMap<>(Colour.class);
    Map<Colour, Split[]> grids = new EnumMap<>(Colour.class);
    Streams streams = new Streams(seed);
    ArmTrainer trainer = new ArmTrainer(outDir, digits.sha256());
    List<ArmResult> arms = new ArrayList<>();
    for (RunSpec spec : budget.runs()) {
      Colour colour = spec.colour();
      values.computeIfAbsent(colour, c -> c.value(tr));
      // every colour draws the same digits and cells (same streams), only the canvas differs
      Split[] g =
          grids.computeIfAbsent(
              colour,
              c -> {
                CanvasGrid gen = new CanvasGrid(streams, geometry, values.get(c));
                return new Split[] {
                  gen.train(tr, budget.train()),
                  gen.val(va, budget.val()),
                  gen.test(te, budget.test()),
                  gen.allCells(te, Math.min(budget.allCellsDigits(), te.size()))
                };
              });
      List<RunResult> runs = new ArrayList<>();
      for (int r = 0; r < seeds; r++) {
        runs.add(trainOne(budget, spec, r, Streams.runSeed(seed, r), g, trainer, progress));
      }
      arms.add(ArmResult.of(spec, runs));
    }
    return new Result(budget, seeds, seed, values, arms);
  }

  /** Trains run {@code r} of an arm on its colour's grids and measures it. */
  private static RunResult trainOne(
      Budget budget,
      RunSpec spec,
      int r,
      long runSeed,
      Split[] g,
      ArmTrainer trainer,
      BiFunction<RunSpec, Integer, TrainingListener> progress) {
    ImageSet train = g[0].forTask(spec.task());
    ImageSet val = g[1].forTask(spec.task());
    ImageSet test = g[2].forTask(spec.task());
    String dirName = "runs/" + spec.id() + "-r" + r;
    TrainConfig config =
        TrainConfig.of(
            ModelRef.of(AllConvNets.borderNetName(spec.padding())),
            NAME + "/" + spec.task().id() + "/" + spec.colour().id(),
            budget.epochs(),
            64,
            OptimizerSettings.adam(1e-3f),
            runSeed);
    ArmTrainer.Trained trained =
        trainer.train(dirName, config, train, val, progress.apply(spec, r));
    try (ArmTrainer.Evaluation e = trained.open()) {
      int[] pred = Predictor.predict(e.net(), test, e.manager());
      GridAccuracy.Cells cells =
          GridAccuracy.cells(GRID, g[2].rows(), g[2].cols(), pred, test.labels());
      double[][] acc = new double[GRID][GRID];
      for (int y = 0; y < GRID; y++) {
        for (int x = 0; x < GRID; x++) {
          acc[y][x] = cells.accuracy(y, x);
        }
      }
      GridAccuracy.Invariance inv = null;
      if (spec.task() == Task.LOC && spec.padding() == PaddingMode.CIRCULAR) {
        ImageSet all = g[3].forTask(Task.LOC);
        inv =
            GridAccuracy.invariance(
                logits(e.net(), all, e.manager()),
                all.size() / (GRID * GRID),
                GRID * GRID,
                all.numClasses());
      }
      return new RunResult(
          spec,
          r,
          runSeed,
          dirName,
          1.0 / test.numClasses(),
          cells.overall(),
          acc,
          GridAccuracy.byRing(cells),
          inv,
          Intervals.correct(pred, test.labels()),
          distances(g[2]));
    }
  }

  /** Each image's cell distance to the border, {@code d = min(r, c, g-1-r, g-1-c)}. */
  private static int[] distances(Split split) {
    int[] d = new int[split.rows().length];
    for (int i = 0; i < d.length; i++) {
      d[i] = GridAccuracy.ring(split.rows()[i], split.cols()[i], GRID);
    }
    return d;
  }

  private static float[] logits(Network net, ImageSet set, NDManager m) {
    float[] out = new float[set.size() * set.numClasses()];
    for (int from = 0; from < set.size(); from += Predictor.BATCH) {
      int to = Math.min(set.size(), from + Predictor.BATCH);
      try (NDManager bm = m.newSubManager()) {
        float[] part = net.logits(Batches.images(set, null, from, to, bm)).toFloatArray();
        System.arraycopy(part, 0, out, from * set.numClasses(), part.length);
      }
    }
    return out;
  }
}
