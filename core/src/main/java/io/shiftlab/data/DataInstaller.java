package io.shiftlab.data;

import io.shiftlab.UserInputException;
import io.shiftlab.io.AtomicFiles;
import io.shiftlab.io.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Installs known data sets into a {@link DataStore} from their Debian packages.
 *
 * <p>The package is fetched and unpacked into a staging directory inside the store (so that the
 * final moves stay on one file system and are atomic); only the data files are moved into the data
 * set directory, and {@code SHA256SUMS} is written last, atomically. Until then the data set is not
 * ready, so an interrupted install is simply repeated. Progress goes to the log consumer given at
 * construction (the command line prints it on stderr).
 */
public final class DataInstaller {
  private final DataStore store;
  private final PackageFetcher fetcher;
  private final Consumer<String> log;

  /**
   * Creates an installer.
   *
   * @param store the store to install into
   * @param fetcher fetches and unpacks packages
   * @param log receives progress messages
   */
  public DataInstaller(DataStore store, PackageFetcher fetcher, Consumer<String> log) {
    this.store = Objects.requireNonNull(store, "store");
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.log = Objects.requireNonNull(log, "log");
  }

  /**
   * Creates an installer that fetches with {@code apt-get download} and {@code dpkg-deb}.
   *
   * @param store the store to install into
   * @param log receives progress messages
   * @return the installer
   */
  public static DataInstaller apt(DataStore store, Consumer<String> log) {
    return new DataInstaller(store, new AptPackageFetcher(), log);
  }

  /** The store this installer fills. */
  public DataStore store() {
    return store;
  }

  /**
   * Installs the data set if it is not ready.
   *
   * @param dataset the data set
   * @return its directory in the store
   */
  public Path ensureInstalled(KnownDataset dataset) {
    if (!store.isReady(dataset)) {
      install(dataset);
    }
    return store.directory(dataset);
  }

  /**
   * Fetches the data set's package and installs its files, replacing any present.
   *
   * @param dataset the data set
   * @return file name to hex SHA-256 of the installed files
   * @throws UserInputException if the package cannot be fetched or lacks a file
   */
  public Map<String, String> install(KnownDataset dataset) {
    Path target = store.directory(dataset);
    requireInstallable(dataset, target);
    log.accept(
        "installing "
            + dataset.cliName()
            + " from Debian package "
            + dataset.debianPackage()
            + " into "
            + target);
    // A file of the data set that is there without shiftlab's checksums beside it is the user's
    // (a digits.png copied in by hand, say): never overwritten.
    if (!Files.isRegularFile(target.resolve(DataStore.SUMS))) {
      for (String f : dataset.files()) {
        if (Files.exists(target.resolve(f))) {
          throw new UserInputException(
              target.resolve(f).toString(),
              "exists and was not installed by shiftlab (no "
                  + DataStore.SUMS
                  + " beside it); move it away, or point --data at another folder");
        }
      }
    }
    Path staging = null;
    try {
      Files.createDirectories(target);
      staging = Files.createTempDirectory(store.dir(), ".install-" + dataset.cliName() + "-");
      Path root = Files.createDirectory(staging.resolve("root"));
      fetcher.fetch(dataset.debianPackage(), root, log);
      Map<String, String> sums = new LinkedHashMap<>();
      long bytes = 0;
      for (String f : dataset.files()) {
        Path src = root.resolve(dataset.packagePath(f));
        if (!Files.isRegularFile(src)) {
          throw new UserInputException(
              dataset.debianPackage(), "the package has no file " + dataset.packagePath(f));
        }
        sums.put(f, Sha256.of(src));
        bytes += Files.size(src);
      }
      // Only now that the package is complete is the old install given up: not ready until the
      // new checksums are written.
      Files.deleteIfExists(target.resolve(DataStore.SUMS));
      AtomicFiles.removeStrayTemporaries(target);
      for (String f : dataset.files()) {
        move(root.resolve(dataset.packagePath(f)), target.resolve(f));
      }
      store.writeSums(dataset, sums);
      log.accept(
          dataset.cliName()
              + ": "
              + sums.size()
              + " files, "
              + bytes
              + " bytes, checksums in "
              + target.resolve(DataStore.SUMS));
      return sums;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot install " + dataset.cliName() + " into " + target + ": " + e.getMessage(), e);
    } finally {
      if (staging != null) {
        try {
          AtomicFiles.deleteRecursively(staging);
        } catch (IOException ignored) {
          // a stray staging directory is ignored by the store
        }
      }
    }
  }

  /**
   * Refuses, before anything is fetched, printed or changed, a store that is a file or lies below
   * one, a data set directory that is a file, and a data set file that is a directory (or anything
   * else but a regular file): the install could only fail on them after giving up the old one.
   */
  private void requireInstallable(KnownDataset dataset, Path target) {
    store.requireFolderOrAbsent();
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target)) {
      throw new UserInputException(
          target.toString(),
          "exists and is not a directory; move it away to install " + dataset.cliName());
    }
    for (String f : dataset.files()) {
      Path p = target.resolve(f);
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p)) {
        throw new UserInputException(
            p.toString(),
            "exists and is not a regular file; move it away to install " + dataset.cliName());
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Path tmp = Files.createTempFile(to.getParent(), "." + to.getFileName() + ".", ".tmp");
      Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
