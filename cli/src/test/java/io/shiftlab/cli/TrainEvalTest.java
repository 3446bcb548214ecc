package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} into a run directory, then {@code eval} and {@code train --resume} of it. */
class TrainEvalTest {
  @TempDir static Path tmp;

  private static Path data;
  private static Path run;
  private static Cli.Result trained;

  @BeforeAll
  static void trainOnce() {
    data = IdxFixture.write(tmp.resolve("idx"), 600, 100, 7);
    run = tmp.resolve("run");
    trained = Cli.train(data, tmp.resolve("store"), run, 2);
  }

  @Test
  void trainWritesASelfDescribingRunDirectory() throws IOException {
    assertThat(trained.code()).as(trained.describe()).isZero();
    assertThat(trained.out()).contains(run.toString()).contains("cnn2").contains("2 epochs");
    Cli.assertFiles(run, "config.json", "manifest.json", "metrics.json", "model.params");
    assertThat(run.resolve("checkpoints")).isDirectory();
    assertThat(run.resolve("checkpoints/epoch-0002")).isDirectory();

    JsonNode manifest = Cli.json(run.resolve("manifest.json"));
    assertThat(manifest.get("seed").asLong()).isEqualTo(1);
    assertThat(manifest.get("threads").asInt()).isEqualTo(Integer.parseInt(Cli.THREADS));
    assertThat(manifest.get("libtorch").asText()).isEqualTo("2.7.1");
    JsonNode sha = manifest.get("dataSha256");
    for (String f :
        List.of(
            IdxFixture.TRAIN_IMAGES,
            IdxFixture.TRAIN_LABELS,
            IdxFixture.TEST_IMAGES,
            IdxFixture.TEST_LABELS)) {
      assertThat(sha.get(f).asText()).as(f).isEqualTo(Cli.sha256(data.resolve(f)));
    }
    assertThat(sha.size()).isEqualTo(4);

    JsonNode config = Cli.json(run.resolve("config.json"));
    assertThat(config.get("model").asText()).isEqualTo("cnn2");
    assertThat(config.get("epochs").asInt()).isEqualTo(2);

    List<String> epochs = Files.readAllLines(run.resolve("epochs.csv"));
    assertThat(epochs).hasSize(3);
    assertThat(epochs.get(0)).startsWith("epoch,train_loss,");
    assertThat(epochs.get(1)).startsWith("1,");
    assertThat(epochs.get(2)).startsWith("2,");

    // The toy task is learnable: after two epochs the model is far above chance (0.1).
    JsonNode metrics = Cli.json(run.resolve("metrics.json"));
    assertThat(metrics.get("epochsRun").asInt()).isEqualTo(2);
    assertThat(metrics.get("valAccuracy").asDouble()).isGreaterThan(0.3);
  }

  @Test
  void evalPrintsCleanAndTheArticlesShiftedSets() throws IOException {
    Cli.Result r = eval("--limit", "50");
    assertThat(r.code()).as(r.describe()).isZero();
    assertThat(r.out()).contains("50 test images");
    double clean = accuracy(r.out(), "clean", 50);
    double shiftMin = accuracy(r.out(), "zero:1x1:article", 50);
    double shift = accuracy(r.out(), "zero:4x3:article", 50);
    assertThat(List.of(clean, shiftMin, shift)).allMatch(a -> a >= 0 && a <= 1);
    assertThat(clean).as("a trained model beats chance on clean images").isGreaterThan(0.3);
    // the same numbers, machine-readable, in RUN/eval.json
    JsonNode json = Cli.json(run.resolve("eval.json"));
    assertThat(json.get("images").asInt()).isEqualTo(50);
    assertThat(json.get("results").get(0).get("test_set").asText()).isEqualTo("clean");
    assertThat(json.get("results").get(0).get("accuracy").asDouble()).isEqualTo(clean);
    assertThat(json.get("results").get(0).get("n").asInt()).isEqualTo(50);
    assertThat(json.get("results")).hasSize(3);
    assertThat(json.get("manifest").get("command").get(1).asText()).isEqualTo("eval");
  }

  @Test
  void evalPrintsARequestedShiftedSetOnly() {
    Cli.Result r = eval("--limit", "50", "--shift", "circular:2x2:int");
    assertThat(r.code()).as(r.describe()).isZero();
    accuracy(r.out(), "clean", 50);
    accuracy(r.out(), "circular:2x2:int", 50);
    assertThat(r.out()).doesNotContain("zero:4x3:article");
  }

  @Test
  void evalIsDeterministic() {
    Cli.Result a = eval("--limit", "50");
    Cli.Result b = eval("--limit", "50");
    assertThat(a.code()).isZero();
    assertThat(b.out()).isEqualTo(a.out());
    System.out.println("eval determinism: two evals of " + run + " printed identical text:");
    System.out.print(a.out());
  }

  @Test
  void resumingAFinishedRunSaysSo() throws IOException {
    String before = Cli.sha256(run.resolve("model.params"));
    Cli.Result r = Cli.resume(run, tmp.resolve("store"));
    assertThat(r.code()).as(r.describe()).isZero();
    assertThat(r.out()).contains("already finished");
    assertThat(Cli.sha256(run.resolve("model.params"))).isEqualTo(before);
  }

  private static Cli.Result eval(String... extra) {
    String[] base = {
      "eval", run.toString(), "--data", tmp.resolve("store").toString(), "--threads", Cli.THREADS
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return Cli.run(args);
  }

  /** Finds the row of a test set, checks that accuracy = correct / n, and returns it. */
  private static double accuracy(String out, String set, int n) {
    Matcher m =
        Pattern.compile(
                "(?m)^"
                    + Pattern.quote(set)
                    + "\\s+(\\d\\.\\d{4})\\s+(\\d+)/"
                    + n
                    + "\\s+\\d\\.\\d{4}$")
            .matcher(out);
    assertThat(m.find()).as("a row for %s in%n%s", set, out).isTrue();
    double acc = Double.parseDouble(m.group(1));
    assertThat(acc)
        .isCloseTo(
            Integer.parseInt(m.group(2)) / (double) n, org.assertj.core.data.Offset.offset(5e-5));
    return acc;
  }
}
