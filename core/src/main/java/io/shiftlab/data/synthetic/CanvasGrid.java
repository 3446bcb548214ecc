package io.shiftlab.data.synthetic;

import io.shiftlab.data.ImageSet;
import io.shiftlab.random.Streams;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The grid canvas of card 9 in {@code /work/shared/PROTOCOLS.md} ("## 9. border-distance"): a
 * {@code g x g} grid of {@code s x s} cells ({@code g s x g s} pixels) filled with a canvas colour,
 * and one digit pasted into cell {@code (r, c)}, {@code r, c ~ U{0..g-1}}, with its own black
 * background: pixel {@code (y, x)} of the digit lands at {@code (r s + y, c s + x)} ({@link
 * CanvasPlacement}). On a white or mean-grey canvas the digit therefore sits in a visible black
 * square; on a black canvas only the strokes show.
 *
 * <p>Every image records its cell and its digit class, so one generated split serves the three
 * tasks of the card ({@link Task}: the cell, the class, or both). The digit of image {@code i} is
 * drawn uniformly (with replacement) from the given digits, then its row and column, all from one
 * named stream per split: {@code train}, {@code val} and {@code test.grid}. Given disjoint digit
 * sets (the digits sheet's column split), the splits share no image.
 */
public final class CanvasGrid {
  /** The test split's stream: {@code test.grid}. */
  public static final String TEST_SET = "grid";

  /** What a model is asked about an image. */
  public enum Task {
    /** The cell, label {@code r g + c}: {@code g²} classes. */
    LOC,
    /** The digit class, label {@code class}: 10 classes. */
    SEM,
    /** Both, label {@code class g² + r g + c}: {@code 10 g²} classes. */
    LOC_SEM;

    /** The lower-case name, e.g. {@code loc-sem}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The number of labels.
     *
     * @param grid cells per side {@code g}
     * @param classes digit classes
     * @return the label count
     */
    public int numClasses(int grid, int classes) {
      return switch (this) {
        case LOC -> grid * grid;
        case SEM -> classes;
        case LOC_SEM -> classes * grid * grid;
      };
    }

    /**
     * The label of an image.
     *
     * @param row its cell row
     * @param col its cell column
     * @param digit its digit class
     * @param grid cells per side
     * @return the label
     */
    public int label(int row, int col, int digit, int grid) {
      int cell = row * grid + col;
      return switch (this) {
        case LOC -> cell;
        case SEM -> digit;
        case LOC_SEM -> digit * grid * grid + cell;
      };
    }
  }

  /** The canvas colour outside the digit's cell. */
  public enum Colour {
    /** 0, the digits' own background. */
    BLACK,
    /** 255. */
    WHITE,
    /** The mean pixel value of the training digits, rounded. */
    MEAN;

    /** The lower-case name. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The canvas value.
     *
     * @param trainingDigits the digits whose mean {@link #MEAN} uses
     * @return 0..255
     */
    public int value(ImageSet trainingDigits) {
      return switch (this) {
        case BLACK -> 0;
        case WHITE -> 255;
        case MEAN -> meanValue(trainingDigits);
      };
    }
  }

  /**
   * The grid.
   *
   * @param grid cells per side {@code g}, at least 1
   * @param cell cell side {@code s} in pixels, at least 1
   */
  public record Geometry(int grid, int cell) {
    /** The card's grid of 5 x 5 cells. */
    public static final int CARD_GRID = 5;

    /** Validates the sizes. */
    public Geometry {
      if (grid < 1 || cell < 1) {
        throw new IllegalArgumentException("grid and cell must be >= 1, got " + grid + ", " + cell);
      }
    }

    /** The canvas side {@code g s}. */
    public int canvas() {
      return grid * cell;
    }
  }

  /**
   * One generated split.
   *
   * @param images the images, labelled with their digit class
   * @param rows each image's cell row
   * @param cols each image's cell column
   * @param grid cells per side
   */
  public record Split(ImageSet images, int[] rows, int[] cols, int grid) {
    /** Checks that there is one cell per image. */
    public Split {
      Objects.requireNonNull(images, "images");
      if (rows.length != images.size() || cols.length != images.size()) {
        throw new IllegalArgumentException("need one cell per image");
      }
    }

    /**
     * The same images labelled for a task.
     *
     * @param task the task
     * @return the images with {@link Task#label} labels
     */
    public ImageSet forTask(Task task) {
      int[] digits = images.labels();
      int[] labels = new int[digits.length];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = task.label(rows[i], cols[i], digits[i], grid);
      }
      return new ImageSet(
          images.name() + "/" + task.id(),
          images.pixels(),
          labels,
          task.numClasses(grid, images.numClasses()),
          images.channels(),
          images.height(),
          images.width());
    }
  }

  private final Streams streams;
  private final Geometry geometry;
  private final int background;

  /**
   * Creates the generator of one run.
   *
   * @param streams the run's random streams
   * @param geometry the grid
   * @param background the canvas value, 0..255 (see {@link Colour#value})
   */
  public CanvasGrid(Streams streams, Geometry geometry, int background) {
    this.streams = Objects.requireNonNull(streams, "streams");
    this.geometry = Objects.requireNonNull(geometry, "geometry");
    if (background < 0 || background > 255) {
      throw new IllegalArgumentException("background must be 0..255, got " + background);
    }
    this.background = background;
  }

  /** {@code n} training images from stream {@code train}. */
  public Split train(ImageSet digits, int n) {
    return generate("grid/train", streams.stream(Streams.TRAIN), digits, n);
  }

  /** {@code n} validation images from stream {@code val}. */
  public Split val(ImageSet digits, int n) {
    return generate("grid/val", streams.stream(Streams.VAL), digits, n);
  }

  /** {@code n} test images from stream {@code test.grid}. */
  public Split test(ImageSet digits, int n) {
    return generate("grid/test", streams.stream(Streams.test(TEST_SET)), digits, n);
  }

  /**
   * The first {@code k} digits, each in every cell: image {@code i g² + r g + c} is digit {@code i}
   * in cell {@code (r, c)}. No randomness; for the circular-padding known-answer check.
   *
   * @param digits the digits, {@code s x s}
   * @param k how many digits, at most {@code digits.size()}
   * @return {@code k g²} images
   */
  public Split allCells(ImageSet digits, int k) {
    int g = geometry.grid();
    int n = k * g * g;
    int[] pick = new int[n];
    int[] rows = new int[n];
    int[] cols = new int[n];
    for (int i = 0; i < n; i++) {
      pick[i] = i / (g * g);
      rows[i] = (i % (g * g)) / g;
      cols[i] = i % g;
    }
    return place("grid/all-cells", digits, pick, rows, cols);
  }

  private Split generate(String name, SplittableRandom rng, ImageSet digits, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    int[] pick = new int[n];
    int[] rows = new int[n];
    int[] cols = new int[n];
    for (int i = 0; i < n; i++) {
      pick[i] = rng.nextInt(digits.size());
      rows[i] = rng.nextInt(geometry.grid());
      cols[i] = rng.nextInt(geometry.grid());
    }
    return place(name, digits, pick, rows, cols);
  }

  private Split place(String name, ImageSet digits, int[] pick, int[] rows, int[] cols) {
    int s = geometry.cell();
    if (digits.height() != s || digits.width() != s) {
      throw new IllegalArgumentException(
          "digits must be "
              + s
              + "x"
              + s
              + " (one cell), got "
              + digits.height()
              + "x"
              + digits.width());
    }
    int[] top = new int[rows.length];
    int[] left = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      top[i] = rows[i] * s;
      left[i] = cols[i] * s;
    }
    int side = geometry.canvas();
    ImageSet placed =
        new CanvasPlacement(side, side)
            .place(name, digits.subset(name, pick), top, left, background);
    return new Split(placed, rows, cols, geometry.grid());
  }

  /**
   * The centre {@code side x side} crop of every image, e.g. the sheet's native 20x20 cell out of
   * the 28x28 digits (offset 4).
   *
   * @param set the images
   * @param side the crop side, at most the images' height and width
   * @return the cropped images, same labels
   */
  public static ImageSet centreCrop(ImageSet set, int side) {
    int h = set.height();
    int w = set.width();
    if (side < 1 || side > h || side > w) {
      throw new IllegalArgumentException("cannot crop " + h + "x" + w + " to " + side);
    }
    int top = (h - side) / 2;
    int left = (w - side) / 2;
    int c = set.channels();
    byte[] src = set.pixels();
    byte[] px = new byte[set.size() * c * side * side];
    for (int i = 0; i < set.size(); i++) {
      for (int ch = 0; ch < c; ch++) {
        for (int y = 0; y < side; y++) {
          System.arraycopy(
              src,
              ((i * c + ch) * h + top + y) * w + left,
              px,
              ((i * c + ch) * side + y) * side,
              side);
        }
      }
    }
    return new ImageSet(
        set.name() + "/crop" + side, px, set.labels().clone(), set.numClasses(), c, side, side);
  }

  /**
   * Fits 28x28 sheet digits to a cell: the centre 20x20 (the sheet's native cell, see {@link
   * #centreCrop}); for cells under 20 px halved to 10x10 (mean of each 2x2 block, rounded); then
   * centred on a black cell of the given side. A 20 px cell keeps the native digit, 28 gives back
   * the 28x28 digit, 12 a 10x10 digit with a 1 px margin.
   *
   * @param digits 28x28 (or larger) digits
   * @param cell the cell side, 10 to 19 or at least 20
   * @return the digits as {@code cell x cell} images
   */
  public static ImageSet fitToCell(ImageSet digits, int cell) {
    ImageSet d = centreCrop(digits, 20);
    if (cell < 20) {
      if (cell < 10) {
        throw new IllegalArgumentException("cells need at least 10 px, got " + cell);
      }
      d = halve(d);
    }
    return padTo(d, cell);
  }

  /** Each 2x2 block's rounded mean: {@code h x w -> h/2 x w/2}. */
  static ImageSet halve(ImageSet set) {
    int h = set.height() / 2;
    int w = set.width() / 2;
    int c = set.channels();
    byte[] src = set.pixels();
    byte[] px = new byte[set.size() * c * h * w];
    for (int p = 0; p < set.size() * c; p++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int b = (p * set.height() + 2 * y) * set.width() + 2 * x;
          int sum =
              (src[b] & 0xff)
                  + (src[b + 1] & 0xff)
                  + (src[b + set.width()] & 0xff)
                  + (src[b + set.width() + 1] & 0xff);
          px[(p * h + y) * w + x] = (byte) ((sum + 2) / 4);
        }
      }
    }
    return new ImageSet(set.name() + "/half", px, set.labels().clone(), set.numClasses(), c, h, w);
  }

  /** Centres every image on a black {@code side x side} frame (at least the image size). */
  static ImageSet padTo(ImageSet set, int side) {
    if (side == set.height() && side == set.width()) {
      return set;
    }
    int[] top = new int[set.size()];
    int[] left = new int[set.size()];
    java.util.Arrays.fill(top, (side - set.height()) / 2);
    java.util.Arrays.fill(left, (side - set.width()) / 2);
    return new CanvasPlacement(side, side).place(set.name() + "/pad" + side, set, top, left);
  }

  /**
   * The mean pixel value of a set, rounded to a byte value.
   *
   * @param set the images
   * @return {@code round(mean)}, 0..255
   */
  public static int meanValue(ImageSet set) {
    long sum = 0;
    for (byte b : set.pixels()) {
      sum += b & 0xff;
    }
    return set.pixels().length == 0 ? 0 : (int) Math.round((double) sum / set.pixels().length);
  }
}
