package io.shiftlab.io;

import io.shiftlab.UserInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes files and directories so that a reader never sees them half-written.
 *
 * <p>Content goes to a temporary sibling first, is flushed to disk, and is then renamed into place
 * with an atomic move. A crash (even {@code kill -9}) leaves either the old file, the new file, or
 * a stray temporary that the next write ignores, never a truncated target.
 */
public final class AtomicFiles {
  /** Receives the stream to write to. */
  @FunctionalInterface
  public interface Writer {
    /**
     * Writes the content.
     *
     * @param out the stream to write to; closed by the caller
     * @throws IOException on failure, which aborts the write and removes the temporary
     */
    void write(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Writes {@code target} atomically.
   *
   * @param target the file to create or replace
   * @param writer writes the content
   */
  public static void write(Path target, Writer writer) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = newSibling(dir, "." + target.getFileName() + ".", ".tmp", false);
      try (var channel = Files.newOutputStream(tmp);
          var out = new java.io.BufferedOutputStream(channel, 1 << 16)) {
        writer.write(out);
        out.flush();
      }
      try (var ch =
          java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      move(tmp, target);
      tmp = null;
    } catch (java.nio.file.FileSystemException e) {
      // a folder that is missing, read-only or not ours: the user's path, one line
      throw new UserInputException(
          target.toString(), "cannot write here (" + OutputFolder.reason(e) + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: a stray temporary is ignored by readers
        }
      }
    }
  }

