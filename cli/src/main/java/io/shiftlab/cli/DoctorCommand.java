package io.shiftlab.cli;

import io.shiftlab.runtime.EngineCheck;
import io.shiftlab.runtime.EngineCheckException;
import io.shiftlab.runtime.EngineVerdict;
import io.shiftlab.runtime.TorchRuntime;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shiftlab doctor}: runs the engine self-check afresh on this host and prints what it found
 * and which convolution every command will use. Exit 0 when the engine is usable, 3 when not.
 */
@Command(
    name = "doctor",
    description =
        "Check the engine on this host: known-answer tests of convolution, pooling, dense and"
            + " softmax kernels against a float64 reference, and the convolution shiftlab will use"
            + " (README, 'Engine self-check').")
final class DoctorCommand extends EngineCommand {
  @Option(
      names = "--repeats",
      paramLabel = "N",
      description = "How often each engine case runs (default: ${DEFAULT-VALUE}).")
  int repeats = EngineCheck.DEFAULT_REPEATS;

  @Override
  public Integer call() {
    if (repeats < 1 || repeats > 1000) {
      throw new io.shiftlab.UserInputException("--repeats", "must be 1 to 1000, got " + repeats);
    }
    int threads = common.configureRuntime();
    PrintWriter out = out();
    EngineVerdict v;
    int code = 0;
    String refusal = null;
    try {
      v = TorchRuntime.verifyEngine(true, repeats);
    } catch (EngineCheckException e) {
      v = TorchRuntime.lastVerdict();
      refusal = e.getMessage();
      code = Main.ENGINE_FAILED;
    }
    out.printf(Locale.ROOT, "host         %s%n", v.host());
    out.printf(
        Locale.ROOT,
        "engine       DJL %s, libtorch %s, %d threads, %s%n",
        TorchRuntime.djlVersion(),
        v.libtorch(),
        threads,
        v.device());
    out.printf(
        Locale.ROOT,
        "environment  %s%n",
        v.environment().isEmpty() ? "(no kernel settings)" : String.join(" ", v.environment()));
    out.printf(Locale.ROOT, "self-check   %d repeats of every case, %d ms%n", repeats, v.millis());
    for (EngineVerdict.Candidate c : v.candidates()) {
      out.printf(
          Locale.ROOT,
          "  %-15s %s, %d comparisons%s%n",
          c.strategy(),
          c.passed() ? "passed" : "FAILED",
          c.checks(),
          c.stepMillis() == null
              ? ""
              : String.format(Locale.ROOT, ", cnn2 training step %.1f ms", c.stepMillis()));
      for (String f : c.failures()) {
        out.printf(Locale.ROOT, "      %s%n", f);
      }
    }
    out.printf(
        Locale.ROOT,
        "convolution  %s%n",
        v.usable() ? v.strategy() : "none passed: every command that runs a model refuses");
    out.printf(
        Locale.ROOT,
        "torchscript  %s%n",
        v.nativeConvCorrect()
            ? "allowed (libtorch's own convolution is correct here)"
            : v.graphEnvironment().isEmpty()
                ? "refused (a TorchScript graph runs libtorch's own convolution, which failed here;"
                    + " no oneDNN setting fixed it)"
                : "refused as started; right with "
                    + String.join(" ", v.graphEnvironment())
                    + " (checked in a child process), which ./shiftlab sets for --torchscript runs");
    out.printf(Locale.ROOT, "cache        %s%n", TorchRuntime.engineCacheFile(repeats));
    out.printf(
        Locale.ROOT,
        "verdict      %s%n",
        refusal == null
            ? (v.nativeConvCorrect() ? "engine OK" : "engine OK with the fallback above")
            : "engine refused");
    out.flush();
    return code;
  }
}
