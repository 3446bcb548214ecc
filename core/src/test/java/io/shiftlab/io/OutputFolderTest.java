package io.shiftlab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.UserInputException;
import io.shiftlab.run.Runner;
import io.shiftlab.train.Manifest;
import io.shiftlab.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * shiftlab replaces a folder only when it wrote it and it holds nothing else, never a training run
 * directory, and never a folder that is, lies inside or holds what the command reads.
 */
class OutputFolderTest {
  private static Path output(Path dir) throws IOException {
    Runner.run(
        dir,
        1,
        s -> {
          Files.writeString(s.dir().resolve("sweep.csv"), "a,b\n");
          Files.createDirectories(s.dir().resolve("figures"));
          Files.writeString(s.dir().resolve("figures/sweep.png"), "png");
          return null;
        });
    return dir;
  }

  @Test
  void theManifestListsTheFilesAndSuchAFolderIsReplaced(@TempDir Path tmp) throws IOException {
    Path out = output(tmp.resolve("out"));
    assertThat(
            io.shiftlab.report.Json.mapper()
                .readTree(out.resolve("manifest.json").toFile())
                .get("files")
                .toString())
        .isEqualTo("[\"figures/sweep.png\",\"manifest.json\",\"sweep.csv\"]");
    assertThatCode(() -> OutputFolder.claim(out, "--out", false)).doesNotThrowAnyException();
  }

  @Test
  void aFileTheUserAddedMakesTheFolderForeign(@TempDir Path tmp) throws IOException {
    Path out = output(tmp.resolve("out"));
    Files.createDirectories(out.resolve("mysub"));
    Files.writeString(out.resolve("mysub/data.csv"), "mine");
    assertThatThrownBy(() -> OutputFolder.claim(out, "--out", false))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("holds files shiftlab did not write (mysub/data.csv)")
        .hasMessageContaining("--force");
    Files.delete(out.resolve("mysub/data.csv"));
    Files.writeString(out.resolve("my-notes.txt"), "mine");
    assertThatThrownBy(() -> OutputFolder.claim(out, "--out", false))
        .hasMessageContaining("(my-notes.txt)");
    assertThatCode(() -> OutputFolder.claim(out, "--out", true)).doesNotThrowAnyException();
  }

  @Test
  void anOutputWhoseManifestListsNoFilesIsNotReplacedWithoutForce(@TempDir Path tmp)
      throws IOException {
    Path out = Files.createDirectories(tmp.resolve("old"));
    Files.writeString(out.resolve("manifest.json"), "{\"shiftlab\": \"0.1\", \"seed\": 1}");
    Files.writeString(out.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> OutputFolder.claim(out, "--out", false))
        .hasMessageContaining("lists no files");
    assertThatCode(() -> OutputFolder.claim(out, "--out", true)).doesNotThrowAnyException();
  }

  @Test
  void aTrainingRunIsNeverReplacedEvenWithForce(@TempDir Path tmp) throws IOException {
    Path run = tmp.resolve("run");
    RunDirectory r = RunDirectory.create(run);
    Files.writeString(r.configFile(), "{}");
    r.writeManifest(Manifest.capture(1, Map.of()));
    Files.writeString(r.paramsFile(), "params");
    assertThat(OutputFolder.isTrainingRun(run)).isTrue();
    for (boolean force : new boolean[] {false, true}) {
      assertThatThrownBy(() -> OutputFolder.claim(run, "--out", force))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("is a shiftlab training run directory");
    }
  }

  @Test
  void aFolderThatIsLiesInsideOrHoldsWhatTheCommandReadsIsRefusedEvenWithForce(@TempDir Path tmp)
      throws IOException {
    Path run = Files.createDirectories(tmp.resolve("run"));
    Map<Path, String> reads = Map.of(run, "the run directory of the model being probed");
    for (Path out : new Path[] {run, run.resolve("sub"), tmp, tmp.resolve("run/../run")}) {
      assertThatThrownBy(() -> OutputFolder.claim(out, "--out", true, reads))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("the run directory of the model being probed")
          .hasMessageContaining("shiftlab never replaces what it reads");
    }
    assertThatCode(() -> OutputFolder.claim(tmp.resolve("elsewhere"), "--out", false, reads))
        .doesNotThrowAnyException();
  }
}
