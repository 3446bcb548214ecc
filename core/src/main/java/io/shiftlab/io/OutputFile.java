package io.shiftlab.io;

import io.shiftlab.UserInputException;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * The rule for single output files ({@code data preview --out}, {@code eval --json}), the same as
 * {@link OutputFolder}'s: shiftlab replaces an existing file only when it wrote it, recognised by
 * what it writes into it; any other existing file is refused with one line unless the user passes
 * {@code --force}. The files themselves are written atomically ({@link AtomicFiles}).
 */
public final class OutputFile {
  /** The PNG text chunk keyword, and its value's start, that mark shiftlab's images. */
  static final String PNG_KEY = "Software";

  static final String PNG_VALUE = "shiftlab";

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private OutputFile() {}

  /**
   * Checks, before any work starts, that {@code target} may be created or replaced.
   *
   * @param target the file
   * @param option the option that named it, for the message
   * @param force whether the user allowed replacing a file shiftlab did not write
   * @param ours recognises a file shiftlab wrote
   * @throws UserInputException naming the option when the path is a folder or another's file
   */
  public static void claim(Path target, String option, boolean force, Predicate<Path> ours) {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new UserInputException(option, target + " exists and is not a plain file");
    }
    if (!force && !ours.test(target)) {
      throw new UserInputException(
          option,
          target
              + " exists and shiftlab did not write it; choose another file, or add --force to"
              + " replace it");
    }
  }

  /**
   * Adds the text chunk {@code Software: shiftlab} after a PNG's header chunk.
   *
   * @param png a PNG file's bytes
   * @return the marked bytes
   */
  public static byte[] markPng(byte[] png) {
    if (png.length < 33 || !Arrays.equals(Arrays.copyOf(png, 8), PNG_SIGNATURE)) {
      throw new IllegalArgumentException("not a PNG");
    }
    int afterHeader = 8 + 4 + 4 + 13 + 4; // signature, IHDR length, type, data, CRC
    byte[] data = (PNG_KEY + "\0" + PNG_VALUE).getBytes(StandardCharsets.ISO_8859_1);
    byte[] type = "tEXt".getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(type);
    crc.update(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + data.length + 12);
    out.write(png, 0, afterHeader);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(type);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    out.write(png, afterHeader, png.length - afterHeader);
    return out.toByteArray();
  }

  /**
   * Whether a file is a PNG that {@link #markPng} marked: a {@code Software} text chunk whose value
   * starts with {@code shiftlab}, before the image data.
   *
   * @param file the file
   * @return true for shiftlab's image
   */
  public static boolean isShiftlabPng(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(raw)) {
      if (!Arrays.equals(in.readNBytes(8), PNG_SIGNATURE)) {
        return false;
      }
      for (int chunk = 0; chunk < 64; chunk++) {
        int length = in.readInt();
        String type = new String(in.readNBytes(4), StandardCharsets.US_ASCII);
        if (type.equals("IDAT") || type.equals("IEND") || length < 0 || length > 1 << 20) {
          return false;
        }
        byte[] data = in.readNBytes(length);
        in.readInt(); // CRC
        if (type.equals("tEXt")) {
          String text = new String(data, StandardCharsets.ISO_8859_1);
          if (text.startsWith(PNG_KEY + "\0" + PNG_VALUE)) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
