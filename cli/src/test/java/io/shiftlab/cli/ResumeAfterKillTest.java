package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training process killed with SIGKILL and resumed ends with the same parameters, bit for bit, as
 * one that was never interrupted; a damaged newest checkpoint is skipped for the one before.
 *
 * <p>The killed run is a separate JVM ({@code Process.destroyForcibly} is SIGKILL on Linux), so
 * nothing in this JVM can tidy up after it. Every run uses {@link Cli#THREADS} threads.
 */
class ResumeAfterKillTest {
  private static final int EPOCHS = 5;
  private static final Duration KILL_DEADLINE = Duration.ofSeconds(120);

  @TempDir static Path tmp;

  private static Path data;
  private static Path store;
  private static Path killed;
  private static Path uninterrupted;

  @BeforeAll
  static void trainKillAndTrainUninterrupted() throws Exception {
    // nn-article, the slowest model, learns ~100-150 images/s here: 156 images (143 train after
    // the 1/12 validation hold-out, batch 32, 5 steps) make an epoch of about a second, so the
    // kill lands while later epochs are still to come.
    data = IdxFixture.write(tmp.resolve("idx"), 156, 24, 5);
    store = tmp.resolve("store");
    killed = tmp.resolve("run-a");
    uninterrupted = tmp.resolve("run-b");

    List<String> cmd = Cli.javaMain();
    cmd.addAll(trainArgs(killed));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("run-a.log").toFile())
            .start();
    try {
      long deadline = System.nanoTime() + KILL_DEADLINE.toNanos();
      while (!Files.isDirectory(killed.resolve("checkpoints/epoch-0002"))) {
        assertThat(p.isAlive()).as("the training process died early:%n%s", log()).isTrue();
        assertThat(System.nanoTime())
            .as("no checkpoint 2 in time:%n%s", log())
            .isLessThan(deadline);
        Thread.sleep(20);
      }
    } finally {
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

    Cli.Result b = Cli.run(trainArgs(uninterrupted).toArray(String[]::new));
    assertThat(b.code()).as(b.describe()).isZero();
  }

  @Test
  void resumedRunMatchesTheUninterruptedOneBitForBit() throws IOException {
    Path a = copy(killed, tmp.resolve("resume-intact"));
    assertThat(a.resolve("metrics.json")).as("the killed run did not finish").doesNotExist();
    assertThat(a.resolve("model.params")).doesNotExist();

    Cli.Result r = Cli.resume(a, store);
    assertThat(r.code()).as(r.describe()).isZero();
    assertThat(r.err()).containsPattern("resuming after epoch [2-4]");
    assertThat(r.err()).doesNotContain("skipping damaged checkpoint");
    assertSameAsUninterrupted(a, "resume after kill -9");
  }

  @Test
  void damagedNewestCheckpointIsSkipped() throws IOException {
    Path a = copy(killed, tmp.resolve("resume-damaged"));
    Path newest;
    try (Stream<Path> s = Files.list(a.resolve("checkpoints"))) {
      newest =
          s.filter(d -> d.getFileName().toString().startsWith("epoch-"))
              .max(Path::compareTo)
              .orElseThrow();
    }
    int newestEpoch = Integer.parseInt(newest.getFileName().toString().substring(6));
    try (RandomAccessFile f = new RandomAccessFile(newest.resolve("model.params").toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0xff);
    }

    Cli.Result r = Cli.resume(a, store);
    assertThat(r.code()).as(r.describe()).isZero();
    assertThat(r.err())
        .contains("skipping damaged checkpoint " + newest)
        .contains("resuming after epoch " + (newestEpoch - 1));
    assertSameAsUninterrupted(a, "resume past a damaged checkpoint " + newest.getFileName());
  }

  private static List<String> trainArgs(Path out) {
    return List.of(
        "train",
        "--model",
        "nn-article",
        "--dataset",
        IdxFixture.dataset(data),
        "--data",
        store.toString(),
        "--epochs",
        Integer.toString(EPOCHS),
        "--batch-size",
        "32",
        "--threads",
        Cli.THREADS,
        "--out",
        out.toString());
  }

  private static void assertSameAsUninterrupted(Path a, String what) throws IOException {
    Path b = uninterrupted;
    assertThat(Files.readAllBytes(a.resolve("model.params")))
        .as("model.params of %s and of the uninterrupted run", what)
        .isEqualTo(Files.readAllBytes(b.resolve("model.params")));
    List<String> ea = lossAndAccuracy(a);
    List<String> eb = lossAndAccuracy(b);
    assertThat(ea).hasSize(EPOCHS).isEqualTo(eb);
    System.out.printf(
        "%s:%n  resumed        %s  %s%n  uninterrupted  %s  %s%n"
            + "  epochs.csv epoch,loss,accuracy columns identical over %d epochs%n",
        what,
        Cli.sha256(a.resolve("model.params")),
        a.resolve("model.params"),
        Cli.sha256(b.resolve("model.params")),
        b.resolve("model.params"),
        EPOCHS);
  }

  /** epochs.csv without its timing columns (seconds, images_per_second). */
  private static List<String> lossAndAccuracy(Path run) throws IOException {
    List<String> lines = Files.readAllLines(run.resolve("epochs.csv"));
    assertThat(lines.get(0))
        .isEqualTo(
            "epoch,train_loss,train_accuracy,val_loss,val_accuracy,seconds,images_per_second");
    return lines.subList(1, lines.size()).stream()
        .map(l -> String.join(",", List.of(l.split(",")).subList(0, 5)))
        .toList();
  }

  /** Copies a run so that each test resumes its own copy of the killed run. */
  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return to;
  }

  private static String log() {
    try {
      return Files.readString(tmp.resolve("run-a.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
