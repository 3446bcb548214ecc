package io.shiftlab.data;

import io.shiftlab.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Strict reader for the CIFAR-10 and CIFAR-100 binary batches ({@code data_batch_1.bin}, {@code
 * test.bin}, {@code train.bin}, ...).
 *
 * <p>A batch is a sequence of fixed-size records (see {@link CifarFormat}); the file length must be
 * a positive multiple of the record size and every kept label must be a valid class. The channel
 * planes are kept as they are, which is already NCHW.
 */
public final class CifarBinaryReader {
  private CifarBinaryReader() {}

  /**
   * Reads one or more batches into one image set, in the order given.
   *
   * @param files the batch files
   * @param format the record layout and the label to keep
   * @param name the name of the set, e.g. {@code "cifar10/train"}
   * @return 3x32x32 images with their labels
   * @throws UserInputException naming the file, if a file is missing, has a length that is not a
   *     positive multiple of the record size, or holds a label out of range
   */
  public static ImageSet read(List<Path> files, CifarFormat format, String name) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no CIFAR batch files given");
    }
    int rec = format.recordBytes();
    long total = 0;
    long[] counts = new long[files.size()];
    for (int f = 0; f < files.size(); f++) {
      Path p = files.get(f);
      long len = size(p);
      if (len == 0 || len % rec != 0) {
        throw new UserInputException(
            p.toString(),
            "length "
                + len
                + " is not a positive multiple of the "
                + rec
                + "-byte "
                + format
                + " record");
      }
      counts[f] = len / rec;
      total += counts[f];
    }
    if (total * CifarFormat.IMAGE_BYTES > Integer.MAX_VALUE - 8) {
      throw new UserInputException(
          files.get(0).toString(), "the batches hold " + total + " images, too many for one set");
    }
    byte[] pixels = new byte[(int) total * CifarFormat.IMAGE_BYTES];
    int[] labels = new int[(int) total];
    int k = 0;
    for (int f = 0; f < files.size(); f++) {
      Path p = files.get(f);
      byte[] data = readAll(p);
      if (data.length != counts[f] * rec) {
        throw new UserInputException(p.toString(), "file changed while being read");
      }
      for (int i = 0; i < counts[f]; i++, k++) {
        int label = data[i * rec + format.labelIndex()] & 0xff;
        if (label >= format.numClasses()) {
          throw new UserInputException(
              p.toString(),
              "label "
                  + label
                  + " of record "
                  + i
                  + " is outside 0.."
                  + (format.numClasses() - 1)
                  + " ("
                  + format
                  + ")");
        }
        labels[k] = label;
        System.arraycopy(
            data,
            i * rec + format.labelBytes(),
            pixels,
            k * CifarFormat.IMAGE_BYTES,
            CifarFormat.IMAGE_BYTES);
      }
    }
    return new ImageSet(name, pixels, labels, format.numClasses(), 3, 32, 32);
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (NoSuchFileException e) {
      throw new UserInputException(p.toString(), "file not found", e);
    } catch (IOException e) {
      throw new UserInputException(p.toString(), "cannot read (" + e.getMessage() + ")", e);
    }
  }

  private static byte[] readAll(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UserInputException(p.toString(), "cannot read (" + e.getMessage() + ")", e);
    }
  }
}
