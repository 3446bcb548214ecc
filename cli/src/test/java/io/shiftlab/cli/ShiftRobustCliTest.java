package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shiftlab.train.TrainResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reproduce shift-robust --smoke}, a parameterised backbone name on {@code train}'s command
 * line, and {@code rf} on a run of a residual backbone.
 */
class ShiftRobustCliTest {
  @TempDir Path tmp;

  @Test
  void smokeReproductionWritesTheReport() throws Exception {
    Path out = tmp.resolve("sr");
    Cli.smokeOnDigits("shift-robust", tmp, out);
    JsonNode outcome = Cli.json(out.resolve("outcome.json"));
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
    Cli.Result trained =
        Cli.ok(
            Cli.train(
                "vgg-small:padding=circular,down=aps,head=gap",
                data,
                tmp.resolve("store"),
                run,
                1));
    // vgg-small has batch norm: the saved model's statistics are recomputed, and its figures shown
    assertThat(trained.out())
        .containsPattern(
            "val accuracy [0-9.]+, val loss [0-9.]+ \\(as trained\\); saved model, batch norm"
                + " recalibrated: val accuracy [0-9.]+, val loss [0-9.]+");
    Cli.Result rf = Cli.ok(Cli.run("rf", run.toString()));
    assertThat(rf.out()).contains("Aps");
  }

  @Test
  void rfFollowsTheMainPathOfResidualBlocks(@TempDir Path dir) throws Exception {
    Cli.Result r =
        Cli.rfOfHandMadeRun(
            dir,
            new TrainResult(
                "resnet18-cifar", "3x32x32", 10, 11_183_562, 1, 1, false, 0.5, 0.9, 1.0, null));
    String out = r.out();
    assertThat(r.code()).as(out).isZero();
    assertThat(out).contains("11BasicBlock/tail/01PaddedConv2d").contains("|    109 |");
  }
}
