package io.shiftlab.runtime;

import io.shiftlab.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code <cache>/engine/graph.env}: the environment under which libtorch's own convolution passed
 * the self-check on this processor when its default did not ({@link GraphEnvironmentProbe}). The
 * launcher reads it before it starts the JVM, since oneDNN reads its settings only when it loads,
 * and applies it to runs given {@code --torchscript} on a processor of the same name.
 *
 * <p>Format: comment lines, one {@code cpu=MODEL NAME} line, then {@code NAME=value} lines.
 */
final class GraphEnvironmentFile {
  static final String NAME = "graph.env";

  private GraphEnvironmentFile() {}

  /**
   * Writes the file for a verdict with a graph environment; removes a file of ours that no longer
   * applies (libtorch's convolution passed with no oneDNN cap in force). Failures to write only
   * cost the launcher's help.
   *
   * @param dir the engine cache directory
   * @param v the verdict
   */
  static void update(Path dir, EngineVerdict v) {
    Path file = dir.resolve(NAME);
    try {
      if (!v.graphEnvironment().isEmpty()) {
        Files.createDirectories(dir);
        StringBuilder b =
            new StringBuilder(
                "# written by shiftlab's engine self-check on "
                    + v.checkedAt()
                    + ": libtorch "
                    + v.libtorch()
                    + "'s own convolution is wrong on this processor by default and right with the"
                    + " settings below;\n# ./shiftlab applies them to runs given --torchscript\n");
        b.append("cpu=").append(v.host()).append('\n');
        v.graphEnvironment().forEach(a -> b.append(a).append('\n'));
        AtomicFiles.writeString(file, b.toString());
      } else if (v.nativeConvCorrect()
          && v.environment().stream().noneMatch(e -> e.startsWith("ONEDNN_MAX_CPU_ISA="))
          && Files.isRegularFile(file)
          && Files.readString(file).startsWith("# written by shiftlab's engine self-check")) {
        Files.delete(file);
      }
    } catch (IOException | RuntimeException e) {
      // not fatal: TorchScript runs then need the setting by hand, as the refusal says
    }
  }
}