  /**
   * Writes a UTF-8 text file atomically.
   *
   * @param target the file to create or replace
   * @param text the content
   */
  public static void writeString(Path target, String text) {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Moves a directory that was filled under a temporary name into its final place, replacing an
   * existing directory of that name.
   *
   * @param staged the fully written directory
   * @param target the final directory
   */
  public static void publishDirectory(Path staged, Path target) {
    try {
      Path old = null;
      if (Files.exists(target)) {
        old = target.resolveSibling("." + target.getFileName() + ".old-" + ownTag());
        move(target, old);
      }
      move(staged, target);
      LIVE.remove(staged.toAbsolutePath());
      CREATED.remove(staged.toAbsolutePath());
      if (old != null) {
        deleteRecursively(old);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + staged + " to " + target, e);
    }
  }

  /** Fills a staging folder; see {@link #writeDirectory}. */
  @FunctionalInterface
  public interface DirectoryWriter<T> {
    /**
     * Writes the folder's content.
     *
     * @param staging the empty staging folder to fill
     * @return what the caller wants back
     * @throws IOException on failure, which leaves the target as it was
     */
    T write(Path staging) throws IOException;
  }

  /**
   * Writes a whole folder so that readers see all of it or none: the content goes to a staging
   * folder next to {@code target} ({@link #stagingDirectory}), which replaces {@code target} only
   * when the writer returns; on failure or interrupt the staging folder is removed and the target
   * is left as it was.
   *
   * @param target the final folder
   * @param writer fills the staging folder
   * @param <T> what the writer returns
   * @return the writer's value
   * @throws IOException if the writer fails
   */
  public static <T> T writeDirectory(Path target, DirectoryWriter<T> writer) throws IOException {
    Path staging = stagingDirectory(target);
    try {
      T value = writer.write(staging);
      publishDirectory(staging, target);
      return value;
    } finally {
      try {
        deleteRecursively(staging);
        removeCreatedParents(staging);
      } catch (IOException ignored) {
        // a stray staging folder is removed by the next run in the same folder
      }
    }
  }

  /**
   * Parent folders that {@link #stagingDirectory} created for a staging folder, by the staging
   * folder: the outermost one created. A run that fails or is interrupted removes them again when
   * they are empty, so a refused run leaves no empty folders behind.
   */
  private static final Map<Path, Path> CREATED = new ConcurrentHashMap<>();

  /** Removes, innermost first, the empty parent folders created for an abandoned staging folder. */
  private static void removeCreatedParents(Path staged) {
    Path top = CREATED.remove(staged.toAbsolutePath());
    if (top == null) {
      return;
    }
    for (Path p = staged.toAbsolutePath().getParent();
        p != null && p.startsWith(top);
        p = p.getParent()) {
      try {
        Files.delete(p); // refuses a folder that is not empty: anything else in it stays
      } catch (IOException | RuntimeException stop) {
        return;
      }
    }
  }

  /**
   * Staging folders of this process not yet published or removed, by their final target: a shutdown
   * hook (SIGINT, SIGTERM, normal exit) removes them, so an interrupted run leaves no debris.
   * {@link #pendingTargets()} tells a command line what it was writing when interrupted.
   */
  private static final Map<Path, Path> LIVE = new ConcurrentHashMap<>();

  private static final Pattern STAGED = Pattern.compile("^\\..+\\.(partial|old)-([0-9]+)-[^/]*$");

  static {
    try {
      registerCleanup();
    } catch (IllegalStateException shuttingDown) {
      // loaded during shutdown: this process stages nothing any more, so there is nothing to clean
    }
  }

  private static void registerCleanup() {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (Path p : LIVE.keySet()) {
                    try {
                      deleteTree(p);
                      removeCreatedParents(p);
                    } catch (IOException | RuntimeException ignored) {
                      // best effort: the next run in the same folder removes it
                    }
                  }
                },
                "shiftlab-staging-cleanup"));
  }

  /** The final folders that this process's unpublished staging folders were meant for. */
  public static List<Path> pendingTargets() {
    return LIVE.values().stream().distinct().sorted().toList();
  }

  /**
   * {@code PID-RANDOM}: who made a staging or old folder, so a later run can tell if it is dead.
   */
  private static String ownTag() {
    return ProcessHandle.current().pid() + "-" + Long.toUnsignedString(System.nanoTime(), 36);
  }

  /**
   * Removes the staging and replaced folders ({@code .NAME.partial-PID-...}, {@code
   * .NAME.old-PID-...}) that a process which no longer runs left in {@code parent}: a run killed
   * with {@code kill -9} cannot clean up after itself, so the next run in the same folder does.
   * Folders of live processes (a concurrent run) are left alone.
   *
   * @param parent the folder to clean
   */
  public static void removeStaleStaging(Path parent) {
    if (!Files.isDirectory(parent)) {
      return;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, ".*")) {
      for (Path p : s) {
        Matcher m = STAGED.matcher(p.getFileName().toString());
        if (!m.matches() || !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        long pid = Long.parseLong(m.group(2));
        if (pid != ProcessHandle.current().pid()
            && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
        if (pid == ProcessHandle.current().pid() && LIVE.containsKey(p.toAbsolutePath())) {
          continue;
        }
        deleteRecursively(p);
      }
    } catch (IOException | RuntimeException ignored) {
      // best effort
    }
  }

  /**
   * Creates an empty staging directory next to {@code target}, to be published with {@link
   * #publishDirectory}.
   *
   * @param target the final directory
   * @return the staging directory
   */
  public static Path stagingDirectory(Path target) {
    Path parent = target.toAbsolutePath().getParent();
    try {
      Path top = null;
      for (Path p = parent; p != null && !Files.exists(p); p = p.getParent()) {
        top = p;
      }
      Files.createDirectories(parent);
      removeStaleStaging(parent);
      Path staged =
          newSibling(
              parent,
              "." + target.getFileName() + ".partial-" + ProcessHandle.current().pid() + "-",
              "",
              true);
      LIVE.put(staged.toAbsolutePath(), target);
      if (top != null) {
        CREATED.put(staged.toAbsolutePath(), top);
      }
      return staged;
    } catch (IOException | SecurityException e) {
      throw new UserInputException(
          target.toString(), "cannot write in " + parent + " (" + OutputFolder.reason(e) + ")");
    }
  }

  /**
   * Deletes a file or a directory tree; missing paths are ignored.
   *
   * @param path the path to delete
   * @throws IOException if deletion fails
   */
  public static void deleteRecursively(Path path) throws IOException {
    LIVE.remove(path.toAbsolutePath());
    deleteTree(path);
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  /**
   * Removes stray temporaries left by an interrupted write in {@code dir}.
   *
   * @param dir the directory to clean
   */
  public static void removeStrayTemporaries(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".*.tmp")) {
      for (Path p : s) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // best effort
    }
  }

  /**
   * Creates a new file or folder with a random name: unlike {@code Files.createTempFile}, which
   * makes files readable by their owner only (0600), it gets the usual permissions of a new file
   * under the process's umask (0644 or 0755 for the common 022), as the outputs it becomes should.
   */
  private static Path newSibling(Path dir, String prefix, String suffix, boolean directory)
      throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path p =
          dir.resolve(
              prefix
                  + Long.toUnsignedString(
                      java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36)
                  + suffix);
      try {
        return directory ? Files.createDirectory(p) : Files.createFile(p);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
