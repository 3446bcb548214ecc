package io.shiftlab.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable heatmap of an integer grid, e.g. accuracy in percent per offset {@code (dx, dy)},
 * with each cell's value printed in it (up to {@link #MAX_LABELLED_CELLS} cells), a colour scale
 * beside it and labelled axes; saved as PNG.
 *
 * <p>Drawn with plain Java2D, not XChart: XChart 3.8.8's {@code HeatMapChart} leaves styler fields
 * null when built directly (a {@code NullPointerException} on render) and, through its builder,
 * places {@code int[][]} cells in the wrong rows. Java2D also lets the value text be sized to the
 * cell. There is no SVG output for heatmaps; keep the grid itself as CSV next to the PNG.
 *
 * <p>The value text is black, so the colour scale runs from pale yellow through green to mid blue
 * (ColorBrewer YlGnBu without its darkest third): black stays readable on every cell. Values are
 * indexed {@code values[yIndex][xIndex]}; row {@code j} is drawn at height {@code y[j]} with the
 * last row on top, so an ascending y axis grows upward as in a plot. Rendering is deterministic:
 * the same heatmap gives byte-identical PNGs on the same machine.
 */
public final class Heatmap {
  /** Grids with more cells than this show colours only, no number in each cell. */
  public static final int MAX_LABELLED_CELLS = 100;

  /** Default width in pixels. */
  public static final int DEFAULT_WIDTH = 800;

  /** Default height in pixels. */
  public static final int DEFAULT_HEIGHT = 680;

  private static final Color[] SCALE = {
    new Color(0xFFFFD9), new Color(0xC7E9B4), new Color(0x7FCDBB), new Color(0x41B6C4),
  };

  private final String title;
  private final String xTitle;
  private final String yTitle;
  private final int[] x;
  private final int[] y;
  private final int[][] values;
  private final int min;
  private final int max;
  private final int width;
  private final int height;

