package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shiftlab.report.Json;
import io.shiftlab.train.TrainResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code reproduce shift-robust --smoke}, a parameterised backbone name on {@code train}'s command
 * line, and {@code rf} on a run of a residual backbone.
 */
class ShiftRobustCliTest {
  @TempDir Path tmp;

  @Test
  void smokeReproductionWritesTheReport() throws Exception {
    Path data = IdxFixture.write(tmp.resolve("idx"), 240, 60, 11);
    Path out = tmp.resolve("sr");
    Cli.Result r = Cli.smoke("shift-robust", data, tmp.resolve("store"), out);
    assertThat(r.code()).as(r.describe()).isZero();
    JsonNode outcome = new ObjectMapper().readTree(out.resolve("outcome.json").toFile());
    assertThat(outcome.get("checks").size()).isEqualTo(5);
    assertThat(outcome.get("checks").get(0).get("decision").asText()).isEqualTo("HELD");
    assertThat(Files.readString(out.resolve("results.md"))).contains("| aps ");
    assertThat(out.resolve("consistency-by-distance-circular.png")).isNotEmptyFile();
  }

  @Test
  void trainAcceptsAParameterisedBackboneAndRejectsABadParameterInOneLine() {
    Path data = IdxFixture.write(tmp.resolve("idx"), 120, 30, 3);
    Cli.Result bad =
        Cli.run(
            "train",
            "--model",
            "vgg-small:down=fancy",
            "--dataset",
            IdxFixture.dataset(data),
            "--out",
            tmp.resolve("bad").toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().strip())
        .isEqualTo(
            "shiftlab: --model: unknown down 'fancy' of vgg-small; choose max, avg, strided,"
                + " blur, blur_max, aps, aps_blur, aps_max or dilated");
    Path run = tmp.resolve("run");
    Cli.Result ok =
        Cli.run(
            "train",
            "--model",
            "vgg-small:padding=circular,down=aps,head=gap",
            "--dataset",
            IdxFixture.dataset(data),
            "--data",
            tmp.resolve("store").toString(),
            "--epochs",
            "1",
            "--threads",
            Cli.THREADS,
            "--out",
            run.toString());
    assertThat(ok.code()).as(ok.describe()).isZero();
    Cli.Result rf = Cli.run("rf", run.toString());
    assertThat(rf.code()).as(rf.describe()).isZero();
    assertThat(rf.out()).contains("Aps");
  }

  @Test
  void rfFollowsTheMainPathOfResidualBlocks(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("config.json"), "{}");
    Json.write(
        dir.resolve("metrics.json"),
        new TrainResult(
            "resnet18-cifar", "3x32x32", 10, 11_183_562, 1, 1, false, 0.5, 0.9, 1.0, null));
    StringWriter sw = new StringWriter();
    CommandLine cmd = new CommandLine(new RfCommand());
    cmd.setOut(new PrintWriter(sw, true));
    int code = cmd.execute(dir.toString());
    String out = sw.toString();
    assertThat(code).as(out).isZero();
    assertThat(out).contains("11BasicBlock/tail/01PaddedConv2d").contains("|    109 |");
  }
}
