package io.shiftlab.train;

import io.shiftlab.UserInputException;
import io.shiftlab.io.AtomicFiles;
import io.shiftlab.report.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A self-describing run directory.
 *
 * <pre>
 * RUN/
 *   config.json          the resolved {@link TrainConfig}
 *   manifest.json        the {@link Manifest}: seed, commit, versions, OS, threads, data SHA-256
 *   epochs.csv           one {@link EpochRecord} per finished epoch
 *   metrics.json         the final {@link TrainResult}
 *   model.params         the final parameters ({@link ParameterFile})
 *   checkpoints/epoch-NNNN/   the newest complete checkpoints ({@link Checkpoints})
 * </pre>
 *
 * Every file is written atomically; reports read only these files.
 */
public final class RunDirectory {
  private final Path root;

  private RunDirectory(Path root) {
    this.root = root;
  }

  /**
   * Creates a new run directory; refuses to reuse a non-empty one.
   *
   * @param root the directory
   * @return the run directory
   */
  public static RunDirectory create(Path root) {
    try {
      if (Files.isDirectory(root)) {
        try (Stream<Path> s = Files.list(root)) {
          if (s.findAny().isPresent()) {
            throw new UserInputException(
                root.toString(), "already exists and is not empty; use --resume to continue it");
          }
        }
      } else if (Files.exists(root)) {
        throw new UserInputException(root.toString(), "exists and is not a directory");
      }
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UserInputException(root.toString(), "cannot create: " + e.getMessage(), e);
    }
    return new RunDirectory(root);
  }

  /**
   * Opens an existing run directory.
   *
   * @param root the directory
   * @return the run directory
   * @throws UserInputException if it has no {@code config.json}
   */
  public static RunDirectory open(Path root) {
    if (!Files.isDirectory(root)) {
      throw new UserInputException(root.toString(), "no such run directory");
    }
    if (!Files.isRegularFile(root.resolve("config.json"))) {
      throw new UserInputException(
          root.toString(), "not a shiftlab run directory (no config.json)");
    }
    return new RunDirectory(root);
  }

  /** The directory. */
  public Path root() {
    return root;
  }

  /** {@code config.json}. */
  public Path configFile() {
    return root.resolve("config.json");
  }

  /** {@code manifest.json}. */
  public Path manifestFile() {
    return root.resolve("manifest.json");
  }

  /** {@code epochs.csv}. */
  public Path epochsFile() {
    return root.resolve("epochs.csv");
  }

  /** {@code metrics.json}. */
  public Path metricsFile() {
    return root.resolve("metrics.json");
  }

  /** {@code model.params}. */
  public Path paramsFile() {
    return root.resolve("model.params");
  }

  /** {@code checkpoints/}. */
  public Path checkpointsDir() {
    return root.resolve("checkpoints");
  }

  /** Reads {@code config.json}. */
  public TrainConfig config() {
    return Json.read(configFile(), TrainConfig.class);
  }

  /** Reads {@code manifest.json}. */
  public Manifest manifest() {
    return Json.read(manifestFile(), Manifest.class);
  }

  /**
   * Reads {@code metrics.json}; the run must have finished.
   *
   * @throws UserInputException naming the file if it is missing or a field is impossible (see
   *     {@link TrainResult#validate})
   */
  public TrainResult result() {
    if (!Files.isRegularFile(metricsFile())) {
      throw new UserInputException(
          root.toString(), "the run has not finished (no metrics.json); resume it with --resume");
    }
    return Json.read(metricsFile(), TrainResult.class).validate(metricsFile());
  }

  /**
   * Writes the config.
   *
   * @param config the config
   */
  public void writeConfig(TrainConfig config) {
    Json.write(configFile(), config);
  }

  /**
   * Writes the manifest.
   *
   * @param manifest the manifest
   */
  public void writeManifest(Manifest manifest) {
    Json.write(manifestFile(), manifest);
  }

  /**
   * Rewrites {@code epochs.csv} from the full history.
   *
   * @param history every finished epoch, in order
   */
  public void writeEpochs(List<EpochRecord> history) {
    String body =
        history.stream().map(EpochRecord::csvRow).collect(Collectors.joining("\n", "", "\n"));
    AtomicFiles.writeString(
        epochsFile(), EpochRecord.CSV_HEADER + "\n" + (history.isEmpty() ? "" : body));
  }

  /**
   * Writes the final result.
   *
   * @param result the result
   */
  public void writeResult(TrainResult result) {
    Json.write(metricsFile(), result);
  }

  /** Whether the run finished (its metrics and parameters exist). */
  public boolean finished() {
    return Files.isRegularFile(metricsFile()) && Files.isRegularFile(paramsFile());
  }

  /**
   * Checks that checkpoints can be kept: {@code checkpoints} is a directory or absent.
   *
   * @throws UserInputException naming it if it is a file (or anything but a directory)
   */
  public void requireCheckpointsDir() {
    Path dir = checkpointsDir();
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
      throw new UserInputException(
          dir.toString(),
          "exists and is not a directory; move it away so that the run can keep its checkpoints");
    }
  }

  /** Creates the checkpoints directory if needed and returns it. */
  Path ensureCheckpointsDir() {
    requireCheckpointsDir();
    try {
      return Files.createDirectories(checkpointsDir());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
