package io.shiftlab.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What about this host decides which kernels libtorch runs: the processor (model and the feature
 * flags the kernel dispatchers read) and the environment variables that steer oneDNN, MKL, OpenMP,
 * ATen and the allocator. The engine check's cache is keyed by these.
 */
final class HostFacts {
  /** Environment variables whose prefix or name marks them as steering the kernels. */
  private static final List<String> PREFIXES =
      List.of("ONEDNN_", "DNNL_", "MKL_", "MKLDNN_", "OMP_", "KMP_", "GOMP_", "ATEN_", "OPENBLAS_");

  private static final List<String> NAMES =
      List.of("LD_PRELOAD", "MALLOC_CONF", TorchRuntime.CONV_OVERRIDE);

  private HostFacts() {}

  /** The processor's name from {@code /proc/cpuinfo}, or the JVM's architecture. */
  static String cpuModel() {
    String name = cpuinfo().get("model name");
    return name != null ? name : System.getProperty("os.arch");
  }

  /**
   * The first processor's vendor, family, model, stepping, microcode and feature flags from {@code
   * /proc/cpuinfo}, one {@code key: value} line each.
   */
  static String cpuIdentity() {
    Map<String, String> info = cpuinfo();
    StringBuilder b = new StringBuilder(System.getProperty("os.arch")).append('\n');
    for (String k :
        List.of(
            "vendor_id", "cpu family", "model", "model name", "stepping", "flags", "cache size")) {
      b.append(k).append(": ").append(info.getOrDefault(k, "")).append('\n');
    }
    return b.toString();
  }

  /** The kernel-steering environment variables that are set, as sorted {@code NAME=value}. */
  static List<String> kernelEnvironment() {
    Map<String, String> picked = new TreeMap<>();
    System.getenv()
        .forEach(
            (k, v) -> {
              if (NAMES.contains(k) || PREFIXES.stream().anyMatch(k::startsWith)) {
                picked.put(k, v);
              }
            });
    return picked.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  private static Map<String, String> cpuinfo() {
    Map<String, String> first = new TreeMap<>();
    Path p = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(p)) {
      return first;
    }
    try (Stream<String> lines = Files.lines(p)) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isBlank()) {
          if (!first.isEmpty()) {
            break;
          }
          continue;
        }
        int colon = line.indexOf(':');
        if (colon > 0) {
          first.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      return first;
    }
    return first;
  }
}
