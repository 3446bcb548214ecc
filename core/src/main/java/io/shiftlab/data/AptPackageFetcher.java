package io.shiftlab.data;

import io.shiftlab.UserInputException;
import io.shiftlab.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fetches a Debian package with {@code apt-get download} and unpacks it with {@code dpkg-deb -x}.
 *
 * <p>Nothing is installed system-wide and no root rights are needed, as long as the package is in
 * the local apt lists. When apt does not know the package and the process runs as root, the lists
 * are refreshed once with {@code apt-get update} and the download retried; otherwise the error says
 * which command to run. The download directory is made world-writable because apt downloads as the
 * unprivileged {@code _apt} user when it can.
 *
 * <p>Failures are reported as a one-line {@link UserInputException} whose subject is the package
 * and whose reason ends with the failing command's last line of error output.
 */
public final class AptPackageFetcher implements PackageFetcher {
  /** The default time limit of each command. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  private final CommandRunner runner;
  private final boolean root;
  private final Duration timeout;

  /** Creates a fetcher that runs the real commands with the default time limit. */
  public AptPackageFetcher() {
    this(CommandRunner.processes(), isRoot(), DEFAULT_TIMEOUT);
  }

  AptPackageFetcher(CommandRunner runner, boolean root, Duration timeout) {
    this.runner = runner;
    this.root = root;
    this.timeout = timeout;
  }

  @Override
  public void fetch(String pkg, Path target, Consumer<String> log) {
    Path download = null;
    try {
      download = Files.createTempDirectory("shiftlab-apt-");
      try {
        Files.setPosixFilePermissions(download, PosixFilePermissions.fromString("rwxrwxrwx"));
      } catch (UnsupportedOperationException | IOException e) {
        // apt then downloads unsandboxed as root, with a harmless warning
      }
      List<String> get = List.of("apt-get", "download", pkg);
      log.accept("running: " + String.join(" ", get));
      CommandRunner.Result r = run(pkg, get, download);
      if (r.exitCode() != 0 && unknownPackage(r)) {
        if (!root) {
          throw new UserInputException(
              pkg,
              "apt-get does not know this package; run 'sudo apt-get update', then run this"
                  + " command again");
        }
        log.accept("apt-get does not know " + pkg + "; running: apt-get update");
        CommandRunner.Result u = run(pkg, List.of("apt-get", "update"), download);
        if (u.exitCode() != 0) {
          throw failure(pkg, List.of("apt-get", "update"), u);
        }
        log.accept("running: " + String.join(" ", get));
        r = run(pkg, get, download);
      }
      if (r.exitCode() != 0) {
        throw failure(pkg, get, r);
      }
      Path deb = singleDeb(pkg, download);
      List<String> unpack = List.of("dpkg-deb", "-x", deb.toString(), target.toString());
      log.accept("running: dpkg-deb -x " + deb.getFileName() + " " + target);
      CommandRunner.Result x = run(pkg, unpack, download);
      if (x.exitCode() != 0) {
        throw failure(pkg, unpack, x);
      }
    } catch (IOException e) {
      throw new UserInputException(pkg, "cannot fetch the package (" + e.getMessage() + ")", e);
    } finally {
      if (download != null) {
        try {
          AtomicFiles.deleteRecursively(download);
        } catch (IOException ignored) {
          // a stray temporary directory is harmless
        }
      }
    }
  }

  private CommandRunner.Result run(String pkg, List<String> command, Path dir) {
    try {
      return runner.run(command, dir, timeout);
    } catch (IOException e) {
      throw new UserInputException(
          pkg, "'" + String.join(" ", command) + "' failed: " + e.getMessage(), e);
    }
  }

  private static boolean unknownPackage(CommandRunner.Result r) {
    String s = r.stderr() + "\n" + r.stdout();
    return s.contains("Unable to locate package")
        || s.contains("has no installation candidate")
        || s.contains("Can't select candidate version")
        || s.contains("No packages found");
  }

  private static UserInputException failure(
      String pkg, List<String> command, CommandRunner.Result r) {
    return new UserInputException(
        pkg,
        "'"
            + String.join(" ", command)
            + "' failed with exit code "
            + r.exitCode()
            + ": "
            + r.lastLine());
  }

  private static Path singleDeb(String pkg, Path dir) throws IOException {
    List<Path> debs = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.deb")) {
      s.forEach(debs::add);
    }
    if (debs.size() != 1) {
      throw new UserInputException(
          pkg, "expected one .deb file from apt-get download, found " + debs.size());
    }
    return debs.get(0);
  }

  private static boolean isRoot() {
    if ("root".equals(System.getProperty("user.name"))) {
      return true;
    }
    try {
      CommandRunner.Result r =
          CommandRunner.processes()
              .run(
                  List.of("id", "-u"),
                  Path.of(System.getProperty("java.io.tmpdir")),
                  Duration.ofSeconds(10));
      return r.exitCode() == 0 && r.stdout().strip().equals("0");
    } catch (IOException e) {
      return false;
    }
  }
}
