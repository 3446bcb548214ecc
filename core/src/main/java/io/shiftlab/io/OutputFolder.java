package io.shiftlab.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shiftlab.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rule for output folders, the same in every command: shiftlab replaces only a folder that it
 * wrote itself and that holds nothing else. It recognises its own output by its {@code
 * manifest.json} (a JSON object with shiftlab's version and the run's seed) and the list of files
 * that manifest records ({@code files}): a folder holding any file not on that list (a user's
 * notes, a data file) is not replaced. An empty or missing folder is fine; any other non-empty
 * folder is refused with one line, unless the user passes {@code --force}. A training run directory
 * (its manifest lists no files; it has a {@code config.json}) is never the output of another
 * command, and neither is a folder that is, lies inside or holds a path the command reads (the run
 * directory or model file being probed): both are refused even with {@code --force}.
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
    claim(target, option, force, Map.of());
  }

  /**
   * As {@link #claim(Path, String, boolean)}, and refuses, even with {@code --force}, a target that
   * is, lies inside or holds one of the paths the command reads.
   *
   * @param target the output folder
   * @param option the option that named it, for the message (e.g. {@code --out})
   * @param force whether the user allowed replacing a folder shiftlab did not write
   * @param reads paths the command reads, each with what it is for the message (e.g. {@code "the
   *     run directory of the model being probed"})
   * @throws UserInputException naming the option when the folder may not be replaced
   */
  public static void claim(Path target, String option, boolean force, Map<Path, String> reads) {
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new UserInputException(option, target + " exists and is not a folder");
    }
    Path t = canonical(target);
    for (Map.Entry<Path, String> r : reads.entrySet()) {
      Path k = canonical(r.getKey());
      String relation =
          t.equals(k)
              ? " is "
              : t.startsWith(k) ? " lies inside " : k.startsWith(t) ? " holds " : null;
      if (relation != null) {
        throw new UserInputException(
            option,
            target
                + relation
                + r.getValue()
                + " ("
                + r.getKey()
                + "); shiftlab never replaces what it reads, choose another folder");
      }
    }
    if (Files.isDirectory(target) && isTrainingRun(target)) {
      throw new UserInputException(
          option,
          target
              + " is a shiftlab training run directory, which no other command replaces; choose"
              + " another folder");
    }
    if (!force && Files.isDirectory(target) && !isEmpty(target)) {
      String why = notReplaceable(target);
      if (why != null) {
        throw new UserInputException(
            option,
            target + " " + why + "; choose a new or empty folder, or add --force to replace it");
      }
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

  /**
   * Every file (anything but a folder) under {@code dir}, as relative paths with {@code /}
   * separators, sorted: what a manifest's {@code files} records.
   *
   * @param dir the folder
   * @return the relative paths
   * @throws IOException if the folder cannot be read
   */
  public static List<String> listFiles(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.add(relative(dir, p));
        }
      }
    }
    out.sort(null);
    return out;
  }

  /**
   * Why shiftlab may not replace a non-empty folder without {@code --force}, or null when it may:
   * it wrote the folder ({@link #writtenByShiftlab}) and the folder holds only the files its
   * manifest lists.
   */
  private static String notReplaceable(Path dir) {
    if (!writtenByShiftlab(dir)) {
      return "holds files shiftlab did not write (it has no shiftlab " + MANIFEST + ")";
    }
    JsonNode listed;
    try {
      listed = JSON.readTree(dir.resolve(MANIFEST).toFile()).path("files");
    } catch (IOException | RuntimeException e) {
      return "holds files shiftlab did not write";
    }
    if (!listed.isArray()) {
      return "has a " + MANIFEST + " that lists no files (an older shiftlab's output)";
    }
    Set<String> own = new HashSet<>();
    listed.forEach(n -> own.add(n.asText()));
    try {
      for (String f : listFiles(dir)) {
        if (!own.contains(f)) {
          return "holds files shiftlab did not write (" + f + ")";
        }
      }
    } catch (IOException | RuntimeException e) {
      return "cannot be read to the end (" + reason(e) + ")";
    }
    return null;
  }

  /**
   * Whether a folder is a training run's: a shiftlab manifest that lists no files, beside a {@code
   * config.json}.
   *
   * @param dir the folder
   * @return true for a training run directory
   */
  public static boolean isTrainingRun(Path dir) {
    if (!Files.isRegularFile(dir.resolve("config.json")) || !writtenByShiftlab(dir)) {
      return false;
    }
    try {
      return !JSON.readTree(dir.resolve(MANIFEST).toFile()).has("files");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static String relative(Path dir, Path p) {
    List<String> parts = new ArrayList<>();
    dir.relativize(p).forEach(n -> parts.add(n.toString()));
    return String.join("/", parts);
  }

  /**
   * The absolute path with links resolved as far as the path exists, so that two names of one
   * folder compare equal.
   */
  private static Path canonical(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return abs;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(abs));
    } catch (IOException | RuntimeException e) {
      return abs;
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
