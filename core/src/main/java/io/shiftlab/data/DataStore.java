package io.shiftlab.data;

import io.shiftlab.UserInputException;
import io.shiftlab.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The local directory that holds installed data sets, one subdirectory per {@link KnownDataset}.
 *
 * <p>The directory is {@code $SHIFTLAB_DATA}, or {@code ~/.cache/shiftlab/data} when that is unset;
 * {@code --data DIR} and tests pass it explicitly. Each data set directory holds the data files and
 * a {@code SHA256SUMS} file in {@code sha256sum} format. A data set is <em>ready</em> when every
 * file is present and has a recorded checksum; the installer writes {@code SHA256SUMS} last, so an
 * interrupted install is never ready. {@link #verify} recomputes the checksums.
 */
public final class DataStore {
  /** The environment variable that overrides the default directory. */
  public static final String ENV = "SHIFTLAB_DATA";

  /** The checksum file in each data set directory. */
  public static final String SUMS = "SHA256SUMS";

  private final Path dir;

  /**
   * Creates a store over an explicit directory, which need not exist yet.
   *
   * @param dir the store directory
   */
  public DataStore(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath();
  }

  /** The store named by {@code $SHIFTLAB_DATA}, or {@code ~/.cache/shiftlab/data}. */
  public static DataStore fromEnvironment() {
    return new DataStore(defaultDirectory(System.getenv(ENV), System.getProperty("user.home")));
  }

  /**
   * Resolves the default store directory.
   *
   * @param envValue the value of {@code $SHIFTLAB_DATA}, may be null or blank
   * @param userHome the user's home directory
   * @return the directory
   */
  static Path defaultDirectory(String envValue, String userHome) {
    if (envValue != null && !envValue.isBlank()) {
      return Path.of(envValue);
    }
    return Path.of(userHome, ".cache", "shiftlab", "data");
  }

  /** The store directory. */
  public Path dir() {
    return dir;
  }

  /**
   * The directory of one data set.
   *
   * @param dataset the data set
   * @return {@code <store>/<name>}
   */
  public Path directory(KnownDataset dataset) {
    return dir.resolve(dataset.cliName());
  }

  /**
   * The path of one file of a data set.
   *
   * @param dataset the data set
   * @param file one of {@link KnownDataset#files()}
   * @return its path in the store
   */
  public Path file(KnownDataset dataset, String file) {
    return directory(dataset).resolve(file);
  }

  /**
   * Whether every file of the data set is present and has a recorded checksum. Does not read the
   * files; see {@link #verify}.
   *
   * @param dataset the data set
   * @return true if ready
   */
  public boolean isReady(KnownDataset dataset) {
    Path sums = directory(dataset).resolve(SUMS);
    if (!Files.isRegularFile(sums)) {
      return false;
    }
    Map<String, String> recorded;
    try {
      recorded = Sha256.readSums(sums);
    } catch (UserInputException e) {
      return false;
    }
    for (String f : dataset.files()) {
      if (!recorded.containsKey(f) || !Files.isRegularFile(file(dataset, f))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Recomputes the checksum of every file of the data set and compares it with the recorded one.
   *
   * @param dataset the data set
   * @return file name to lower-case hex SHA-256, in the data set's file order
   * @throws UserInputException naming the file that is missing or does not match, or the checksum
   *     file if it is missing or malformed
   */
  public Map<String, String> verify(KnownDataset dataset) {
    Path sums = directory(dataset).resolve(SUMS);
    if (!Files.isRegularFile(sums)) {
      throw new UserInputException(
          sums.toString(), "not found; data set '" + dataset.cliName() + "' is not installed");
    }
    Map<String, String> recorded = Sha256.readSums(sums);
    Map<String, String> result = new LinkedHashMap<>();
    for (String f : dataset.files()) {
      Path p = file(dataset, f);
      String want = recorded.get(f);
      if (want == null) {
        throw new UserInputException(sums.toString(), "has no checksum for " + f);
      }
      if (!Files.isRegularFile(p)) {
        throw new UserInputException(p.toString(), "file not found; reinstall the data set");
      }
      String got = Sha256.of(p);
      if (!got.equals(want)) {
        throw new UserInputException(
            p.toString(),
            "SHA-256 mismatch: recorded "
                + want
                + ", found "
                + got
                + "; the file is corrupt or was modified, reinstall the data set");
      }
      result.put(f, got);
    }
    return result;
  }

  /**
   * Refuses a store that is a file or lies below one (a store that does not exist yet is fine: it
   * is empty, and an install creates it).
   *
   * @throws UserInputException naming the store and the file in its way
   */
  public void requireFolderOrAbsent() {
    Path storeDir = dir.toAbsolutePath().normalize();
    for (Path p = storeDir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p)) {
        return;
      }
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new UserInputException(
            dir.toString(),
            (p.equals(storeDir) ? "" : p + ": ")
                + "not a directory; the data store (--data or "
                + ENV
                + ") must be a folder");
      }
    }
  }

  /**
   * Lists every known data set with what the store holds of it.
   *
   * @return one status per known data set
   * @throws UserInputException if the store is a file or lies below one
   */
  public List<DatasetStatus> list() {
    requireFolderOrAbsent();
    List<DatasetStatus> out = new ArrayList<>();
    for (KnownDataset d : KnownDataset.values()) {
      long size = 0;
      for (String f : d.files()) {
        Path p = file(d, f);
        try {
          if (Files.isRegularFile(p)) {
            size += Files.size(p);
          }
        } catch (IOException e) {
          // listed as not ready below, size counts what could be read
        }
      }
      out.add(new DatasetStatus(d.cliName(), directory(d), size, isReady(d), d.source()));
    }
    return out;
  }

  /**
   * Records checksums in the data set's {@code SHA256SUMS}, atomically.
   *
   * @param dataset the data set
   * @param sums file name to hex SHA-256
   */
  void writeSums(KnownDataset dataset, Map<String, String> sums) {
    Sha256.writeSums(directory(dataset).resolve(SUMS), sums);
  }
}
