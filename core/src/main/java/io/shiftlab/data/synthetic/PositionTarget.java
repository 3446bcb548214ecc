package io.shiftlab.data.synthetic;

import io.shiftlab.Choices;

/**
 * The five ground-truth position maps of PosENet (Islam, Jia &amp; Bruce, ICLR 2020, "How much
 * position information do convolutional neural networks encode?"; PROTOCOLS card 6), generated in
 * pure Java at any size. Pixel indices {@code x} (column) and {@code y} (row), image {@code H x W}:
 *
 * <ul>
 *   <li>{@link #H}: {@code x / (W - 1)}, a left-to-right ramp;
 *   <li>{@link #V}: {@code y / (H - 1)}, top-to-bottom;
 *   <li>{@link #G}: {@code exp(-((x - cx)^2 + (y - cy)^2) / 2 sigma^2)}, {@code cx = (W - 1) / 2},
 *       {@code cy = (H - 1) / 2}, {@code sigma = min(H, W) / 2}, then min-max to [0, 1] (the four
 *       corners are 0 in a square map);
 *   <li>{@link #HS} (the repo's {@code horstp}, bands that vary with y): {@code (1 + cos(2 pi (y +
 *       1/2) / P)) / 2}, {@code P = 0.4 H} (2.5 periods), min-max;
 *   <li>{@link #VS} ({@code verstp}): the same along x with {@code P = 0.4 W}.
 * </ul>
 *
 * <p>Decision: the card fits the Gaussian's centre as {@code W/2} from the repo's 256x256 PNG; we
 * use the pixel-grid centre {@code (W - 1)/2}, half a pixel away, so the map is symmetric and all
 * four corners reach 0 after min-max. A map that is constant (size 1 along the varying axis) is all
 * zeros rather than 0/0.
 */
public enum PositionTarget implements Choices.Id {
  /** Horizontal ramp. */
  H("horizontal gradient x/(W-1)"),
  /** Vertical ramp. */
  V("vertical gradient y/(H-1)"),
  /** Centred Gaussian. */
  G("centred Gaussian, sigma W/2"),
  /** Horizontal stripes (vary with y). */
  HS("horizontal stripes, period 0.4H"),
  /** Vertical stripes (vary with x). */
  VS("vertical stripes, period 0.4W");

  private final String description;

  PositionTarget(String description) {
    this.description = description;
  }

  /** One line for tables. */
  public String description() {
    return description;
  }

  /**
   * The map, row-major.
   *
   * @param height rows, at least 1
   * @param width columns, at least 1
   * @return {@code height * width} values in [0, 1]
   */
  public float[] map(int height, int width) {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "target size must be positive, got " + height + "x" + width);
    }
    double[] v = new double[height * width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        v[y * width + x] = raw(x, y, height, width);
      }
    }
    if (this != H && this != V) {
      minMax(v);
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }

  private double raw(int x, int y, int h, int w) {
    return switch (this) {
      case H -> w == 1 ? 0 : (double) x / (w - 1);
      case V -> h == 1 ? 0 : (double) y / (h - 1);
      case G -> {
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        double sigma = Math.min(h, w) / 2.0;
        double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
        yield Math.exp(-d2 / (2 * sigma * sigma));
      }
      case HS -> stripe(y, 0.4 * h);
      case VS -> stripe(x, 0.4 * w);
    };
  }

  private static double stripe(int i, double period) {
    return 0.5 * (1 + Math.cos(2 * Math.PI * (i + 0.5) / period));
  }

  private static void minMax(double[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double d : v) {
      lo = Math.min(lo, d);
      hi = Math.max(hi, d);
    }
    double range = hi - lo;
    for (int i = 0; i < v.length; i++) {
      v[i] = range > 0 ? (v[i] - lo) / range : 0;
    }
  }

  /**
   * Parses a comma-separated list of targets, e.g. {@code h,v,g}.
   *
   * @param option the option, for the error
   * @param csv the list
   * @return the targets, in the order given, without repeats
   */
  public static java.util.List<PositionTarget> parseList(String option, String csv) {
    java.util.LinkedHashSet<PositionTarget> out = new java.util.LinkedHashSet<>();
    for (String s : csv.split(",")) {
      if (!s.isBlank()) {
        out.add(Choices.parse(PositionTarget.class, option, "target", s.trim()));
      }
    }
    if (out.isEmpty()) {
      throw new io.shiftlab.UserInputException(option, "names no target; choose h, v, g, hs or vs");
    }
    return java.util.List.copyOf(out);
  }
}
