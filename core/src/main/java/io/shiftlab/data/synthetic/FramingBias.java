package io.shiftlab.data.synthetic;

import io.shiftlab.data.ImageSet;
import io.shiftlab.random.Streams;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The "sun" task of card 2 in {@code /work/shared/PROTOCOLS.md} ("## 2. framing-bias").
 *
 * <p>One 48x48 grey image per example, background 0, object intensity {@code v ~ U(.6, 1)}, each
 * pixel the mean of 4x4 sub-samples (pixel {@code (r, c)} has its centre at {@code (x, y) = (c,
 * r)}, so the frame centre is 23.5 on both axes). Class 1, <em>sun</em>: a disc of radius {@code ρ
 * ~ U(3, 4.5)} plus 8 rays at {@code θ0 + i·45°}, {@code θ0 ~ U(0°, 45°)}, running from radius
 * {@code ρ+1} to {@code ρ+1+L}, {@code L ~ U(3, 4)}, half-width 0.6. Class 0, <em>other</em>, one
 * of five shapes with equal probability: disc {@code r ~ U(4, 6)}; ring of outer radius {@code U(5,
 * 7)} and width 1.5; square of side {@code U(7, 11)} turned {@code U(0°, 90°)}; equilateral
 * triangle of circumradius {@code U(6, 8)} turned {@code U(0°, 120°)}; plus sign of arm {@code U(5,
 * 8)} (centre to tip) and width 2. Classes are balanced (counts differ by at most one) in random
 * order. The object centre is drawn per axis by {@link Placement}.
 *
 * <p>Each split draws from its own named stream of {@link Streams}: {@code train} and {@code val}
 * (both framed), and {@code test.framed}, {@code test.anywhere}, {@code test.partial}; so the same
 * seed always gives the same bytes and changing one split's size never changes another split.
 *
 * <p>Class mass (card 2 pitfall: "match class mass, no brightness cue"). With one intensity
 * distribution for both classes the card's shapes are not mass-matched: a sun (disc about 45 px²
 * plus rays about 34 px²) covers about 21% more area than the mean of the other shapes (about 65
 * px²), so total brightness alone would separate the classes above chance. Decision: the intensity
 * is not drawn directly. Each image draws {@code v0 ~ U(.6, 1)} (the card's intensity range) and
 * gets the mass {@code m = 255 · v0 · }{@value #REFERENCE_AREA}{@code px²}, i.e. what the smallest
 * object of the task (a plus sign of arm 5, 36 px²) carries at the card's intensity; the object's
 * intensity is then {@code v = v0 · 36 / A}, where {@code A} is the object's rendered area (sum of
 * its pixel coverages). Mass is therefore drawn from the same distribution for both classes,
 * independently of the class and the shape; only the rounding of each pixel to 8 bits perturbs it
 * (well under 1%). Shapes and sizes are exactly the card's. The price: the object's intensity now
 * falls with its area ({@code v} in about {@code [.18, 1]}), so a sun (larger on average) is on
 * average dimmer than an other shape; peak brightness is a weak cue in place of total brightness,
 * and it is stated in the experiment's notes. {@code FramingBiasTest} pins the matched means and
 * that a mass threshold classifies at chance.
 */
public final class FramingBias {
  /** Image side in pixels. */
  public static final int SIZE = 48;

  /** Coordinate of the frame centre on both axes. */
  public static final double FRAME_CENTRE = 23.5;

  /** Label of the sun class. */
  public static final int SUN = 1;

  /** Label of the other class. */
  public static final int OTHER = 0;

  /**
   * Area in px² of the smallest object of the task (plus sign of arm 5, width 2): every image
   * carries the mass this object has at intensity {@code v0 ~ U(.6, 1)}.
   */
  public static final double REFERENCE_AREA = 36.0;

  private static final int SUB = 4;
  private static final double REACH = 11.0;

  /** How the object centre is drawn, independently per axis. */
  public enum Placement {
    /** {@code 23.5 + U(-2, 2)}: near the frame centre, as in training. */
    FRAMED(FRAME_CENTRE - 2, FRAME_CENTRE + 2),
    /** {@code U(10, 37)}: anywhere the object stays whole. */
    ANYWHERE(10, 37),
    /** {@code U(0, 47)}: anywhere, objects may be cut by the border. */
    PARTIAL(0, SIZE - 1);

    private final double lo;
    private final double hi;

    Placement(double lo, double hi) {
      this.lo = lo;
      this.hi = hi;
    }

    /** Smallest centre coordinate. */
    public double lo() {
      return lo;
    }

    /** Largest centre coordinate. */
    public double hi() {
      return hi;
    }

    /** The name of the test split, e.g. {@code "framed"}, used in {@code test.<key>}. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    double draw(SplittableRandom rng) {
      return lo + (hi - lo) * rng.nextDouble();
    }
  }

  /**
   * Split sizes.
   *
   * @param train training images (framed)
   * @param val validation images (framed)
   * @param testFramed framed test images
   * @param testAnywhere anywhere test images
   */
  public record Sizes(int train, int val, int testFramed, int testAnywhere) {
    /** The card's sizes: 4000, 1000, 2000, 2000. */
    public static final Sizes DEFAULTS = new Sizes(4000, 1000, 2000, 2000);

    /** Rejects negative sizes. */
    public Sizes {
      if (train < 0 || val < 0 || testFramed < 0 || testAnywhere < 0) {
        throw new IllegalArgumentException(
            "split sizes must be >= 0, got "
                + train
                + "/"
                + val
                + "/"
                + testFramed
                + "/"
                + testAnywhere);
      }
    }
  }

  /**
   * One generated split with each image's object centre.
   *
   * @param images the images, 1x48x48, labels {@link #OTHER} and {@link #SUN}
   * @param centreX object centre column of each image, pixel-centre coordinates
   * @param centreY object centre row of each image, pixel-centre coordinates
   */
  public record Split(ImageSet images, double[] centreX, double[] centreY) {
    /** Checks that there is one centre per image. */
    public Split {
      Objects.requireNonNull(images, "images");
      if (centreX.length != images.size() || centreY.length != images.size()) {
        throw new IllegalArgumentException("need one centre per image");
      }
    }

    /**
     * Chebyshev distance of image {@code i}'s centre from the frame centre, {@code max(|x - 23.5|,
     * |y - 23.5|)}, for binning accuracy by offset (card 2 metric).
     *
     * @param i the image index
     * @return the offset in pixels
     */
    public double offset(int i) {
      return Math.max(Math.abs(centreX[i] - FRAME_CENTRE), Math.abs(centreY[i] - FRAME_CENTRE));
    }
  }

  private final Streams streams;

  /**
   * Creates the generator of one run.
   *
   * @param streams the run's random streams
   */
  public FramingBias(Streams streams) {
    this.streams = Objects.requireNonNull(streams, "streams");
  }

  /** The training split: {@code n} framed images from stream {@code train}. */
  public Split train(int n) {
    return generate("framing/train", streams.stream(Streams.TRAIN), Placement.FRAMED, n);
  }

  /** The validation split: {@code n} framed images from stream {@code val}. */
  public Split val(int n) {
    return generate("framing/val", streams.stream(Streams.VAL), Placement.FRAMED, n);
  }

  /**
   * A test split of {@code n} images from stream {@code test.<placement.key()>}.
   *
   * @param placement how centres are drawn
   * @param n the number of images
   * @return the split, named {@code framing/test-<key>}
   */
  public Split test(Placement placement, int n) {
    return generate(
        "framing/test-" + placement.key(),
        streams.stream(Streams.test(placement.key())),
        placement,
        n);
  }

  /**
   * Generates {@code n} images from the given generator.
   *
   * @param name the set name
   * @param rng the generator to draw from
   * @param placement how centres are drawn
   * @param n the number of images
   * @return the split
   */
  public static Split generate(String name, SplittableRandom rng, Placement placement, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = labels[i];
      labels[i] = labels[j];
      labels[j] = t;
    }
    byte[] px = new byte[n * SIZE * SIZE];
    double[] cx = new double[n];
    double[] cy = new double[n];
    for (int i = 0; i < n; i++) {
      cx[i] = placement.draw(rng);
      cy[i] = placement.draw(rng);
      double v0 = 0.6 + 0.4 * rng.nextDouble();
      Shape shape = labels[i] == SUN ? sun(rng) : other(rng);
      render(shape, cx[i], cy[i], v0 * REFERENCE_AREA, px, i * SIZE * SIZE);
    }
    return new Split(new ImageSet(name, px, labels, 2, 1, SIZE, SIZE), cx, cy);
  }

  /** An object as an inside test on offsets from its centre. */
  @FunctionalInterface
  private interface Shape {
    boolean contains(double dx, double dy);
  }

  private static double uniform(SplittableRandom rng, double lo, double hi) {
    return lo + (hi - lo) * rng.nextDouble();
  }

  private static Shape sun(SplittableRandom rng) {
    double rho = uniform(rng, 3, 4.5);
    double theta0 = Math.toRadians(uniform(rng, 0, 45));
    double len = uniform(rng, 3, 4);
    double[] cos = new double[8];
    double[] sin = new double[8];
    for (int k = 0; k < 8; k++) {
      cos[k] = Math.cos(theta0 + k * Math.PI / 4);
      sin[k] = Math.sin(theta0 + k * Math.PI / 4);
    }
    double from = rho + 1;
    double to = rho + 1 + len;
    return (dx, dy) -> {
      if (dx * dx + dy * dy <= rho * rho) {
        return true;
      }
      for (int k = 0; k < 8; k++) {
        double along = dx * cos[k] + dy * sin[k];
        double across = -dx * sin[k] + dy * cos[k];
        if (along >= from && along <= to && Math.abs(across) <= 0.6) {
          return true;
        }
      }
      return false;
    };
  }

  private static Shape other(SplittableRandom rng) {
    switch (rng.nextInt(5)) {
      case 0:
        {
          double r = uniform(rng, 4, 6);
          return (dx, dy) -> dx * dx + dy * dy <= r * r;
        }
      case 1:
        {
          double outer = uniform(rng, 5, 7);
          double inner = outer - 1.5;
          return (dx, dy) -> {
            double d2 = dx * dx + dy * dy;
            return d2 <= outer * outer && d2 >= inner * inner;
          };
        }
      case 2:
        {
          double half = uniform(rng, 7, 11) / 2;
          double phi = Math.toRadians(uniform(rng, 0, 90));
          double c = Math.cos(phi);
          double s = Math.sin(phi);
          return (dx, dy) ->
              Math.abs(dx * c + dy * s) <= half && Math.abs(-dx * s + dy * c) <= half;
        }
      case 3:
        {
          double circum = uniform(rng, 6, 8);
          double phi = Math.toRadians(uniform(rng, 0, 120));
          double[] nx = new double[3];
          double[] ny = new double[3];
          for (int k = 0; k < 3; k++) {
            // edge normals point away from the vertices at phi - 90° + k·120°
            double a = phi - Math.PI / 2 + k * 2 * Math.PI / 3 + Math.PI;
            nx[k] = Math.cos(a);
            ny[k] = Math.sin(a);
          }
          double inradius = circum / 2;
          return (dx, dy) -> {
            for (int k = 0; k < 3; k++) {
              if (dx * nx[k] + dy * ny[k] > inradius) {
                return false;
              }
            }
            return true;
          };
        }
      default:
        {
          double arm = uniform(rng, 5, 8);
          return (dx, dy) ->
              (Math.abs(dx) <= arm && Math.abs(dy) <= 1)
                  || (Math.abs(dy) <= arm && Math.abs(dx) <= 1);
        }
    }
  }

  /**
   * Writes {@code round(255 · v · covered fraction)} into the pixels near the centre, with the
   * intensity {@code v = mass / A} chosen so that the object's area {@code A} (sum of the covered
   * fractions) carries the given mass in full-intensity px².
   */
  private static void render(Shape shape, double cx, double cy, double mass, byte[] px, int base) {
    // the window is not clipped to the image: the area is the uncut object's, so an object cut by
    // the border (placement PARTIAL) is only cut, not brightened
    int r0 = (int) Math.floor(cy - REACH);
    int r1 = (int) Math.ceil(cy + REACH);
    int c0 = (int) Math.floor(cx - REACH);
    int c1 = (int) Math.ceil(cx + REACH);
    int w = c1 - c0 + 1;
    int[] inside = new int[(r1 - r0 + 1) * w];
    long covered = 0;
    for (int r = r0; r <= r1; r++) {
      for (int c = c0; c <= c1; c++) {
        int k = 0;
        for (int sy = 0; sy < SUB; sy++) {
          double dy = r + (sy + 0.5) / SUB - 0.5 - cy;
          for (int sx = 0; sx < SUB; sx++) {
            double dx = c + (sx + 0.5) / SUB - 0.5 - cx;
            if (shape.contains(dx, dy)) {
              k++;
            }
          }
        }
        inside[(r - r0) * w + (c - c0)] = k;
        covered += k;
      }
    }
    if (covered == 0) {
      return;
    }
    double area = covered / (double) (SUB * SUB);
    double v = Math.min(1.0, mass / area);
    for (int r = r0; r <= r1; r++) {
      for (int c = c0; c <= c1; c++) {
        int k = inside[(r - r0) * w + (c - c0)];
        if (k > 0 && r >= 0 && r < SIZE && c >= 0 && c < SIZE) {
          px[base + r * SIZE + c] = (byte) Math.round(255.0 * v * k / (SUB * SUB));
        }
      }
    }
  }
}
