package io.shiftlab.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.shiftlab.runtime.EngineVerdict;
import io.shiftlab.runtime.TorchRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Where and how a run was made: enough to repeat it and to know whether a repeat may differ.
 *
 * @param shiftlab shiftlab's version
 * @param gitCommit the commit of the source tree, with {@code -dirty} if it had changes, or {@code
 *     unknown}
 * @param seed the master seed
 * @param threads libtorch intra-op threads (results are bit-identical only at the same count)
 * @param device {@code cpu} or {@code gpu} (runs on different devices are not bit-comparable)
 * @param cores the cores the JVM saw
 * @param java the Java runtime version and vendor
 * @param djl DJL's version
 * @param libtorch libtorch's version
 * @param os operating system name, version and architecture
 * @param dataSha256 SHA-256 of every data file the run read, by file name
 * @param createdAt when the run started (informational; not part of any result)
 * @param engine the engine self-check's verdict on this host: the convolution strategy in force and
 *     what was tested (null in manifests written before the check existed)
 * @param command the command line that made the run ({@code shiftlab} and its arguments), or empty
 *     when the library was called directly
 * @param model for a probe: the model file probed (path, size, SHA-256) and the input transform;
 *     null otherwise
 * @param files for an output that replaces its folder as a whole (a probe's or an experiment's):
 *     the relative path, with {@code /} separators, of every file the folder held when it was
 *     published, {@code manifest.json} included, sorted; null for a training run directory, which
 *     is never replaced. A folder holding any other file is not shiftlab's to replace ({@link
 *     io.shiftlab.io.OutputFolder})
 */
public record Manifest(
    String shiftlab,
    String gitCommit,
    long seed,
    int threads,
    String device,
    int cores,
    String java,
    String djl,
    String libtorch,
    String os,
    Map<String, String> dataSha256,
    String createdAt,
    EngineVerdict engine,
    List<String> command,
    Map<String, Object> model,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> files) {

  private static volatile List<String> commandLine = List.of();

  /** Copies the maps and the list into immutable ones, the checksums sorted. */
  public Manifest {
    dataSha256 = Map.copyOf(new TreeMap<>(dataSha256 == null ? Map.of() : dataSha256));
    command = List.copyOf(command == null ? List.of() : command);
    model = model == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(model));
    files = files == null ? null : List.copyOf(new java.util.TreeSet<>(files));
  }

  /**
   * Records the command line of this process, for every manifest written from now on (called by the
   * command line's entry point).
   *
   * @param argv the program name and its arguments
   */
  public static void recordCommandLine(List<String> argv) {
    commandLine = List.copyOf(argv);
  }

  /**
   * The same manifest with the probed model's file and input transform.
   *
   * @param modelFile path, size, SHA-256 and transform, in the order to write them
   * @return the copy
   */
  public Manifest withModel(Map<String, Object> modelFile) {
    return with(modelFile, files);
  }

  /**
   * The same manifest with the list of the files its folder consists of.
   *
   * @param outputFiles relative paths with {@code /} separators
   * @return the copy
   */
  public Manifest withFiles(List<String> outputFiles) {
    return with(model, outputFiles);
  }

  /** The same manifest with another model file and file list. */
  private Manifest with(Map<String, Object> modelFile, List<String> outputFiles) {
    return new Manifest(
        shiftlab,
        gitCommit,
        seed,
        threads,
        device,
        cores,
        java,
        djl,
        libtorch,
        os,
        dataSha256,
        createdAt,
        engine,
        command,
        modelFile,
        outputFiles);
  }

  /**
   * Describes the current process.
   *
   * @param seed the master seed
   * @param dataSha256 the data files' checksums
   * @return the manifest
   */
  public static Manifest capture(long seed, Map<String, String> dataSha256) {
    return new Manifest(
        TorchRuntime.shiftlabVersion(),
        detectGitCommit(),
        seed,
        TorchRuntime.threads(),
        TorchRuntime.device().id(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        TorchRuntime.djlVersion(),
        TorchRuntime.libtorchVersion(),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        dataSha256,
        Instant.now().toString(),
        TorchRuntime.engineVerdict(),
        commandLine,
        null,
        null);
  }

  /**
   * The source commit: the {@code shiftlab.git.commit} property set by the launcher, else {@code
   * git rev-parse HEAD} in the working directory, else {@code unknown}.
   */
  static String detectGitCommit() {
    String prop = System.getProperty("shiftlab.git.commit");
    if (prop != null && !prop.isBlank()) {
      return prop;
    }
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "unknown";
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.exitValue() != 0 || !out.matches("[0-9a-f]{40}")) {
        return "unknown";
      }
      Process d =
          new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no").start();
      String dirty = new String(d.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      d.waitFor(5, TimeUnit.SECONDS);
      return dirty.isEmpty() ? out : out + "-dirty";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
