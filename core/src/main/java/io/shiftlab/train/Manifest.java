package io.shiftlab.train;

import io.shiftlab.runtime.EngineVerdict;
import io.shiftlab.runtime.TorchRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
    EngineVerdict engine) {

  /** Copies the map into a sorted, immutable one. */
  public Manifest {
    dataSha256 = Map.copyOf(new TreeMap<>(dataSha256 == null ? Map.of() : dataSha256));
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
        TorchRuntime.engineVerdict());
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
