package io.shiftlab.experiment;

import ai.djl.ndarray.NDManager;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.PatchLocation;
import io.shiftlab.nn.Network;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.train.Augmentation;
import io.shiftlab.train.BatchOrder;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.RunDirectory;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.TrainResult;
import io.shiftlab.train.Training;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Patch location (PROTOCOLS card 4; Kayhan &amp; van Gemert CVPR 2020 Fig. 1): can one 5x5 filter,
 * ReLU and a global max pool tell an identical patch at the top-left corner from one at the
 * bottom-right corner? Only the padding can tell them apart, so the answer depends on it.
 *
 * <p>A capacity test: the two images of {@link PatchLocation#images()} are the training, the
 * validation and the test set. For each padding ({@code zero}, {@code none}, {@code circular},
 * {@code full}) and each seed, a {@code patchnet-PADDING} model is trained with SGD (lr 0.1,
 * momentum 0.9), batch 1, the images in fixed order, no early stopping and no augmentation; the run
 * seed is the init seed. Accuracy on the two images and whether their logits are bit-identical are
 * recorded per run.
 */
public final class PatchLocationExperiment extends Transitional {
  /** The experiment's name on the command line. */
  public static final String NAME = "patch-location";

  /** The paddings, in table order. */
  public static final List<PaddingMode> PADDINGS =
      List.of(PaddingMode.ZERO, PaddingMode.NONE, PaddingMode.CIRCULAR, PaddingMode.FULL);

  /** The published accuracy (percent, mean and std over seeds) for zero (same) padding. */
  public static final double[] PUBLISHED_ZERO = {100.0, 0.0};

  /** Where the published number comes from. */
  public static final String PUBLISHED_SOURCE =
      "Kayhan & van Gemert CVPR 2020, chess.ipynb (notebook)";

  /**
   * The training budget.
   *
   * @param epochs epochs per run
   * @param seeds init seeds 0 .. seeds-1
   * @param learningRate SGD step size
   * @param momentum SGD momentum
   */
  public record Budget(int epochs, int seeds, float learningRate, float momentum) {
    /** Validates the values. */
    public Budget {
      if (epochs < 1 || seeds < 1) {
        throw new IllegalArgumentException("epochs and seeds must be >= 1");
      }
    }
  }

  /**
   * The budget: the full run of the card (100 epochs, seeds 0-4); quick 30 epochs and seeds 0-1;
   * smoke 3 epochs, seed 0.
   *
   * @param level the level
   * @return the budget
   */
  public static Budget budget(BudgetLevel level) {
    return switch (level) {
      case SMOKE -> new Budget(3, 1, 0.1f, 0.9f);
      case QUICK -> new Budget(30, 2, 0.1f, 0.9f);
      case FULL -> new Budget(100, 5, 0.1f, 0.9f);
    };
  }

  /**
   * One trained model.
   *
   * @param padding the padding id
   * @param seed the init (and run) seed
   * @param runDir its run directory, relative to the output directory
   * @param accuracy accuracy on the two images
   * @param logits the logits, one row per image
   * @param identicalLogits whether the two rows are bit-identical
   */
  public record Run(
      String padding,
      long seed,
      String runDir,
      double accuracy,
      float[][] logits,
      boolean identicalLogits) {}

  /**
   * The runs of one padding, summarised.
   *
   * @param padding the padding id
   * @param runs the runs, by seed
   * @param mean mean accuracy over seeds
   * @param std population standard deviation of the accuracy over seeds
   * @param min lowest accuracy
   * @param max highest accuracy
   * @param identicalRuns how many runs gave bit-identical logits for the two images
   * @param expected the card's expectation
   * @param held whether the runs show it
   */
  public record Row(
      String padding,
      List<Run> runs,
      double mean,
      double std,
      double min,
      double max,
      int identicalRuns,
      String expected,
      boolean held) {}

  /**
   * The whole result.
   *
   * @param budget the budget
   * @param rows one per padding, in {@link #PADDINGS} order
   */
  public record Result(Budget budget, List<Row> rows) {}

  /** Creates the experiment (stateless). */
  public PatchLocationExperiment() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String card() {
    return "PROTOCOLS card 4";
  }

  @Override
  public String claim() {
    return "One 5x5 filter, zero padding, ReLU and a global max pool classify an identical patch"
        + " at the top-left vs the bottom-right corner: the padding is what tells them apart"
        + " (Kayhan & van Gemert CVPR 2020, Fig. 1).";
  }

  @Override
  public Outcome run(ExperimentContext ctx, Path dir) {
    long start = System.nanoTime();
    Budget budget = budget(ctx.budget());
    ctx.log()
        .printf(
            "%s: 2 images (train = val = test), %d seeds x 4 paddings, %d epochs each%n",
            NAME, budget.seeds(), budget.epochs());
    Result r = run(budget, dir, (padding, s) -> ctx.progress().apply(padding + " seed " + s));
    PatchLocationReport.write(r, dir);
    return PatchLocationReport.outcome(this, r, (System.nanoTime() - start) / 1e9);
  }

  /**
   * The card's expectations as checks, one per padding.
   *
   * @param r the result
   * @return the checks
   */
  public static List<Check> checks(Result r) {
    return r.rows().stream()
        .map(
            row ->
                new Check(
                    row.padding() + ": " + row.expected(),
                    row.held(),
                    String.format(
                        Locale.ROOT,
                        "measured %.1f ± %.1f%% (min %.1f, max %.1f), identical logits in %d of %d"
                            + " runs",
                        100 * row.mean(),
                        100 * row.std(),
                        100 * row.min(),
                        100 * row.max(),
                        row.identicalRuns(),
                        row.runs().size())))
        .toList();
  }

  /**
   * Trains and evaluates every (padding, seed).
   *
   * @param budget the budget
   * @param outDir where the run directories go ({@code runs/<padding>-s<seed>})
   * @param progress makes a listener per (padding, seed)
   * @return the result
   */
  public static Result run(
      Budget budget, Path outDir, BiFunction<String, Long, TrainingListener> progress) {
    ImageSet images = PatchLocation.images();
    List<Row> rows = new ArrayList<>();
    for (PaddingMode mode : PADDINGS) {
      List<Run> runs = new ArrayList<>();
      for (long seed = 0; seed < budget.seeds(); seed++) {
        String model = "patchnet-" + mode.id();
        String dirName = "runs/" + mode.id() + "-s" + seed;
        TrainConfig config =
            new TrainConfig(
                model,
                NAME,
                budget.epochs(),
                1,
                OptimizerSettings.sgd(budget.learningRate(), budget.momentum()),
                "none",
                0,
                seed,
                0,
                BatchOrder.FIXED);
        RunDirectory run = RunDirectory.create(outDir.resolve(dirName));
        new Training(config, images, images, Augmentation.NONE, progress.apply(mode.id(), seed))
            .start(run, Map.of());
        try (Network net = TrainResult.load(run);
            NDManager m = net.manager().newSubManager()) {
          float[] flat = net.logits(Batches.images(images, null, 0, 2, m)).toFloatArray();
          int k = flat.length / 2;
          float[][] logits = new float[2][k];
          for (int i = 0; i < 2; i++) {
            System.arraycopy(flat, i * k, logits[i], 0, k);
          }
          runs.add(
              new Run(
                  mode.id(),
                  seed,
                  dirName,
                  accuracy(logits, images.labels()),
                  logits,
                  bitIdentical(logits[0], logits[1])));
        }
      }
      rows.add(summarise(mode, runs));
    }
    return new Result(budget, rows);
  }

  /**
   * Accuracy of argmax predictions (ties go to the lower class, as argmax does).
   *
   * @param logits one row per image
   * @param labels the labels
   * @return the fraction correct
   */
  public static double accuracy(float[][] logits, int[] labels) {
    int correct = 0;
    for (int i = 0; i < logits.length; i++) {
      int best = 0;
      for (int c = 1; c < logits[i].length; c++) {
        if (logits[i][c] > logits[i][best]) {
          best = c;
        }
      }
      correct += best == labels[i] ? 1 : 0;
    }
    return (double) correct / logits.length;
  }

  /** Whether two float arrays are equal bit for bit. */
  static boolean bitIdentical(float[] a, float[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * The card's expectation for a padding.
   *
   * @param mode the padding
   * @return the statement
   */
  public static String expectation(PaddingMode mode) {
    return switch (mode) {
      case ZERO -> "≈100% on every seed (published 100.0 ± 0.0)";
      case FULL -> "exactly 50%, identical logits (same window multiset)";
      case CIRCULAR -> "exactly 50%, identical logits (class 1 = roll of class 0)";
      case NONE -> "likely separable (unverified in the card): 100% on every seed";
      default -> throw new IllegalArgumentException("no expectation for " + mode);
    };
  }

  static Row summarise(PaddingMode mode, List<Run> runs) {
    double[] acc = runs.stream().mapToDouble(Run::accuracy).toArray();
    double mean = java.util.Arrays.stream(acc).average().orElse(Double.NaN);
    double var = java.util.Arrays.stream(acc).map(a -> (a - mean) * (a - mean)).sum() / acc.length;
    double min = java.util.Arrays.stream(acc).min().orElse(Double.NaN);
    double max = java.util.Arrays.stream(acc).max().orElse(Double.NaN);
    int identical = (int) runs.stream().filter(Run::identicalLogits).count();
    boolean held =
        switch (mode) {
          case ZERO, NONE -> min == 1.0;
          case FULL, CIRCULAR -> min == 0.5 && max == 0.5 && identical == runs.size();
          default -> false;
        };
    return new Row(
        mode.id(), runs, mean, Math.sqrt(var), min, max, identical, expectation(mode), held);
  }

  /**
   * One line per padding: whether the expectation held, with the numbers.
   *
   * @param r the result
   * @return the lines
   */
  public static List<String> verdictLines(Result r) {
    return checks(r).stream().map(Check::line).toList();
  }
}
