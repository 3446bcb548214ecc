package io.shiftlab.data;

import io.shiftlab.UserInputException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Strict reader for IDX files (the MNIST family's format), plain or gzip-compressed.
 *
 * <p>An IDX file is a big-endian header, {@code 0x00 0x00 TYPE NDIMS}, then {@code NDIMS} 32-bit
 * sizes, then the values in row-major order. Only {@code TYPE = 0x08} (unsigned byte) is supported,
 * which covers every image and label file of MNIST, Fashion-MNIST, KMNIST and EMNIST: images have
 * magic 2051 ({@code 0x00000803}, sizes n, rows, cols) and labels magic 2049 ({@code 0x00000801},
 * size n). Compression is detected from the gzip magic bytes {@code 0x1f 0x8b}, never from the file
 * name.
 *
 * <p>Every defect is reported as a {@link UserInputException} whose subject is the file: a wrong
 * magic number, an unsupported type, a truncated header or body, sizes that are zero, overflow, or
 * exceed what the file can hold, bytes after the body, labels out of range, a corrupt gzip stream.
 * Sizes are checked against the file length before anything is allocated; for gzip input, whose
 * uncompressed length is unknown, the declared size is capped by the largest expansion deflate can
 * achieve (1032:1) and the buffer grows only as data actually arrives.
 */
public final class IdxReader {
  /** IDX type byte of unsigned 8-bit values, the only one supported. */
  public static final int TYPE_UBYTE = 0x08;

  /** Magic number of an IDX image file: unsigned bytes, 3 dimensions. */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** Magic number of an IDX label file: unsigned bytes, 1 dimension. */
  public static final int LABELS_MAGIC = 0x00000801;

  /** The largest ratio of uncompressed to compressed size that deflate can reach. */
  private static final long MAX_DEFLATE_RATIO = 1032;

  /** The largest Java array the reader will allocate. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private static final int ANY_MAGIC = -1;

  private IdxReader() {}

  /**
   * Reads any unsigned-byte IDX file.
   *
   * @param path the file, plain or gzip-compressed
   * @return its dimensions and values
   * @throws UserInputException if the file is missing or malformed
   */
  public static IdxArray read(Path path) {
    return readFile(path, ANY_MAGIC);
  }

  /**
   * Parses any unsigned-byte IDX content held in memory.
   *
   * @param name the name to use as the subject of error messages
   * @param bytes the file content, plain or gzip-compressed
   * @return its dimensions and values
   * @throws UserInputException if the content is malformed
   */
  public static IdxArray parse(String name, byte[] bytes) {
    return parse(name, new ByteArrayInputStream(bytes), bytes.length, ANY_MAGIC);
  }

  /**
   * Reads an IDX image file (magic 2051) and returns its images in row-major order.
   *
   * @param path the file, plain or gzip-compressed
   * @param layout how each image is stored
   * @return dimensions {@code [n, rows, cols]} and the row-major pixels
   * @throws UserInputException if the file is missing, malformed or not an image file
   */
  public static IdxArray readImages(Path path, IdxLayout layout) {
    return toRowMajor(readFile(path, IMAGES_MAGIC), layout);
  }

  /**
   * Parses IDX image content held in memory; see {@link #readImages(Path, IdxLayout)}.
   *
   * @param name the name to use as the subject of error messages
   * @param bytes the file content, plain or gzip-compressed
   * @param layout how each image is stored
   * @return dimensions {@code [n, rows, cols]} and the row-major pixels
   */
  public static IdxArray parseImages(String name, byte[] bytes, IdxLayout layout) {
    return toRowMajor(
        parse(name, new ByteArrayInputStream(bytes), bytes.length, IMAGES_MAGIC), layout);
  }

  /**
   * Reads an IDX label file (magic 2049) and checks every label.
   *
   * @param path the file, plain or gzip-compressed
   * @param format the class count and the label offset
   * @return one class index in {@code [0, numClasses)} per item
   * @throws UserInputException if the file is missing, malformed, not a label file, or holds a
   *     label outside the declared classes
   */
  public static int[] readLabels(Path path, IdxFormat format) {
    return toLabels(path.toString(), readFile(path, LABELS_MAGIC), format);
  }

  /**
   * Parses IDX label content held in memory; see {@link #readLabels(Path, IdxFormat)}.
   *
   * @param name the name to use as the subject of error messages
   * @param bytes the file content, plain or gzip-compressed
   * @param format the class count and the label offset
   * @return one class index per item
   */
  public static int[] parseLabels(String name, byte[] bytes, IdxFormat format) {
    return toLabels(
        name, parse(name, new ByteArrayInputStream(bytes), bytes.length, LABELS_MAGIC), format);
  }

  /**
   * Reads an image file and its label file into one single-channel image set.
   *
   * @param images the IDX image file
   * @param labels the IDX label file
   * @param format the layout, class count and label offset
   * @param name the name of the set, e.g. {@code "fashion-mnist/train"}
   * @return the images with their labels
   * @throws UserInputException if either file is malformed or their counts differ
   */
  public static ImageSet readPair(Path images, Path labels, IdxFormat format, String name) {
    IdxArray img = readImages(images, format.layout());
    int[] lab = readLabels(labels, format);
    if (img.count() != lab.length) {
      throw new UserInputException(
          images.toString(),
          "holds "
              + img.count()
              + " images but label file "
              + labels
              + " holds "
              + lab.length
              + " labels");
    }
    return new ImageSet(name, img.data(), lab, format.numClasses(), 1, img.dim(1), img.dim(2));
  }

  private static IdxArray readFile(Path path, int expectedMagic) {
    String name = path.toString();
    long length;
    try {
      length = Files.size(path);
    } catch (NoSuchFileException e) {
      throw new UserInputException(name, "file not found", e);
    } catch (IOException e) {
      throw new UserInputException(name, "cannot read (" + e.getMessage() + ")", e);
    }
    if (Files.isDirectory(path)) {
      throw new UserInputException(name, "is a directory, expected an IDX file");
    }
    try (InputStream in = Files.newInputStream(path)) {
      return parse(name, in, length, expectedMagic);
    } catch (IOException e) {
      throw new UserInputException(name, "cannot read (" + e.getMessage() + ")", e);
    }
  }

  private static IdxArray parse(String name, InputStream raw, long length, int expectedMagic) {
    try {
      BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        return parseBody(name, new GZIPInputStream(in, 1 << 16), length, true, expectedMagic);
      }
      return parseBody(name, in, length, false, expectedMagic);
    } catch (ZipException | EOFException e) {
      throw new UserInputException(name, "corrupt gzip stream (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new UserInputException(name, "cannot read (" + e.getMessage() + ")", e);
    }
  }

  private static IdxArray parseBody(
      String name, InputStream in, long fileLength, boolean gzip, int expectedMagic)
      throws IOException {
    byte[] head = in.readNBytes(4);
    if (head.length < 4) {
      throw new UserInputException(
          name, "truncated header: " + head.length + " of 4 magic-number bytes present");
    }
    int magic = readInt(head, 0);
    String expected =
        expectedMagic == ANY_MAGIC ? "" : ", expected " + describeMagic(expectedMagic);
    if (head[0] != 0 || head[1] != 0) {
      throw new UserInputException(
          name, "wrong magic number " + hex(magic) + " (not an IDX file)" + expected);
    }
    int type = head[2] & 0xff;
    if (type != TYPE_UBYTE) {
      throw new UserInputException(
          name,
          "unsupported data type byte "
              + String.format("0x%02X", type)
              + " ("
              + typeName(type)
              + "); only 0x08 (unsigned byte) is supported");
    }
    int rank = head[3] & 0xff;
    if (rank == 0) {
      throw new UserInputException(name, "zero dimensions declared in magic number " + hex(magic));
    }
    if (expectedMagic != ANY_MAGIC && magic != expectedMagic) {
      throw new UserInputException(name, "wrong magic number " + describeMagic(magic) + expected);
    }
    int headerBytes = 4 + 4 * rank;
    byte[] sizes = in.readNBytes(4 * rank);
    if (sizes.length < 4 * rank) {
      throw new UserInputException(
          name,
          "truncated header: "
              + (4 + sizes.length)
              + " of "
              + headerBytes
              + " bytes present for "
              + rank
              + " dimensions");
    }
    int[] dims = new int[rank];
    long product = 1;
    boolean overflow = false;
    for (int i = 0; i < rank; i++) {
      long d = readInt(sizes, 4 * i) & 0xffffffffL;
      if (d == 0) {
        throw new UserInputException(
            name, "dimension " + i + " of " + shape(sizes, rank) + " is zero");
      }
      dims[i] = (int) Math.min(d, Integer.MAX_VALUE);
      if (!overflow) {
        try {
          product = Math.multiplyExact(product, d);
        } catch (ArithmeticException e) {
          overflow = true;
        }
      }
    }
    if (overflow || product > MAX_ARRAY) {
      throw new UserInputException(
          name,
          "dimensions "
              + shape(sizes, rank)
              + " need "
              + (overflow ? "more than 2^63" : Long.toString(product))
              + " bytes, more than a Java array can hold");
    }
    return gzip
        ? readGzipBody(name, in, fileLength, shape(sizes, rank), dims, (int) product)
        : readPlainBody(
            name, in, fileLength - headerBytes, shape(sizes, rank), dims, (int) product);
  }

  private static IdxArray readPlainBody(
      String name, InputStream in, long present, String shape, int[] dims, int need)
      throws IOException {
    if (need > present) {
      throw truncated(name, shape, need, " but only " + present + " are present after the header");
    }
    if (need < present) {
      throw trailing(name, Long.toString(present - need), need, shape);
    }
    byte[] data = in.readNBytes(need);
    if (data.length < need) {
      throw new UserInputException(
          name,
          "truncated body: expected " + need + " bytes, found " + data.length + " (file shrank?)");
    }
    return new IdxArray(dims, data);
  }

  private static IdxArray readGzipBody(
      String name, InputStream in, long compressedLength, String shape, int[] dims, int need)
      throws IOException {
    long cap = compressedLength * MAX_DEFLATE_RATIO;
    if (need > cap) {
      throw truncated(
          name, shape, need, ", more than a " + compressedLength + "-byte gzip file can hold");
    }
    byte[] data = new byte[Math.min(need, 1 << 16)];
    int filled = 0;
    while (filled < need) {
      if (filled == data.length) {
        data = Arrays.copyOf(data, (int) Math.min(need, 2L * data.length));
      }
      int r = in.read(data, filled, data.length - filled);
      if (r < 0) {
        throw truncated(name, shape, need, " but the gzip stream holds only " + filled);
      }
      filled += r;
    }
    if (in.read() >= 0) {
      long extra = 1 + in.skip(Long.MAX_VALUE);
      throw trailing(name, "at least " + extra, need, shape);
    }
    return new IdxArray(dims, data);
  }

  /** {@code truncated body: dimensions SHAPE need NEED bytes} and what falls short. */
  private static UserInputException truncated(String name, String shape, int need, String shortBy) {
    return new UserInputException(
        name, "truncated body: dimensions " + shape + " need " + need + " bytes" + shortBy);
  }

  /** {@code trailing garbage: EXTRA bytes after the NEED-byte body of dimensions SHAPE}. */
  private static UserInputException trailing(String name, String extra, int need, String shape) {
    return new UserInputException(
        name,
        "trailing garbage: "
            + extra
            + " bytes after the "
            + need
            + "-byte body of dimensions "
            + shape);
  }

  private static IdxArray toRowMajor(IdxArray a, IdxLayout layout) {
    if (layout == IdxLayout.STANDARD) {
      return a;
    }
    int n = a.dim(0);
    int rows = a.dim(1);
    int cols = a.dim(2);
    int b = rows * cols;
    byte[] out = new byte[a.data().length];
    for (int i = 0; i < n; i++) {
      layout.toRowMajor(a.data(), i * b, out, i * b, rows, cols);
    }
    return new IdxArray(a.dims(), out);
  }

  private static int[] toLabels(String name, IdxArray a, IdxFormat format) {
    byte[] raw = a.data();
    int[] labels = new int[raw.length];
    int lo = format.labelOffset();
    int hi = lo + format.numClasses() - 1;
    for (int i = 0; i < raw.length; i++) {
      int v = raw[i] & 0xff;
      if (v < lo || v > hi) {
        throw new UserInputException(
            name,
            "label "
                + v
                + " of item "
                + i
                + " is outside "
                + lo
                + ".."
                + hi
                + " ("
                + format.numClasses()
                + " classes"
                + (lo == 0 ? "" : ", first label " + lo)
                + ")");
      }
      labels[i] = v - lo;
    }
    return labels;
  }

  private static int readInt(byte[] b, int off) {
    return ((b[off] & 0xff) << 24)
        | ((b[off + 1] & 0xff) << 16)
        | ((b[off + 2] & 0xff) << 8)
        | (b[off + 3] & 0xff);
  }

  private static String shape(byte[] sizes, int rank) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < rank; i++) {
      if (i > 0) {
        s.append('x');
      }
      s.append(readInt(sizes, 4 * i) & 0xffffffffL);
    }
    return s.toString();
  }

  private static String hex(int magic) {
    return String.format("0x%08X", magic);
  }

  private static String describeMagic(int magic) {
    String kind =
        switch (magic) {
          case IMAGES_MAGIC -> ", an image file";
          case LABELS_MAGIC -> ", a label file";
          default -> "";
        };
    return hex(magic) + " (" + magic + kind + ")";
  }

  private static String typeName(int type) {
    return switch (type) {
      case 0x09 -> "signed byte";
      case 0x0B -> "16-bit integer";
      case 0x0C -> "32-bit integer";
      case 0x0D -> "32-bit float";
      case 0x0E -> "64-bit float";
      default -> "not an IDX type";
    };
  }
}
