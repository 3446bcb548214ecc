package io.shiftlab.experiment;

import ai.djl.ndarray.NDManager;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.PatchLocation;
import io.shiftlab.experiment.PatchLocationReport.Budget;
import io.shiftlab.experiment.PatchLocationReport.Result;
import io.shiftlab.experiment.PatchLocationReport.Row;
import io.shiftlab.experiment.PatchLocationReport.Run;
import io.shiftlab.nn.Network;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.stats.Intervals;
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
import java.util.Arrays;
import java.util.List;
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
public final class PatchLocationExperiment implements Experiment<Result> {
  /** The experiment's name on the command line. */
  public static final String NAME = "patch-location";

  /** The paddings, in table order. */
  public static final List<PaddingMode> PADDINGS =
      List.of(PaddingMode.ZERO, PaddingMode.NONE, PaddingMode.CIRCULAR, PaddingMode.FULL);

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
  public Result measure(ExperimentContext ctx, Path dir) {
    Budget budget = budget(ctx.budget());
    ctx.log()
        .printf(
            "%s: 2 images (train = val = test), %d seeds x 4 paddings, %d epochs each%n",
            NAME, budget.seeds(), budget.epochs());
    return run(budget, dir, (padding, s) -> ctx.progress().apply(padding + " seed " + s));
  }

  @Override
  public PatchLocationReport report() {
    return new PatchLocationReport();
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
                  bitIdentical(logits[0], logits[1]),
                  Intervals.correct(predicted(logits), images.labels())));
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
    int[] predicted = predicted(logits);
    int correct = 0;
    for (int i = 0; i < logits.length; i++) {
      correct += predicted[i] == labels[i] ? 1 : 0;
    }
    return (double) correct / logits.length;
  }

  /**
   * Argmax predictions (ties go to the lower class).
   *
   * @param logits one row per image
   * @return the predicted class per image
   */
  public static int[] predicted(float[][] logits) {
    int[] out = new int[logits.length];
    for (int i = 0; i < logits.length; i++) {
      int best = 0;
      for (int c = 1; c < logits[i].length; c++) {
        if (logits[i][c] > logits[i][best]) {
          best = c;
        }
      }
      out[i] = best;
    }
    return out;
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

  static Row summarise(PaddingMode mode, List<Run> runs) {
    double[] acc = runs.stream().mapToDouble(Run::accuracy).toArray();
    double mean = Arrays.stream(acc).average().orElse(Double.NaN);
    double var = Arrays.stream(acc).map(a -> (a - mean) * (a - mean)).sum() / acc.length;
    double min = Arrays.stream(acc).min().orElse(Double.NaN);
    double max = Arrays.stream(acc).max().orElse(Double.NaN);
    int identical = (int) runs.stream().filter(Run::identicalLogits).count();
    return new Row(mode, runs, mean, Math.sqrt(var), min, max, identical);
  }
}
