package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Smoke tests of {@code shiftlab probe} and {@code shiftlab rf} with a tiny budget. */
class ProbeCommandTest {
  @TempDir static Path tmp;

  private static Path data;
  private static Path run;

  @BeforeAll
  static void trainOnce() {
    data = IdxFixture.write(tmp.resolve("idx"), 240, 40, 3);
    run = tmp.resolve("run");
    Cli.ok(Cli.train(data, tmp.resolve("store"), run, 1));
  }

  @Test
  void everyProbeRunsOnARunDirectory() throws Exception {
    Path out = tmp.resolve("probe-all");
    Cli.Result r =
        Cli.run(
            "probe",
            run.toString(),
            "--probe",
            "sweep,consistency,stability,equivariance,erf,border-distance",
            "--limit",
            "20",
            "--param",
            "sweep.range=1",
            "--param",
            "consistency.pairs=2",
            "--param",
            "erf.inputs=8",
            "--param",
            "border-distance.step=7",
            "--data",
            tmp.resolve("store").toString(),
            "--threads",
            Cli.THREADS,
            "--out",
            out.toString());
    Cli.ok(r);
    Cli.assertFiles(
        out,
        "summary.md",
        "summary.json",
        "manifest.json",
        "sweep.csv",
        "sweep-heatmap.png",
        "consistency.json",
        "stability.json",
        "equivariance.csv",
        "erf.png",
        "border-distance.csv");
    JsonNode summary = Cli.json(out.resolve("summary.json"));
    assertThat(summary.get("images").asInt()).isEqualTo(20);
    assertThat(summary.get("probes")).hasSize(6);
    // 3 x 3 offsets of range 1, one CSV row each
    assertThat(Files.readAllLines(out.resolve("sweep.csv"))).hasSize(1 + 9);
    assertThat(r.out()).contains("## sweep").contains("## border-distance");
    try (var s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".partial-"));
    }
  }

  @Test
  void probesATorchScriptModel() throws Exception {
    Cli.assumeTorchScriptRuns();
    // the fixture and the script that made it live with the TorchScript tests in core
    Path model = Path.of("../core/src/test/resources/io/shiftlab/nn/tiny_cnn.pt").toAbsolutePath();
    assertThat(model).isRegularFile();
    Path out = tmp.resolve("probe-ts");
    Cli.ok(Cli.probe(model, data, tmp.resolve("store"), out, Cli.SMALL_SWEEP));
    assertThat(out.resolve("sweep.csv")).isNotEmptyFile();
    // the manifest says what was run on what: the command line, the model file and its transform
    JsonNode manifest = Cli.json(out.resolve("manifest.json"));
    assertThat(manifest.get("command").get(0).asText()).isEqualTo("shiftlab");
    assertThat(manifest.get("command").get(1).asText()).isEqualTo("probe");
    assertThat(manifest.get("command").toString())
        .contains("\"--torchscript\"", "\"sweep.range=1\"");
    assertThat(manifest.get("model").get("path").asText()).isEqualTo(model.normalize().toString());
    assertThat(manifest.get("model").get("bytes").asLong()).isEqualTo(Files.size(model));
    assertThat(manifest.get("model").get("sha256").asText()).isEqualTo(Cli.sha256(model));
    assertThat(manifest.get("model").get("scale").asDouble()).isEqualTo(1.0);
    assertThat(manifest.get("model").get("input").asText()).isEqualTo("1x28x28");
    assertThat(manifest.get("engine").get("strategy").asText()).isNotEmpty();
  }

  @Test
  void listDocumentsEveryProbe() {
    Cli.Result r = Cli.run("probe", "--list");
    assertThat(r.code()).isZero();
    for (String p :
        List.of("sweep", "consistency", "stability", "equivariance", "erf", "border-distance")) {
      assertThat(r.out()).contains(p + ": ").contains("--param " + p + ".");
    }
  }

  static Stream<List<String>> badProbeInputs() {
    return Stream.of(
        List.of("--probe", "swep"),
        List.of("--probe", "sweep", "--param", "sweep.range=abc"),
        List.of("--probe", "sweep", "--param", "consistency.pairs=2"),
        List.of("--probe", "sweep", "--limit", "-1"));
  }

  @ParameterizedTest
  @MethodSource("badProbeInputs")
  void badProbeInputIsOneLineAndWritesNothing(List<String> options) {
    Path out = tmp.resolve("never");
    List<String> args = new ArrayList<>(List.of("probe", run.toString()));
    args.addAll(options);
    args.addAll(
        List.of(
            "--data",
            tmp.resolve("store").toString(),
            "--threads",
            Cli.THREADS,
            "--out",
            out.toString()));
    Cli.assertRefused(Cli.run(args.toArray(String[]::new)), "shiftlab: ");
    assertThat(out).doesNotExist();
  }

  @Test
  void rfPrintsTheReceptiveFieldTable() {
    Cli.Result r = Cli.run("rf", run.toString());
    assertThat(r.code()).as(r.describe()).isZero();
    assertThat(r.out()).contains("| 06MaxPool2d").contains("16").contains("global");
  }
}
