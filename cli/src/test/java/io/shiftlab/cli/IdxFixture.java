package io.shiftlab.cli;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a tiny, learnable MNIST-style IDX data set that {@code --dataset idx:DIR} can read, so
 * that no CLI test touches the real data store or the network.
 *
 * <p>Class {@code c} (of 10) is a bright 6x6 square at a class-specific place on a noisy dark
 * background; a one-pixel seeded jitter keeps the task from being trivially memorised while every
 * model in the catalog can still learn it within two epochs.
 */
final class IdxFixture {
  /** Images are 28x28, as in MNIST. */
  static final int SIZE = 28;

  /** The four file names the IDX reader expects. */
  static final String TRAIN_IMAGES = "train-images-idx3-ubyte";

  static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

  private static final int CLASSES = 10;

  private IdxFixture() {}

  /**
   * Writes the four IDX files into {@code dir} (created if needed).
   *
   * @param dir the directory
   * @param train training images (the CLI holds out min(5000, train/12) of them for validation)
   * @param test test images
   * @param seed the seed
   * @return {@code dir}
   */
  static Path write(Path dir, int train, int test, long seed) {
    try {
      Files.createDirectories(dir);
      SplittableRandom rng = new SplittableRandom(seed);
      writeSet(dir.resolve(TRAIN_IMAGES), dir.resolve(TRAIN_LABELS), train, rng.split());
      writeSet(dir.resolve(TEST_IMAGES), dir.resolve(TEST_LABELS), test, rng.split());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code --dataset} value of a fixture directory. */
  static String dataset(Path dir) {
    return "idx:" + dir.toAbsolutePath();
  }

  private static void writeSet(Path images, Path labels, int n, SplittableRandom rng)
      throws IOException {
    byte[] px = new byte[n * SIZE * SIZE];
    byte[] lab = new byte[n];
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(CLASSES);
      lab[i] = (byte) c;
      int base = i * SIZE * SIZE;
      for (int p = 0; p < SIZE * SIZE; p++) {
        px[base + p] = (byte) rng.nextInt(48);
      }
      int top = 3 + (c / 4) * 7 + rng.nextInt(-1, 2);
      int left = 3 + (c % 4) * 6 + rng.nextInt(-1, 2);
      for (int r = top; r < top + 6; r++) {
        for (int col = left; col < left + 6; col++) {
          px[base + r * SIZE + col] = (byte) (200 + rng.nextInt(56));
        }
      }
    }
    try (OutputStream f = Files.newOutputStream(images);
        DataOutputStream d = new DataOutputStream(f)) {
      d.writeInt(0x00000803);
      d.writeInt(n);
      d.writeInt(SIZE);
      d.writeInt(SIZE);
      d.write(px);
    }
    try (OutputStream f = Files.newOutputStream(labels);
        DataOutputStream d = new DataOutputStream(f)) {
      d.writeInt(0x00000801);
      d.writeInt(n);
      d.write(lab);
    }
  }
}
