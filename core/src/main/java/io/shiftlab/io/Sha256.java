package io.shiftlab.io;

import io.shiftlab.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SHA-256 of files, and {@code SHA256SUMS} files in the format of GNU {@code sha256sum} ({@code HEX
 * NAME} per line, two spaces, or {@code HEX *NAME}), so that {@code sha256sum -c} checks them too.
 */
public final class Sha256 {
  private Sha256() {}

  /** A fresh SHA-256 digest. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Lower-case hex of a digest's result.
   *
   * @param md the digest, consumed
   * @return 64 hex digits
   */
  public static String hex(MessageDigest md) {
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * Computes the SHA-256 of a file.
   *
   * @param file the file
   * @return the lower-case hex digest
   * @throws UserInputException if the file is missing or cannot be read
   */
  public static String of(Path file) {
    MessageDigest md = newDigest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int r; (r = in.read(buf)) > 0; ) {
        md.update(buf, 0, r);
      }
    } catch (NoSuchFileException e) {
      throw new UserInputException(file.toString(), "file not found", e);
    } catch (IOException e) {
      throw new UserInputException(file.toString(), "cannot read (" + e.getMessage() + ")", e);
    }
    return hex(md);
  }

  /**
   * Writes a checksum file atomically.
   *
   * @param target the {@code SHA256SUMS} file
   * @param sums file name to hex SHA-256, written in map order
   */
  public static void writeSums(Path target, Map<String, String> sums) {
    AtomicFiles.writeString(target, format(sums));
  }

  /**
   * The text of a checksum file.
   *
   * @param sums file name to hex SHA-256
   * @return one {@code HEX NAME} line per entry
   */
  public static String format(Map<String, String> sums) {
    StringBuilder s = new StringBuilder();
    sums.forEach((f, h) -> s.append(h).append("  ").append(f).append('\n'));
    return s.toString();
  }

  /**
   * Reads a checksum file.
   *
   * @param sums the file
   * @return file name to hex SHA-256, in file order
   * @throws UserInputException if it cannot be read or a line is not {@code HEX NAME} or {@code HEX
   *     *NAME}
   */
  public static Map<String, String> readSums(Path sums) {
    List<String> lines;
    try {
      lines = Files.readAllLines(sums);
    } catch (IOException | UncheckedIOException e) {
      throw new UserInputException(sums.toString(), "cannot read (" + e.getMessage() + ")", e);
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      if (line.length() < 67
          || !line.substring(0, 64).matches("[0-9a-f]{64}")
          || line.charAt(64) != ' '
          || (line.charAt(65) != ' ' && line.charAt(65) != '*')) {
        throw new UserInputException(
            sums.toString(), "line " + (i + 1) + " is not in sha256sum format 'HEX  NAME'");
      }
      m.put(line.substring(66), line.substring(0, 64));
    }
    return m;
  }
}
