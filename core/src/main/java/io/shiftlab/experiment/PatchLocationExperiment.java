package io.shiftlab.experiment;

import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.PatchLocation;
import io.shiftlab.experiment.PatchLocationReport.Budget;
import io.shiftlab.experiment.PatchLocationReport.Result;
import io.shiftlab.experiment.PatchLocationReport.Row;
import io.shiftlab.experiment.PatchLocationReport.Run;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.stats.Intervals;
import io.shiftlab.train.AugmentSpec;
import io.shiftlab.train.BatchOrder;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Patch location (PROTOCOLS card 4; Kayhan &amp; van Gemert CVPR 2020 Fig. 1): can one 5x5 filter,
 * ReLU and a global max pool tell an identical patch at the top-left corner from one at the
 * bottom-right corner? Only the padding can tell them apart, so the answer depends on it.
 *
 * <p>A capacity test: the two images of {@link PatchLocation#images()} are the training, the
 * validation and the test set. For each padding ({@code zero}, {@code none}, {@code circular},
 * {@code full}) and each run r = 0 .. n-1 ({@code n} = {@link ExperimentContext#seeds()}), a {@code
 * patchnet-PADDING} model is trained with SGD (lr 0.1, momentum 0.9), batch 1, the images in fixed
 * order, no early stopping and no augmentation; its init seed is r (the card's seeds 0-4; the data
 * are fixed, so the master seed plays no part). Accuracy on the two images and whether their logits
 * are bit-identical are recorded per run.
 */
public final class PatchLocationExperiment extends AbstractExperiment<Result> {
  /** The experiment's name on the command line. */
  public static final String NAME = "patch-location";

  /** The paddings, in table order. */
  public static final List<PaddingMode> PADDINGS =
      List.of(PaddingMode.ZERO, PaddingMode.NONE, PaddingMode.CIRCULAR, PaddingMode.FULL);

  /** The seeds the card asks for at the full budget (seeds 0-4). */
  public static final int CARD_SEEDS = 5;

  /**
   * The budget: the full run of the card (100 epochs); quick 30 epochs; smoke 3 epochs. The runs
   * per padding are the context's ({@link #seeds(BudgetLevel)}).
   *
   * @param level the level
   * @return the budget
   */
  public static Budget budget(BudgetLevel level) {
    return switch (level) {
      case SMOKE -> new Budget(3, 0.1f, 0.9f);
      case QUICK -> new Budget(30, 0.1f, 0.9f);
        // the card's full run (100 epochs, SGD 0.1, momentum 0.9, 5 seeds) is the default already
      case FULL, PAPER -> new Budget(100, 0.1f, 0.9f);
    };
  }

  /**
   * The level's seeds, except at the full and paper budgets, where the card's 5 seeds are more than
   * the level's 3.
   *
   * @param level the budget level
   * @return 1 at smoke, 2 at quick, 5 at full and paper
   */
  @Override
  public int seeds(BudgetLevel level) {
    return level.seeds(CARD_SEEDS);
  }

  /** Creates the experiment (stateless). */
  public PatchLocationExperiment() {
    super(
        new ExperimentInfo(
            NAME,
            "PROTOCOLS card 4",
            "One 5x5 filter, zero padding, ReLU and a global max pool classify an identical patch"
                + " at the top-left vs the bottom-right corner: the padding is what tells them apart"
                + " (Kayhan & van Gemert CVPR 2020, Fig. 1).",
            List.of()));
  }

  @Override
  public Result measure(ExperimentContext ctx, Path dir) {
    Budget budget = budget(ctx.budget());
    int seeds = ctx.seeds() > 0 ? ctx.seeds() : seeds(ctx.budget());
    ctx.log()
        .printf(
            "%s: 2 images (train = val = test), %d runs x 4 paddings, %d epochs each%n",
            NAME, seeds, budget.epochs());
    return run(budget, seeds, dir, ctx.perRun(Function.identity()));
  }

  @Override
  public PatchLocationReport report() {
    return new PatchLocationReport();
  }

  /**
   * Trains and evaluates every (padding, run).
   *
   * @param budget the budget
   * @param seeds runs per padding, run r with init seed r
   * @param outDir where the run directories go ({@code runs/<padding>-r<r>})
   * @param progress makes a listener per (padding, run)
   * @return the result
   */
  public static Result run(
      Budget budget,
      int seeds,
      Path outDir,
      BiFunction<String, Integer, TrainingListener> progress) {
    OverRuns.requireSeeds(seeds);
    ImageSet images = PatchLocation.images();
    ArmTrainer trainer = new ArmTrainer(outDir, Map.of());
    List<Row> rows = new ArrayList<>();
    for (PaddingMode mode : PADDINGS) {
      ModelRef model = ModelRef.of("patchnet-" + mode.id());
      List<Run> runs = new ArrayList<>();
      for (int r = 0; r < seeds; r++) {
        String dirName = "runs/" + mode.id() + "-r" + r;
        TrainConfig config =
            new TrainConfig(
                model,
                NAME,
                budget.epochs(),
                1,
                OptimizerSettings.sgd(budget.learningRate(), budget.momentum()),
                AugmentSpec.NONE,
                0,
                r,
                0,
                BatchOrder.FIXED);
        ArmTrainer.Trained trained =
            trainer.train(dirName, config, images, images, progress.apply(mode.id(), r));
        try (ArmTrainer.Evaluation e = trained.open()) {
          float[] flat =
              e.net().logits(Batches.images(images, null, 0, 2, e.manager())).toFloatArray();
          int k = flat.length / 2;
          float[][] logits = new float[2][k];
          for (int i = 0; i < 2; i++) {
            System.arraycopy(flat, i * k, logits[i], 0, k);
          }
          runs.add(
              new Run(
                  mode.id(),
                  r,
                  dirName,
                  accuracy(logits, images.labels()),
                  logits,
                  bitIdentical(logits[0], logits[1]),
                  Intervals.correct(predicted(logits), images.labels())));
        }
      }
      rows.add(summarise(mode, runs));
    }
    return new Result(budget, seeds, rows);
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
