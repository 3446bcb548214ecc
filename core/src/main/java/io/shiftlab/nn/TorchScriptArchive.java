package io.shiftlab.nn;

import io.shiftlab.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks that a file is a TorchScript archive before libtorch sees it, so that the common mistakes
 * get a plain one-line answer instead of a C++ stack trace.
 *
 * <p>{@code torch.jit.save} writes a ZIP archive holding {@code ROOT/data.pkl}, {@code
 * ROOT/constants.pkl} and the module's Python code under {@code ROOT/code/}. {@code torch.save} of
 * a state dict or of tensors writes the same kind of ZIP without {@code code/} and {@code
 * constants.pkl} (or, before PyTorch 1.6, a bare pickle stream starting with byte {@code 0x80}). A
 * copy cut short keeps its leading local headers ({@code PK\3\4}) but loses the central directory
 * at the end.
 */
final class TorchScriptArchive {
  private static final byte[] ZIP_LOCAL = {'P', 'K', 3, 4};
  private static final int PICKLE_PROTO = 0x80;

  private TorchScriptArchive() {}

  /**
   * Checks the file.
   *
   * @param file the file
   * @throws UserInputException naming the file if it is missing or not a TorchScript archive
   */
  static void check(Path file) {
    String subject = file.toString();
    if (!Files.exists(file)) {
      throw new UserInputException(subject, "no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw new UserInputException(subject, "not a regular file");
    }
    byte[] head = head(file, subject);
    boolean zipHeader = startsWith(head, ZIP_LOCAL);
    boolean code = false;
    boolean data = false;
    boolean constants = false;
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      Map<String, Long> sizes = new HashMap<>();
      ZipEntry dataPkl = null;
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        sizes.put(name, readFully(zip, entry, subject));
        int slash = name.indexOf('/');
        String rest = slash < 0 ? name : name.substring(slash + 1);
        code |= rest.startsWith("code/");
        if (rest.equals("data.pkl")) {
          data = true;
          dataPkl = entry;
        }
        constants |= rest.equals("constants.pkl");
      }
      if (code && dataPkl != null) {
        checkStorages(zip, dataPkl, sizes, subject);
      }
    } catch (ZipException e) {
      if (zipHeader) {
        throw new UserInputException(
            subject, "truncated or corrupt TorchScript file (" + e.getMessage() + ")", e);
      }
      if (head.length > 0 && (head[0] & 0xff) == PICKLE_PROTO) {
        throw new UserInputException(subject, notAModule(), e);
      }
      throw new UserInputException(
          subject, "not a TorchScript file (not a ZIP archive written by torch.jit.save)", e);
    } catch (IOException e) {
      throw new UserInputException(subject, "cannot read: " + e.getMessage(), e);
    }
    if (!code && data) {
      throw new UserInputException(subject, notAModule());
    }
    if (!code || !data || !constants) {
      throw new UserInputException(
          subject,
          "is a ZIP archive but not a TorchScript module (no "
              + (!code ? "code/ entries" : !data ? "data.pkl" : "constants.pkl")
              + ")");
    }
  }

  /**
   * Reads an entry to its end and checks its size and CRC-32 against the archive's directory
   * ({@code ZipFile} does neither for a stored entry, which is how PyTorch writes every one).
   *
   * @return the number of bytes read
   */
  private static long readFully(ZipFile zip, ZipEntry entry, String subject) {
    long n = 0;
    byte[] buf = new byte[8192];
    CRC32 crc = new CRC32();
    try (InputStream in = zip.getInputStream(entry)) {
      for (int r; (r = in.read(buf)) > 0; ) {
        n += r;
        crc.update(buf, 0, r);
      }
    } catch (IOException e) {
      throw new UserInputException(
          subject,
          "corrupt TorchScript file: entry "
              + entry.getName()
              + " does not read back ("
              + e.getMessage()
              + ")",
          e);
    }
    if (entry.getSize() >= 0 && n != entry.getSize()) {
      throw new UserInputException(
          subject,
          "corrupt TorchScript file: entry "
              + entry.getName()
              + " holds "
              + n
              + " bytes, its header says "
              + entry.getSize());
    }
    if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
      throw new UserInputException(
          subject,
          String.format(
              "corrupt TorchScript file: entry %s fails its CRC check (CRC-32 %08x, the archive"
                  + " says %08x)",
              entry.getName(), crc.getValue(), entry.getCrc()));
    }
    return n;
  }

  /**
   * Checks that every tensor storage {@code data.pkl} refers to is an entry {@code ROOT/data/KEY}
   * holding at least the bytes its element count and type need; libtorch reads past a shorter one
   * without complaint.
   */
  private static void checkStorages(
      ZipFile zip, ZipEntry dataPkl, Map<String, Long> sizes, String subject) {
    byte[] pkl;
    try (InputStream in = zip.getInputStream(dataPkl)) {
      pkl = in.readAllBytes();
    } catch (IOException e) {
      throw new UserInputException(subject, "cannot read: " + e.getMessage(), e);
    }
    String name = dataPkl.getName();
    String root = name.substring(0, name.length() - "data.pkl".length());
    for (PickleStorages.Storage st : PickleStorages.of(pkl)) {
      String entry = root + "data/" + st.key();
      Long have = sizes.get(entry);
      if (have == null) {
        throw new UserInputException(
            subject,
            "corrupt TorchScript file: "
                + name
                + " refers to tensor storage "
                + entry
                + ", which the archive lacks");
      }
      if (st.bytes() >= 0 && have < st.bytes()) {
        throw new UserInputException(
            subject,
            "corrupt TorchScript file: entry "
                + entry
                + " holds "
                + have
                + " bytes, its tensor storage needs "
                + st.bytes()
                + " ("
                + st.numel()
                + " x "
                + st.type()
                + ")");
      }
    }
  }

  private static String notAModule() {
    return "is a state_dict or pickled tensors, not a TorchScript module; export with"
        + " torch.jit.script or torch.jit.trace and torch.jit.save";
  }

  private static byte[] head(Path file, String subject) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(4);
    } catch (IOException e) {
      throw new UserInputException(subject, "cannot read: " + e.getMessage(), e);
    }
  }

  private static boolean startsWith(byte[] head, byte[] magic) {
    if (head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
