package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The position read-out from the command line: {@code probe --probe readout} on a TorchScript
 * module that returns its feature maps, its bad inputs, and {@code reproduce position-readout
 * --smoke}.
 */
class ReadoutCommandTest {
  @TempDir static Path tmp;

  private static Path data;

  /** The fixtures live with the TorchScript tests in core. */
  private static final Path MAPS =
      Path.of("../core/src/test/resources/io/shiftlab/nn/tiny_cnn_maps.pt").toAbsolutePath();

  private static final Path NO_MAPS =
      Path.of("../core/src/test/resources/io/shiftlab/nn/tiny_cnn.pt").toAbsolutePath();

  @BeforeAll
  static void writeData() {
    data = IdxFixture.write(tmp.resolve("idx"), 60, 40, 5);
  }

  private static Cli.Result probe(Path model, Path out, String... extra) {
    List<String> args =
        Cli.probeArgs(
            model, data, tmp.resolve("store"), out, "--limit", "20", "--probe", "readout");
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void readoutProbeRunsOnATorchScriptModelsMaps() throws Exception {
    Cli.assumeTorchScriptRuns();
    Path out = tmp.resolve("ts");
    Cli.Result r =
        probe(
            MAPS,
            out,
            "--param",
            "readout.targets=h,v",
            "--param",
            "readout.train=16",
            "--param",
            "readout.test=4",
            "--param",
            "readout.epochs=1");
    Cli.ok(r);
    Cli.assertFiles(
        out, "readout.csv", "readout.json", "readout.png", "readout-spc.png", "summary.md");
    // 2 targets x 4 sets (mosaic, black, white, noise)
    assertThat(Files.readAllLines(out.resolve("readout.csv"))).hasSize(1 + 8);
    assertThat(Files.readString(out.resolve("readout.json")))
        .contains("tiny_cnn_maps.pt f1")
        .contains("D1 k3 pad none");
  }

  @Test
  void listDocumentsTheReadoutProbe() {
    Cli.Result r = Cli.run("probe", "--list");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("readout: ").contains("--param readout.levels=all");
  }

  @Test
  void badReadoutInputIsOneLineAndWritesNothing() {
    Cli.assumeTorchScriptRuns();
    Path out = tmp.resolve("never");
    List<String[]> cases =
        List.of(
            new String[] {"--param", "readout.targets=h,diagonal"},
            new String[] {"--param", "readout.kernel=4"},
            new String[] {"--param", "readout.levels=3"},
            new String[] {"--param", "readout.side=4", "--param", "readout.depth=3"});
    for (String[] extra : cases) {
      Cli.assertRefused(probe(MAPS, out, extra), "shiftlab: --param readout.");
      assertThat(out).doesNotExist();
    }
    Cli.Result r = probe(NO_MAPS, out);
    assertThat(r.code()).as(r.describe()).isEqualTo(2);
    assertThat(r.err()).contains("exposes no spatial feature map");
    assertThat(out).doesNotExist();
  }

  @Test
  void smokeReproductionWritesTheReport() throws Exception {
    Path out = tmp.resolve("repro");
    Cli.Result r = Cli.ok(Cli.smoke("position-readout", data, tmp.resolve("store"), out));
    Cli.assertExperimentFiles(out, "spc-by-target.png", "spc-by-target.svg", "predictions.png");
    assertThat(r.out()).contains("position-readout").contains("Verdict");
  }
}
