package io.shiftlab.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}, declared once for every command that reads or installs data sets. */
final class DataDirOption {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Data directory holding the data sets (default: $SHIFTLAB_DATA or"
              + " ~/.cache/shiftlab/data).")
  Path dir;
}
