package io.shiftlab.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shiftlab.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The rule for output folders, the same in every command: shiftlab replaces only a folder that it
 * wrote itself, recognised by its {@code manifest.json} (a JSON object with shiftlab's version and
 * the run's seed). An empty or missing folder is fine; any other non-empty folder is refused with
 * one line, unless the user passes {@code --force}.
 */
public final class OutputFolder {
  /** The file that marks a folder as shiftlab's. */
  public static final String MANIFEST = "manifest.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private OutputFolder() {}

  /**
   * Checks, before any work starts, that {@code target} may be (re)placed by a run's output, and
   * that its parent folder can be written.
   *
   * @param target the output folder
   * @param option the option that named it, for the message (e.g. {@code --out})
   * @param force whether the user allowed replacing a folder shiftlab did not write
   * @throws UserInputException naming the option when the folder is not shiftlab's, is a file, or
   *     cannot be written
   */
  public static void claim(Path target, String option, boolean force) {
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new UserInputException(option, target + " exists and is not a folder");
    }
    if (!force && Files.isDirectory(target) && !isEmpty(target) && !writtenByShiftlab(target)) {
      throw new UserInputException(
          option,
          target
              + " holds files shiftlab did not write (it has no shiftlab "
              + MANIFEST
              + "); choose a new or empty folder, or add --force to replace it");
    }
    // The nearest folder that exists must take a new entry. Nothing is created here: a run refused
    // later (bad data, say) leaves no empty folders behind.
    Path parent = target.toAbsolutePath().getParent();
    Path existing = parent;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    try {
      if (existing == null || !Files.isDirectory(existing)) {
        throw new java.nio.file.NotDirectoryException(String.valueOf(existing));
      }
      Files.delete(Files.createTempFile(existing, ".shiftlab-write-check-", ".tmp"));
    } catch (IOException | SecurityException e) {
      throw new UserInputException(option, "cannot write in " + parent + " (" + reason(e) + ")");
    }
  }

  /**
   * Whether a folder holds a shiftlab output: a {@code manifest.json} that is a JSON object with a
   * textual {@code shiftlab} version and a numeric {@code seed}.
   *
   * @param dir the folder
   * @return true when shiftlab wrote it
   */
  public static boolean writtenByShiftlab(Path dir) {
    Path m = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(m)) {
      return false;
    }
    try {
      JsonNode n = JSON.readTree(m.toFile());
      return n != null
          && n.isObject()
          && n.path("shiftlab").isTextual()
          && n.path("seed").isNumber();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  static String reason(Exception e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException n) {
      return "no such folder: " + n.getFile();
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason() + ": " + f.getFile();
    }
    if (e instanceof java.nio.file.ReadOnlyFileSystemException) {
      return "read-only file system";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
