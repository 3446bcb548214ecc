package io.shiftlab.data;

import io.shiftlab.UserInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reader for OpenCV's {@code digits.png}: 5000 handwritten digits on one 2000x1000 sheet.
 *
 * <p>The sheet is 8-bit greyscale, white digits on black, 50 rows by 100 columns of 20x20 cells;
 * cell rows {@code 5d} to {@code 5d + 4} hold digit {@code d}, 500 per digit. The cells are already
 * centred on their centre of mass (about (9.85, 9.86)), so each is pasted at offset (4, 4) into a
 * 28x28 black canvas, which puts the centre of mass where MNIST puts it (13.5 in both axes).
 *
 * <p>The split is by cell column, so every digit and every writer row is in every split: columns
 * 0-69 train (3500 images), 70-79 validation (500), 80-99 test (1000). Within a split images are in
 * column-major cell order (sheet column by sheet column, top to bottom), so every run of 50
 * consecutive images holds 5 of each digit and the first N test images ({@code --limit N}) are
 * close to class-balanced; training still shuffles with the {@code order} stream.
 *
 * <p>Colour, palette, 16-bit or alpha PNGs are rejected rather than converted: the sheet is a known
 * artefact, and a file in another format is not that artefact, so silently converting it would hide
 * the mistake.
 */
public final class DigitsSheet {
  /** Sheet width in pixels. */
  public static final int WIDTH = 2000;

  /** Sheet height in pixels. */
  public static final int HEIGHT = 1000;

  /** Side of one cell of the sheet. */
  public static final int CELL = 20;

  /** Side of the canvas each cell is pasted into. */
  public static final int SIDE = 28;

  /** Row and column of the canvas where the cell's top-left pixel lands. */
  public static final int OFFSET = 4;

  /** Cell columns {@code [0, TRAIN_COLUMNS)} form the training split. */
  public static final int TRAIN_COLUMNS = 70;

  /** Cell columns {@code [TRAIN_COLUMNS, VAL_END)} form the validation split. */
  public static final int VAL_END = 80;

  private static final int ROWS = HEIGHT / CELL;
  private static final int COLS = WIDTH / CELL;
  private static final int ROWS_PER_DIGIT = 5;
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /**
   * The three splits of the sheet.
   *
   * @param train columns 0-69, 3500 images
   * @param val columns 70-79, 500 images
   * @param test columns 80-99, 1000 images
   */
  public record Splits(ImageSet train, ImageSet val, ImageSet test) {
    /** Checks that no split is missing. */
    public Splits {
      Objects.requireNonNull(train, "train");
      Objects.requireNonNull(val, "val");
      Objects.requireNonNull(test, "test");
    }
  }

  private DigitsSheet() {}

  /**
   * Reads and splits the sheet.
   *
   * @param png the {@code digits.png} file
   * @return the train, validation and test splits, 28x28, one channel, 10 classes
   * @throws UserInputException if the file is missing, not a PNG, corrupt, not 2000x1000, or not
   *     8-bit greyscale
   */
  public static Splits read(Path png) {
    return split(readPixels(png));
  }

  /**
   * Splits a sheet already in memory.
   *
   * @param sheet {@code 2000 * 1000} greyscale bytes, row-major
   * @return the three splits
   */
  public static Splits split(byte[] sheet) {
    if (sheet.length != WIDTH * HEIGHT) {
      throw new IllegalArgumentException(
          "sheet must have " + WIDTH * HEIGHT + " bytes, got " + sheet.length);
    }
    return new Splits(
        cells(sheet, "digits/train", 0, TRAIN_COLUMNS),
        cells(sheet, "digits/val", TRAIN_COLUMNS, VAL_END),
        cells(sheet, "digits/test", VAL_END, COLS));
  }

  private static ImageSet cells(byte[] sheet, String name, int fromCol, int toCol) {
    int n = ROWS * (toCol - fromCol);
    byte[] px = new byte[n * SIDE * SIDE];
    int[] labels = new int[n];
    int k = 0;
    for (int col = fromCol; col < toCol; col++) {
      for (int row = 0; row < ROWS; row++) {
        int base = k * SIDE * SIDE;
        for (int y = 0; y < CELL; y++) {
          System.arraycopy(
              sheet,
              (row * CELL + y) * WIDTH + col * CELL,
              px,
              base + (OFFSET + y) * SIDE + OFFSET,
              CELL);
        }
        labels[k++] = row / ROWS_PER_DIGIT;
      }
    }
    return new ImageSet(name, px, labels, 10, 1, SIDE, SIDE);
  }

  private static byte[] readPixels(Path png) {
    String name = png.toString();
    try {
      try (InputStream in = Files.newInputStream(png)) {
        byte[] sig = in.readNBytes(PNG_SIGNATURE.length);
        if (!Arrays.equals(sig, PNG_SIGNATURE)) {
          throw new UserInputException(name, "not a PNG file (no PNG signature)");
        }
      }
      try (ImageInputStream iis = ImageIO.createImageInputStream(png.toFile())) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
        if (!readers.hasNext()) {
          throw new UserInputException(name, "no PNG decoder available");
        }
        ImageReader reader = readers.next();
        try {
          reader.setInput(iis, true, true);
          int w = reader.getWidth(0);
          int h = reader.getHeight(0);
          if (w != WIDTH || h != HEIGHT) {
            throw new UserInputException(
                name,
                "found a "
                    + w
                    + "x"
                    + h
                    + " image, expected the "
                    + WIDTH
                    + "x"
                    + HEIGHT
                    + " digits sheet");
          }
          BufferedImage img = reader.read(0);
          if (img.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            throw new UserInputException(
                name,
                "found a "
                    + describe(img)
                    + " image, expected 8-bit greyscale (colour sheets are rejected, not"
                    + " converted)");
          }
          return (byte[]) img.getRaster().getDataElements(0, 0, WIDTH, HEIGHT, null);
        } finally {
          reader.dispose();
        }
      }
    } catch (NoSuchFileException e) {
      throw new UserInputException(name, "file not found", e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof UserInputException u) {
        throw u;
      }
      throw new UserInputException(name, "corrupt PNG (" + e.getMessage() + ")", e);
    }
  }

  private static String describe(BufferedImage img) {
    var cm = img.getColorModel();
    return cm.getNumComponents()
        + "-component "
        + cm.getPixelSize()
        + "-bit"
        + (cm.hasAlpha() ? " with alpha" : "")
        + (cm instanceof java.awt.image.IndexColorModel ? " palette" : "");
  }
}
