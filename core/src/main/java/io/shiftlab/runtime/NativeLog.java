package io.shiftlab.runtime;

import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Keeps libtorch's own warnings (c10 logging) off the console unless the user asks for them.
 *
 * <p>On hosts where NNPACK cannot start, libtorch prints "Could not initialize NNPACK! Reason:
 * Unsupported hardware." at every convolution that considers it (19 to 38 lines a probe). c10's
 * threshold, the global {@code FLAGS_caffe2_log_level} of {@code libc10.so}, is read from {@code
 * TORCH_CPP_LOG_LEVEL} only by {@code c10::initLogging()}, which Python calls and libtorch embedded
 * through DJL never does; so shiftlab sets the threshold to ERROR directly, once the engine has
 * loaded the library. A {@code TORCH_CPP_LOG_LEVEL} set by the user is honoured instead, and the
 * system property {@code shiftlab.torchLogLevel} over both.
 */
final class NativeLog {
  /** c10's severity for errors: warnings and information below it are dropped. */
  private static final int ERROR = 2;

  /** A system property that wins over {@code TORCH_CPP_LOG_LEVEL} (the CLI's {@code --verbose}). */
  static final String LEVEL_PROPERTY = "shiftlab.torchLogLevel";

  private static volatile boolean done;

  private NativeLog() {}

  /** Sets c10's log threshold; does nothing when the library or its flag cannot be found. */
  static synchronized void quiet() {
    if (done) {
      return;
    }
    done = true;
    String level = System.getProperty(LEVEL_PROPERTY, System.getenv("TORCH_CPP_LOG_LEVEL"));
    Path lib = loadedLibrary("libc10.so");
    if (lib == null) {
      return;
    }
    try {
      NativeLibrary c10 = NativeLibrary.getInstance(lib.toString());
      int threshold = level == null || level.isBlank() ? ERROR : parse(level);
      c10.getGlobalVariableAddress("FLAGS_caffe2_log_level").setInt(0, threshold);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      // A libtorch build without the flag: its warnings stay on, nothing else changes.
    }
  }

  private static int parse(String level) {
    return switch (level.strip().toUpperCase(java.util.Locale.ROOT)) {
      case "INFO", "0" -> 0;
      case "WARNING", "1" -> 1;
      case "FATAL", "3" -> 3;
      default -> ERROR;
    };
  }

  /** The path of a shared library this process has mapped, from {@code /proc/self/maps}. */
  private static Path loadedLibrary(String name) {
    Path maps = Path.of("/proc/self/maps");
    if (!Files.isReadable(maps)) {
      return null;
    }
    try (Stream<String> lines = Files.lines(maps)) {
      return lines
          .map(l -> l.substring(l.lastIndexOf(' ') + 1))
          .filter(p -> p.endsWith("/" + name))
          .map(Path::of)
          .findFirst()
          .orElse(null);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
