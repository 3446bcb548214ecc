package io.shiftlab.runtime;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.shiftlab.io.AtomicFiles;
import io.shiftlab.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Keeps engine verdicts between runs, in {@code <cache>/engine/check-<key>.json}, so the self-check
 * runs once per host configuration instead of at every start.
 *
 * <p>The key is the SHA-256 of everything that decides which kernels libtorch runs and how the
 * check is done: the check's {@link EngineCheck#VERSION} and repeat count, the processor's identity
 * and feature flags ({@link HostFacts#cpuIdentity()}), libtorch's and DJL's versions, the thread
 * count, the device and the kernel-steering environment ({@link HostFacts#kernelEnvironment()}). A
 * file that cannot be read is ignored and the check runs again.
 */
final class EngineCheckCache {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;

  private EngineCheckCache(Path file) {
    this.file = file;
  }

  /**
   * The cache entry for this host, thread count and device.
   *
   * @param dir the cache directory ({@code <cache>/engine})
   * @param threads intra-op threads
   * @param device the device
   * @param repeats the check's repeat count
   * @return the entry (which may not exist yet)
   */
  static EngineCheckCache forHost(Path dir, int threads, ComputeDevice device, int repeats) {
    MessageDigest md = Sha256.newDigest();
    String facts =
        "check "
            + EngineCheck.VERSION
            + " repeats "
            + repeats
            + "\n"
            + HostFacts.cpuIdentity()
            + "libtorch "
            + TorchRuntime.libtorchVersion()
            + "\ndjl "
            + TorchRuntime.djlVersion()
            + "\nthreads "
            + threads
            + "\ndevice "
            + device.id()
            + "\n"
            + String.join("\n", HostFacts.kernelEnvironment());
    md.update(facts.getBytes(StandardCharsets.UTF_8));
    String key = Sha256.hex(md).substring(0, 20);
    return new EngineCheckCache(dir.resolve("check-" + key + ".json"));
  }

  /** The file this entry lives in. */
  Path file() {
    return file;
  }

  /** The cached verdict, or null when there is none or it cannot be read. */
  EngineVerdict load() {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      EngineVerdict v = JSON.readValue(file.toFile(), EngineVerdict.class);
      return v.candidates().isEmpty() ? null : v.fromCache();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Stores a verdict; a cache directory that cannot be written only costs a re-check next time.
   *
   * @param verdict the verdict
   */
  void store(EngineVerdict verdict) {
    try {
      Files.createDirectories(file.getParent());
      AtomicFiles.writeString(file, JSON.writeValueAsString(verdict) + "\n");
    } catch (IOException | RuntimeException e) {
      // Not fatal: the check simply runs again in the next process.
    }
  }
}
