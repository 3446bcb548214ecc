package io.shiftlab.cli;

import io.shiftlab.runtime.ComputeDevice;
import io.shiftlab.runtime.TorchRuntime;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command that runs a model accepts. */
public final class Options {
  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "libtorch intra-op threads (default: the number of cores). Results are"
              + " bit-identical only at the same thread count.")
  int threads;

  @Option(
      names = "--device",
      paramLabel = "DEVICE",
      description =
          "cpu (default) or gpu: where models run. gpu needs the -Pcuda build and a CUDA GPU"
              + " (untested; see the README's GPU section).")
  String device = "cpu";

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Data directory holding the data sets (default: $SHIFTLAB_DATA or"
              + " ~/.cache/shiftlab/data).")
  Path data;

  /** Configures the engine; call before the first tensor. */
  int configureRuntime() {
    if (threads < 0) {
      throw new io.shiftlab.UserInputException("--threads", "must be >= 1, got " + threads);
    }
    return TorchRuntime.configure(threads, djlCache(), ComputeDevice.parse("--device", device));
  }

  /** Where DJL extracts libtorch: {@code $SHIFTLAB_CACHE/djl} or {@code ~/.cache/shiftlab/djl}. */
  static Path djlCache() {
    return TorchRuntime.defaultCacheRoot().resolve("djl");
  }
}
