package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.shiftlab.UserInputException;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.TorchScriptSpec;
import io.shiftlab.probe.ModelSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The options mixin as a command would use it; resolving loads nothing. */
class ModelOptionsTest {
  @Command(name = "probe")
  static final class Probe {
    @Mixin ModelOptions model;

    @Parameters(index = "0", arity = "0..1")
    Path runDir;
  }

  private static ModelSource resolve(String... args) {
    Probe p = new Probe();
    new CommandLine(p).parseArgs(args);
    return p.model.resolve(p.runDir);
  }

  @Test
  void torchScriptOptionsBecomeASpec() {
    ModelSource s =
        resolve(
            "--torchscript",
            "m.pt",
            "--input",
            "3x32x32",
            "--scale",
            "255",
            "--mean",
            "125.3,123.0,113.9",
            "--std",
            "63.0,62.1,66.7",
            "--classes",
            "10");
    assertThat(s)
        .isEqualTo(
            new ModelSource.TorchScript(
                new TorchScriptSpec(
                    Path.of("m.pt"),
                    new InputShape(3, 32, 32),
                    255f,
                    new float[] {125.3f, 123.0f, 113.9f},
                    new float[] {63.0f, 62.1f, 66.7f},
                    10)));
    assertThat(s.displayName()).isEqualTo("m.pt");
  }

  @Test
  void aRunDirectoryNeedsNoOptions() {
    assertThat(resolve("runs/a")).isEqualTo(new ModelSource.Run(Path.of("runs/a")));
  }

  @Test
  void mistakesAreOneLineNamingTheOption() {
    assertThat(shown(() -> resolve("--torchscript", "m.pt", "--input", "1x28x28")))
        .startsWith("--scale: required with a TorchScript file");
    assertThat(
            shown(
                () ->
                    resolve(
                        "--torchscript",
                        "m.pt",
                        "--input",
                        "1x28x28",
                        "--scale",
                        "1",
                        "--mean",
                        "0.5,0.5")))
        .isEqualTo("--mean: 2 values given, expected 1 (one per channel of the input 1x28x28)");
    assertThat(shown(() -> resolve("runs/a", "--input", "1x28x28")))
        .startsWith("--input: applies only to a TorchScript file");
    assertThat(shown(() -> resolve("runs/a", "--torchscript", "m.pt")))
        .isEqualTo("--torchscript: give either a run directory or a TorchScript file, not both");
  }

  /** The line the command line prints for the error: core names the setting, Main the option. */
  private static String shown(Runnable r) {
    Throwable t = catchThrowable(r::run);
    assertThat(t).isInstanceOf(UserInputException.class);
    return Flags.message((UserInputException) t);
  }
}
