package io.shiftlab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.shiftlab.NonFiniteException;
import io.shiftlab.TestData;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.random.Streams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training loop saves a network with batch norm with the running statistics of its kept
 * parameters, and a network without batch norm exactly as it trained. The reference is the newest
 * checkpoint: with patience 0 it holds the same parameters, with the statistics training kept.
 */
class TrainingBatchNormTest {
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

  private static RunDirectory train(Path dir, TrainConfig c, List<String> messages) {
    RunDirectory run = RunDirectory.create(dir);
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void info(String message) {
            messages.add(message);
          }
        };
    new Training(c, TRAIN, VAL, c.augment().augmentation(INPUT), listener).start(run, Map.of());
    return run;
  }

  /** The network of the newest checkpoint: the same parameters, the statistics of training. */
  private static Network lastCheckpoint(RunDirectory run, TrainConfig c) {
    Path params = Checkpoints.newest(run, m -> {}).orElseThrow().dir().resolve(Checkpoints.PARAMS);
    Network net = Network.create(ModelCatalog.get(c.model().name()), INPUT, 4, 0L);
    ParameterFile.load(params, c.model().name(), net.block(), net.manager());
    return net;
  }

  /**
   * The saved parameters are the trained ones (training-mode outputs, which ignore the running
   * statistics, agree bit for bit), its running statistics are not (eval-mode logits differ), and
   * they are the ones of the final parameters: recalibrating the saved network once more with the
   * same passes moves its eval-mode logits by no more than the 0.9^100 left of the old averages.
   */
  @Test
  void batchNormNetworkIsSavedWithStatisticsOfItsFinalParameters(@TempDir Path dir) {
    TrainConfig c = config("gapnet-zero");
    List<String> messages = new ArrayList<>();
    RunDirectory run = train(dir.resolve("run"), c, messages);
    assertThat(messages)
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("batch norm recalibrated over 100 batches: saved model's val"));
    try (Network a = TrainResult.load(run);
        Network p = lastCheckpoint(run, c);
        NDManager m = a.manager().newSubManager()) {
      NDArray x = Batches.images(VAL, null, 0, VAL.size(), m);
      float[] recalibrated = a.logits(x).toFloatArray();
      float[] stale = p.logits(x).toFloatArray();
      assertThat(maxAbsDiff(recalibrated, stale)).isGreaterThan(1e-2);

      Augmentation aug = c.augment().augmentation(INPUT);
      Streams streams = new Streams(c.seed());
      int batches =
          new BatchNormRecalibration(Training.RECALIBRATION_BATCHES, c.batchSize())
              .apply(
                  a,
                  pass -> TRAIN,
                  aug,
                  pass -> streams.stream(Training.RECALIBRATION_STREAM, pass));
      assertThat(batches).isEqualTo(Training.RECALIBRATION_BATCHES);
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
    List<String> messages = new ArrayList<>();
    RunDirectory run = train(dir.resolve("run"), c, messages);
    try (Network a = TrainResult.load(run)) {
      assertThat(BatchNormRecalibration.appliesTo(a.block())).isFalse();
    }
    Path checkpoint =
        Checkpoints.newest(run, m -> {}).orElseThrow().dir().resolve(Checkpoints.PARAMS);
    assertThat(Files.mismatch(run.paramsFile(), checkpoint)).isEqualTo(-1L);
    assertThat(messages).noneMatch(m -> m.startsWith("batch norm"));
  }

  /**
   * A recalibration whose statistics come out non-finite stops the run: the training batches are
   * clean (9 epochs x 12 batches), every later batch of the augmentation, the recalibration's, is
   * NaN. The run is marked failed and no model is saved.
   */
  @Test
  void nonFiniteStatisticsAfterRecalibrationStopTheRunAndSaveNoModel(@TempDir Path dir) {
    TrainConfig c = config("gapnet-zero");
    int trainingBatches = c.epochs() * (TRAIN.size() / c.batchSize());
    AtomicInteger calls = new AtomicInteger();
    Augmentation poisonAfterTraining =
        (batch, rng) -> calls.incrementAndGet() > trainingBatches ? batch.mul(Float.NaN) : batch;
    RunDirectory run = RunDirectory.create(dir.resolve("run"));
    Training t = new Training(c, TRAIN, VAL, poisonAfterTraining, TrainingListener.NONE);
    assertThatThrownBy(() -> t.start(run, Map.of()))
        .isInstanceOf(NonFiniteException.class)
        .hasMessageContaining("after batch norm's statistics were recomputed over 100 batches")
        .hasMessageContaining(run.metricsFile().toString());
    assertThat(calls.get()).isGreaterThan(trainingBatches);
    assertThat(run.result().failed()).isTrue();
    assertThat(run.paramsFile()).doesNotExist();
  }

  private static double maxAbsDiff(float[] a, float[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d = Math.max(d, Math.abs(a[i] - b[i]));
    }
    return d;
  }
}