  private Heatmap(Builder b) {
    this.title = b.title;
    this.xTitle = b.xTitle;
    this.yTitle = b.yTitle;
    if (b.x == null || b.y == null || b.values == null) {
      throw new IllegalArgumentException("heatmap '" + title + "' needs x, y and values");
    }
    this.x = checkAxis("x", b.x);
    this.y = checkAxis("y", b.y);
    if (b.values.length != y.length) {
      throw new IllegalArgumentException(
          "values has " + b.values.length + " rows but y has " + y.length + " values");
    }
    this.values = new int[y.length][];
    int lo = Integer.MAX_VALUE;
    int hi = Integer.MIN_VALUE;
    for (int j = 0; j < y.length; j++) {
      if (b.values[j] == null || b.values[j].length != x.length) {
        throw new IllegalArgumentException(
            "values row " + j + " must have " + x.length + " columns (one per x value)");
      }
      values[j] = b.values[j].clone();
      for (int v : values[j]) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    this.min = b.scaleMin != null ? b.scaleMin : lo;
    this.max = b.scaleMax != null ? b.scaleMax : hi;
    this.width = b.width;
    this.height = b.height;
  }

  private static int[] checkAxis(String name, int[] axis) {
    if (axis.length == 0) {
      throw new IllegalArgumentException(name + " axis is empty");
    }
    Set<Integer> seen = new HashSet<>();
    for (int v : axis) {
      if (!seen.add(v)) {
        throw new IllegalArgumentException(name + " axis repeats the value " + v);
      }
    }
    return axis.clone();
  }

  /**
   * Starts a heatmap.
   *
   * @param title the chart title, may be empty
   * @return a builder
   */
  public static Builder builder(String title) {
    return new Builder(title);
  }

  /** Collects the settings and data of a {@link Heatmap}; not thread-safe. */
  public static final class Builder {
    private final String title;
    private String xTitle = "dx";
    private String yTitle = "dy";
    private int[] x;
    private int[] y;
    private int[][] values;
    private Integer scaleMin;
    private Integer scaleMax;
    private int width = DEFAULT_WIDTH;
    private int height = DEFAULT_HEIGHT;

    private Builder(String title) {
      this.title = Objects.requireNonNull(title, "title");
    }

    /**
     * Sets the x-axis title; default {@code dx}.
     *
     * @param text the title
     * @return this builder
     */
    public Builder xTitle(String text) {
      this.xTitle = Objects.requireNonNull(text, "xTitle");
      return this;
    }

    /**
     * Sets the y-axis title; default {@code dy}.
     *
     * @param text the title
     * @return this builder
     */
    public Builder yTitle(String text) {
      this.yTitle = Objects.requireNonNull(text, "yTitle");
      return this;
    }

    /**
     * Sets the grid.
     *
     * @param xValues the x labels (columns), distinct, e.g. offsets {@code -2..2}
     * @param yValues the y labels (rows), distinct
     * @param grid {@code grid[j][i]} is the value at {@code (xValues[i], yValues[j])}
     * @return this builder
     */
    public Builder grid(int[] xValues, int[] yValues, int[][] grid) {
      this.x = Objects.requireNonNull(xValues, "x");
      this.y = Objects.requireNonNull(yValues, "y");
      this.values = Objects.requireNonNull(grid, "values");
      return this;
    }

    /**
     * Sets the grid to a square map of cells, fractions in [0, 1] shown as whole percentages, with
     * cell row 0 drawn on top: columns {@code 0..g-1}, rows labelled {@code g-1} (top) down to
     * {@code 0}. A NaN cell (no image there) is drawn as 0.
     *
     * @param cells {@code cells[row][column]}, row 0 the top of the canvas
     * @return this builder
     */
    public Builder cellPercents(double[][] cells) {
      int g = cells.length;
      int[] xs = new int[g];
      int[] ys = new int[g];
      int[][] v = new int[g][];
      for (int j = 0; j < g; j++) {
        xs[j] = j;
        ys[j] = g - 1 - j;
        double[] row = cells[g - 1 - j];
        v[j] = new int[row.length];
        for (int i = 0; i < row.length; i++) {
          v[j][i] = Double.isNaN(row[i]) ? 0 : (int) Math.round(100 * row[i]);
        }
      }
      return grid(xs, ys, v);
    }

    /**
     * Fixes the colour scale, e.g. {@code scale(0, 100)} for percentages, so that heatmaps of
     * different runs compare; by default it spans the data.
     *
     * @param lo the value drawn in the lightest colour
     * @param hi the value drawn in the darkest colour, greater than {@code lo}
     * @return this builder
     */
    public Builder scale(int lo, int hi) {
      if (lo >= hi) {
        throw new IllegalArgumentException("colour scale needs lo < hi, got " + lo + ", " + hi);
      }
      this.scaleMin = lo;
      this.scaleMax = hi;
      return this;
    }

    /**
     * Sets the image size.
     *
     * @param widthPx width in pixels, 100 to 10000
     * @param heightPx height in pixels, 100 to 10000
     * @return this builder
     */
    public Builder size(int widthPx, int heightPx) {
      ChartEncoding.checkSize("heatmap", widthPx, heightPx);
      this.width = widthPx;
      this.height = heightPx;
      return this;
    }

    /**
     * Builds the heatmap.
     *
     * @return the heatmap
     * @throws IllegalArgumentException if the grid is missing, empty or ragged
     */
    public Heatmap build() {
      return new Heatmap(this);
    }
  }

  /** The value at {@code (x[i], y[j])}. */
  public int value(int i, int j) {
    return values[j][i];
  }

  /** Width in pixels. */
  public int width() {
    return width;
  }

  /** Height in pixels. */
  public int height() {
    return height;
  }

  /**
   * Renders the heatmap as PNG.
   *
   * @return the PNG bytes
   */
  public byte[] toPng() {
    return ChartEncoding.imagePng(toImage());
  }

  /**
   * Writes the heatmap as a PNG file atomically.
   *
   * @param file the target
   */
  public void writePng(Path file) {
    ChartEncoding.write(file, toPng());
  }

  /**
   * Draws the heatmap.
   *
   * @return a new RGB image of {@link #width()} x {@link #height()} pixels
   */
  public BufferedImage toImage() {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      int left = 80;
      int top = 50;
      int right = 110;
      int bottom = 60;
      double cw = (width - left - right) / (double) x.length;
      double ch = (height - top - bottom) / (double) y.length;
      Font valueFont = new Font(Font.SANS_SERIF, Font.PLAIN, valueFontSize());
      // Numbers in the cells only while they can be read; a large grid is read by its colours
      // (the scale beside it) and its CSV. Ticks thin out to at most about 15 per axis.
      boolean labelled = (long) x.length * y.length <= MAX_LABELLED_CELLS;
      int xStep = Math.max(1, (x.length + 14) / 15);
      int yStep = Math.max(1, (y.length + 14) / 15);
      Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
      for (int j = 0; j < y.length; j++) {
        double cy = top + (y.length - 1 - j) * ch;
        for (int i = 0; i < x.length; i++) {
          double cx = left + i * cw;
          var cell = new Rectangle2D.Double(cx, cy, cw, ch);
          g.setColor(colour(values[j][i]));
          g.fill(cell);
          g.setColor(Color.WHITE);
          g.draw(cell);
          if (labelled) {
            g.setColor(Color.BLACK);
            centred(g, valueFont, Integer.toString(values[j][i]), cx + cw / 2, cy + ch / 2);
          }
        }
        if (j % yStep == 0) {
          g.setColor(Color.BLACK);
          centred(g, tickFont, Integer.toString(y[j]), left - 20, cy + ch / 2);
        }
      }
      g.setColor(Color.BLACK);
      for (int i = 0; i < x.length; i += xStep) {
        centred(g, tickFont, Integer.toString(x[i]), left + (i + 0.5) * cw, height - bottom + 14);
      }
      g.setColor(ChartEncoding.BORDER);
      g.draw(new Rectangle2D.Double(left, top, cw * x.length, ch * y.length));
      g.setColor(Color.BLACK);
      Font axisFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
      centred(g, axisFont, xTitle, left + cw * x.length / 2, height - bottom + 40);
      AffineTransform saved = g.getTransform();
      g.rotate(-Math.PI / 2, 22, top + ch * y.length / 2);
      centred(g, axisFont, yTitle, 22, top + ch * y.length / 2);
      g.setTransform(saved);
      centred(g, new Font(Font.SANS_SERIF, Font.BOLD, 16), title, width / 2.0, 25);
      drawScale(g, width - right + 30, top, (int) Math.round(ch * y.length), tickFont);
    } finally {
      g.dispose();
    }
    return img;
  }

