package io.shiftlab.cli;

import io.shiftlab.runtime.ComputeDevice;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.train.ConsoleProgress;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every command that runs a model accepts. */
public final class Options {
  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "libtorch intra-op threads, at most 4 per core (default: the number of cores). Results"
              + " are bit-identical only at the same thread count.")
  int threads;

  @Option(
      names = "--device",
      paramLabel = "DEVICE",
      description =
          "cpu (default) or gpu: where models run. gpu needs the -Pcuda build and a CUDA GPU"
              + " (untested; see the README's GPU section).")
  String device = "cpu";

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress lines on stderr: only results (stdout) and errors.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "Also libtorch's own warnings and DJL's messages on stderr.")
  boolean verbose;

  @Mixin DataDirOption dataDir;

  /** The {@code --data} directory, or null for the default. */
  Path data() {
    return dataDir.dir;
  }

  /** Configures the engine; call before the first tensor. */
  int configureRuntime() {
    if (threads < 0) {
      throw new io.shiftlab.UserInputException("--threads", "must be >= 1, got " + threads);
    }
    int most = maxThreads();
    if (threads > most) {
      throw new io.shiftlab.UserInputException(
          "--threads",
          "must be at most "
              + most
              + " (4 x the "
              + Runtime.getRuntime().availableProcessors()
              + " available processors), got "
              + threads);
    }
    if (quiet && verbose) {
      throw new io.shiftlab.UserInputException("--quiet", "cannot be combined with --verbose");
    }
    if (verbose) {
      System.setProperty("shiftlab.torchLogLevel", "WARNING");
      System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "info");
    }
    return TorchRuntime.configure(threads, djlCache(), ComputeDevice.parse("--device", device));
  }

  /**
   * A training listener for the command's stderr: progress bars on a terminal, one plain line per
   * epoch otherwise (a log file gets no carriage returns), nothing with {@code --quiet}.
   *
   * @param err the command's stderr
   * @param label the run's label
   * @return the listener
   */
  ConsoleProgress progress(PrintStream err, String label) {
    ConsoleProgress.Mode mode =
        quiet
            ? ConsoleProgress.Mode.QUIET
            : Main.isTerminal(err) ? ConsoleProgress.Mode.BARS : ConsoleProgress.Mode.LINES;
    return new ConsoleProgress(err, label, mode);
  }

  /** The command's stderr for progress messages, or a sink with {@code --quiet}. */
  PrintStream log(PrintStream err) {
    return quiet ? new PrintStream(OutputStream.nullOutputStream(), true) : err;
  }

  /** The most {@code --threads} accepted: 4 threads per available processor. */
  static int maxThreads() {
    return 4 * Runtime.getRuntime().availableProcessors();
  }

  /** Where DJL extracts libtorch: {@code $SHIFTLAB_CACHE/djl} or {@code ~/.cache/shiftlab/djl}. */
  static Path djlCache() {
    return TorchRuntime.defaultCacheRoot().resolve("djl");
  }
}
