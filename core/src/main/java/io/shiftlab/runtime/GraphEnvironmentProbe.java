package io.shiftlab.runtime;

import ai.djl.Device;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds an environment under which libtorch's <em>own</em> convolution is right on a host where it
 * is not by default, for TorchScript graphs: they run that convolution inside the graph, so
 * shiftlab's in-process fallbacks ({@link ConvStrategy}) cannot reach them.
 *
 * <p>oneDNN reads {@code ONEDNN_MAX_CPU_ISA} once, when libtorch loads, so each candidate cap is
 * tried in a child JVM started with it ({@link #main}: the known-answer tests of {@link
 * EngineCheck} on libtorch's kernels, printed as one JSON line). Caps are tried from the fastest
 * down ({@link #CANDIDATES}); the first that passes is kept in the engine verdict, and the launcher
 * ({@code ./shiftlab}) sets it for commands given {@code --torchscript}. Measured on an affected
 * host (AMD EPYC, AVX-512, libtorch 2.7.1): AVX2 did not help, SSE41 did, at 2.4 to 4 times the
 * time, which is why shiftlab's own layers use an in-process fallback instead.
 */
public final class GraphEnvironmentProbe {
  /** The caps tried, fastest first. */
  static final List<String> CANDIDATES =
      List.of("ONEDNN_MAX_CPU_ISA=AVX2", "ONEDNN_MAX_CPU_ISA=AVX", "ONEDNN_MAX_CPU_ISA=SSE41");

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final String PREFIX = "engine-check ";
  private static final long TIMEOUT_SECONDS = 120;

  private GraphEnvironmentProbe() {}

  /**
   * Child entry point: checks libtorch's kernels under this process's environment and prints the
   * outcome as one line {@code engine-check {json}} on standard output.
   *
   * @param args intra-op threads, repeats
   * @throws IOException never in practice (writing to standard output)
   */
  public static void main(String[] args) throws IOException {
    int threads = Integer.parseInt(args[0]);
    int repeats = Integer.parseInt(args[1]);
    TorchRuntime.configure(threads, null);
    EngineVerdict.Candidate c =
        EngineCheck.run(ConvStrategy.NATIVE.id(), EngineOps.libtorch(), Device.cpu(), repeats);
    double ms = c.passed() ? EngineCheck.stepMillis(Conv2dKernel.NATIVE, Device.cpu()) : Double.NaN;
    EngineVerdict.Candidate out =
        new EngineVerdict.Candidate(
            c.strategy(), c.passed(), c.checks(), c.failures(), c.passed() ? ms : null);
    System.out.println(PREFIX + JSON.writeValueAsString(out));
    System.out.flush();
    System.exit(0);
  }

  /**
   * Tries the candidate caps in order and returns the first under which libtorch's kernels pass.
   *
   * @param threads intra-op threads for the children
   * @param repeats how often each case runs
   * @return the environment assignments ({@code NAME=value}), or empty when none helped
   */
  static Optional<List<String>> find(int threads, int repeats) {
    for (String assignment : CANDIDATES) {
      Optional<EngineVerdict.Candidate> c = probe(threads, repeats, assignment);
      if (c.isPresent() && c.get().passed()) {
        return Optional.of(List.of(assignment));
      }
    }
    return Optional.empty();
  }

  /**
   * Runs the check in a child JVM with one extra environment assignment.
   *
   * @param threads intra-op threads
   * @param repeats how often each case runs
   * @param assignment {@code NAME=value}
   * @return the child's outcome, or empty when it could not run or said nothing
   */
  static Optional<EngineVerdict.Candidate> probe(int threads, int repeats, String assignment) {
    List<String> cmd = new ArrayList<>();
    cmd.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (Map.Entry<Object, Object> p : System.getProperties().entrySet()) {
      String k = p.getKey().toString();
      if (k.startsWith("ai.djl.") || k.equals("DJL_CACHE_DIR") || k.equals("ENGINE_CACHE_DIR")) {
        cmd.add("-D" + k + "=" + p.getValue());
      }
    }
    cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=error");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(GraphEnvironmentProbe.class.getName());
    cmd.add(Integer.toString(threads));
    cmd.add(Integer.toString(repeats));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
    int eq = assignment.indexOf('=');
    pb.environment().put(assignment.substring(0, eq), assignment.substring(eq + 1));
    try {
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith(PREFIX)) {
          return Optional.of(
              JSON.readValue(line.substring(PREFIX.length()), EngineVerdict.Candidate.class));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
