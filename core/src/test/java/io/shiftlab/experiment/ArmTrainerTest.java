package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.shiftlab.TestData;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.random.Streams;
import io.shiftlab.train.AugmentSpec;
import io.shiftlab.train.Augmentation;
import io.shiftlab.train.BatchNormRecalibration;
import io.shiftlab.train.BatchOrder;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.RunDirectory;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.TrainResult;
import io.shiftlab.train.Training;
import io.shiftlab.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training one arm: a network with batch norm is saved with statistics of its final parameters. */
class ArmTrainerTest {
  private static final ImageSet TRAIN = TestData.squares("toy/train", 96, 4, 1);
  private static final ImageSet VAL = TestData.squares("toy/val", 32, 4, 2);
  private static final InputShape INPUT = new InputShape(1, 28, 28);

  private static TrainConfig config(String model) {
    // 9 epochs of 12 batches: more than the 100 batches of a recalibration; a high learning rate
    // moves the parameters far in the last steps, so the statistics kept in training are stale
    return new TrainConfig(
        ModelRef.of(model),
        "toy",
        9,
        8,
        OptimizerSettings.sgd(0.1f, 0.9f),
        AugmentSpec.parse("keras"),
        0,
        7,
        0,
        BatchOrder.SHUFFLED);
  }

  /** Trains with the training loop alone, as runs did before recalibration. */
  private static RunDirectory trainPlain(Path dir, TrainConfig c) {
    RunDirectory run = RunDirectory.create(dir);
    new Training(c, TRAIN, VAL, c.augment().augmentation(INPUT), TrainingListener.NONE)
        .start(run, Map.of());
    return run;
  }

  /**
   * The arm's parameters are the plain loop's (training-mode outputs, which ignore the running
   * statistics, agree bit for bit), its running statistics are not (eval-mode logits differ), and
   * they are the ones of the final parameters: recalibrating the saved network once more with the
   * same passes moves its eval-mode logits by no more than the 0.9^100 left of the old averages.
   */
  @Test
  void batchNormNetworkIsSavedWithStatisticsOfItsFinalParameters(@TempDir Path dir) {
    TrainConfig c = config("gapnet-zero");
    ArmTrainer.Trained arm =
        new ArmTrainer(dir, Map.of()).train("arm", c, TRAIN, VAL, TrainingListener.NONE);
    RunDirectory plain = trainPlain(dir.resolve("plain"), c);
    try (Network a = TrainResult.load(arm.run());
        Network p = TrainResult.load(plain);
        NDManager m = a.manager().newSubManager()) {
      NDArray x = Batches.images(VAL, null, 0, VAL.size(), m);
      float[] recalibrated = a.logits(x).toFloatArray();
      float[] stale = p.logits(x).toFloatArray();
      assertThat(maxAbsDiff(recalibrated, stale)).isGreaterThan(1e-2);

      Augmentation aug = c.augment().augmentation(INPUT);
      Streams streams = new Streams(c.seed());
      int batches =
          new BatchNormRecalibration(ArmTrainer.RECALIBRATION_BATCHES, c.batchSize())
              .apply(
                  a,
                  pass -> TRAIN,
                  aug,
                  pass -> streams.stream(ArmTrainer.RECALIBRATION_STREAM, pass));
      assertThat(batches).isEqualTo(ArmTrainer.RECALIBRATION_BATCHES);
      assertThat(maxAbsDiff(a.logits(x).toFloatArray(), recalibrated)).isLessThan(1e-3);
      // last, as training-mode passes move the running statistics
      assertThat(a.forward(x, true).toFloatArray())
          .containsExactly(p.forward(x, true).toFloatArray());
    }
  }

  /** A network without batch norm is saved exactly as the training loop left it. */
  @Test
  void networkWithoutBatchNormIsSavedAsTrained(@TempDir Path dir) throws IOException {
    TrainConfig c = config("cnn2");
    ArmTrainer.Trained arm =
        new ArmTrainer(dir, Map.of()).train("arm", c, TRAIN, VAL, TrainingListener.NONE);
    RunDirectory plain = trainPlain(dir.resolve("plain"), c);
    try (Network a = TrainResult.load(arm.run())) {
      assertThat(BatchNormRecalibration.appliesTo(a.block())).isFalse();
    }
    assertThat(Files.mismatch(arm.run().paramsFile(), plain.paramsFile())).isEqualTo(-1L);
  }

  private static double maxAbsDiff(float[] a, float[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d = Math.max(d, Math.abs(a[i] - b[i]));
    }
    return d;
  }
}
