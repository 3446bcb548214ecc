package io.shiftlab.cli;

import io.shiftlab.probe.ModelSource;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options that point a command at an exported TorchScript classifier instead of a run
 * directory; mix into a command with {@code @Mixin ModelOptions model} and call {@link #resolve}
 * with the command's optional run-directory parameter.
 *
 * <p>Values are kept as strings and parsed by {@link ModelSource#resolve}, so every mistake is one
 * line naming the option.
 */
public final class ModelOptions {
  @Option(
      names = "--torchscript",
      paramLabel = "FILE",
      description =
          "Probe a classifier exported with torch.jit.script/trace and torch.jit.save instead of"
              + " a run directory; needs --input and --scale.")
  Path torchscript;

  @Option(
      names = "--input",
      paramLabel = "CxHxW",
      description = "With --torchscript: the image shape the module takes, e.g. 1x28x28.")
  String input;

  @Option(
      names = "--scale",
      paramLabel = "S",
      description =
          "With --torchscript: pixels in [0, 1] are multiplied by S first; 1 if the model was"
              + " trained on [0, 1] pixels (ToTensor), 255 if on raw bytes.")
  String scale;

  @Option(
      names = "--mean",
      paramLabel = "M1,M2,..",
      description = "With --torchscript: per-channel values subtracted after scaling (default 0).")
  String mean;

  @Option(
      names = "--std",
      paramLabel = "S1,S2,..",
      description = "With --torchscript: per-channel divisors applied last (default 1).")
  String std;

  @Option(
      names = "--classes",
      paramLabel = "N",
      description =
          "With --torchscript: the number of logits the module must return (default: whatever"
              + " it returns).")
  Integer classes;

  /**
   * Resolves the model to probe.
   *
   * @param runDir the command's run-directory parameter, or null when none was given
   * @return the source; nothing is loaded yet
   */
  public ModelSource resolve(Path runDir) {
    return ModelSource.resolve(runDir, torchscript, input, scale, mean, std, classes);
  }
}