  private void drawScale(Graphics2D g, int x0, int top, int h, Font font) {
    for (int p = 0; p < h; p++) {
      double t = 1.0 - p / (double) Math.max(1, h - 1);
      g.setColor(interpolate(t));
      g.fillRect(x0, top + p, 18, 1);
    }
    g.setColor(ChartEncoding.BORDER);
    g.drawRect(x0, top, 18, h);
    g.setColor(Color.BLACK);
    g.setFont(font);
    int mid = min + (max - min) / 2;
    g.drawString(Integer.toString(max), x0 + 24, top + 5);
    g.drawString(Integer.toString(mid), x0 + 24, top + h / 2 + 5);
    g.drawString(Integer.toString(min), x0 + 24, top + h + 5);
  }

  private Color colour(int v) {
    double t = max > min ? (v - min) / (double) (max - min) : 0.5;
    return interpolate(Math.max(0, Math.min(1, t)));
  }

  private static Color interpolate(double t) {
    double pos = t * (SCALE.length - 1);
    int k = Math.min(SCALE.length - 2, (int) Math.floor(pos));
    double f = pos - k;
    Color a = SCALE[k];
    Color b = SCALE[k + 1];
    return new Color(
        (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
        (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
        (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }

  private static void centred(Graphics2D g, Font font, String text, double cx, double cy) {
    if (text.isEmpty()) {
      return;
    }
    g.setFont(font);
    FontMetrics fm = g.getFontMetrics();
    float tx = (float) (cx - fm.stringWidth(text) / 2.0);
    float ty = (float) (cy + (fm.getAscent() - fm.getDescent()) / 2.0);
    g.drawString(text, tx, ty);
  }

  /** A font about a third of the cell's smaller side, so values fit in small cells. */
  private int valueFontSize() {
    double cellW = (width - 190.0) / x.length;
    double cellH = (height - 110.0) / y.length;
    int size = (int) Math.round(Math.min(cellW, cellH) * 0.33);
    return Math.max(8, Math.min(16, size));
  }
}
