package io.shiftlab.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.TestData;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.zoo.ModelRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {
  @TempDir Path dir;

  private static final ImageSet TRAIN = TestData.squares("toy/train", 192, 4, 1);
  private static final ImageSet VAL = TestData.squares("toy/val", 64, 4, 2);

  private static TrainConfig config(int patience) {
    return config("cnn2", 3, OptimizerSettings.adam(3e-3f), patience, 11, BatchOrder.SHUFFLED);
  }

  private static TrainConfig config(
      String model,
      int epochs,
      OptimizerSettings optimizer,
      int patience,
      long seed,
      BatchOrder order) {
    return new TrainConfig(
        ModelRef.of(model),
        "toy",
        epochs,
        32,
        optimizer,
        AugmentSpec.NONE,
        patience,
        seed,
        0,
        order);
  }

  /** Changes a finished run's files the way an interruption or a bad disk would. */
  private interface Damage {
    void apply(RunDirectory run) throws IOException;
  }

  /** A run killed during epoch 3: its last checkpoint and outputs never appeared. */
  private static void killedDuringEpoch3(RunDirectory run) throws IOException {
    io.shiftlab.io.AtomicFiles.deleteRecursively(run.checkpointsDir().resolve("epoch-0003"));
    Files.delete(run.paramsFile());
    Files.delete(run.metricsFile());
  }

  /**
   * Trains {@code c} twice, damages the second run and resumes it; checks that it ends with the
   * parameters of the first.
   *
   * @return the resumed run, and the resume's messages in {@code messages}
   */
  private RunDirectory damageAndResume(TrainConfig c, Damage damage, List<String> messages)
      throws IOException {
    train("full", c, new ArrayList<>());
    byte[] expected = Files.readAllBytes(dir.resolve("full/model.params"));
    train("damaged", c, new ArrayList<>());
    RunDirectory run = RunDirectory.open(dir.resolve("damaged"));
    damage.apply(run);
    new Training(run.config(), TRAIN, VAL, Augmentation.NONE, collect(messages)).resume(run);
    assertThat(messages).contains("resuming after epoch 2");
    assertThat(Files.readAllBytes(run.paramsFile())).isEqualTo(expected);
    return run;
  }

  private TrainResult train(String name, TrainConfig c, List<String> messages) {
    RunDirectory run = RunDirectory.create(dir.resolve(name));
    return new Training(c, TRAIN, VAL, Augmentation.NONE, collect(messages)).start(run, Map.of());
  }

  private static TrainingListener collect(List<String> messages) {
    return new TrainingListener() {
      @Override
      public void info(String message) {
        messages.add(message);
      }
    };
  }

  @Test
  void learnsTheToyTaskAndWritesASelfDescribingRunDirectory() throws IOException {
    TrainResult r = train("a", config(0), new ArrayList<>());
    RunDirectory run = RunDirectory.open(dir.resolve("a"));
    assertThat(r.valAccuracy()).isGreaterThan(0.9);
    assertThat(r.epochsRun()).isEqualTo(3);
    assertThat(r.parameters()).isEqualTo(85_670 - 6 * 101); // cnn2 with a 4-class head
    assertThat(run.config()).isEqualTo(config(0));
    assertThat(run.manifest().seed()).isEqualTo(11);
    assertThat(run.manifest().libtorch()).isEqualTo("2.7.1");
    assertThat(run.result()).isEqualTo(r);
    List<String> csv = Files.readAllLines(run.epochsFile());
    assertThat(csv).hasSize(4);
    assertThat(csv.get(0)).isEqualTo(EpochRecord.CSV_HEADER);
    assertThat(run.paramsFile()).isRegularFile();
    assertThat(run.checkpointsDir().resolve("epoch-0003")).isDirectory();
    assertThat(run.checkpointsDir().resolve("epoch-0001")).doesNotExist(); // two are kept
  }

  @Test
  void sameSeedGivesBitIdenticalParameters() throws IOException {
    train("a", config(0), new ArrayList<>());
    train("b", config(0), new ArrayList<>());
    assertThat(Files.readAllBytes(dir.resolve("b/model.params")))
        .isEqualTo(Files.readAllBytes(dir.resolve("a/model.params")));
    assertThat(Files.readAllLines(dir.resolve("b/epochs.csv")).get(3).split(",")[1])
        .isEqualTo(Files.readAllLines(dir.resolve("a/epochs.csv")).get(3).split(",")[1]);
  }

  @Test
  void resumingFromAnEarlierCheckpointEndsWithTheSameParameters() throws IOException {
    RunDirectory run =
        damageAndResume(config(0), TrainingTest::killedDuringEpoch3, new ArrayList<>());
    assertThat(Files.readAllLines(run.epochsFile())).hasSize(4);
  }

  @Test
  void anAdadeltaRunResumedFromAnEarlierCheckpointEndsWithTheSameParameters() throws IOException {
    TrainConfig c =
        config(
            "cnn2", 3, OptimizerSettings.adadelta(1f, 0.9f, 1e-6f, 5e-5f), 0, 11, BatchOrder.FIXED);
    RunDirectory run = damageAndResume(c, TrainingTest::killedDuringEpoch3, new ArrayList<>());
    assertThat(run.config().optimizer().kind()).isEqualTo(OptimizerKind.ADADELTA);
  }

  @Test
  void aDamagedNewestCheckpointIsSkippedWithAWarning() throws IOException {
    List<String> messages = new ArrayList<>();
    damageAndResume(
        config(0),
        run -> {
          Path newest = run.checkpointsDir().resolve("epoch-0003").resolve("model.params");
          byte[] b = Files.readAllBytes(newest);
          b[b.length / 2] ^= 0x55;
          Files.write(newest, b);
        },
        messages);
    assertThat(messages.get(0))
        .startsWith("skipping damaged checkpoint")
        .contains("epoch-0003")
        .contains("model.params does not match its checksum");
  }

  @Test
  void earlyStoppingKeepsTheBestEpoch() {
    TrainConfig c = config("mlp", 30, OptimizerSettings.adam(3e-2f), 1, 5, BatchOrder.SHUFFLED);
    List<String> messages = new ArrayList<>();
    TrainResult r = train("es", c, messages);
    assertThat(r.stoppedEarly()).isTrue();
    assertThat(r.epochsRun()).isLessThan(30);
    assertThat(r.bestEpoch()).isEqualTo(r.epochsRun() - 1);
    assertThat(messages).anyMatch(m -> m.startsWith("early stopping after epoch"));
  }
}
