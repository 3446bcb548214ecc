package io.shiftlab.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A titled grid of greyscale maps with column headers and row labels, saved as PNG: e.g. each
 * position target beside the read-out's prediction of it (rows = targets, columns = target and one
 * prediction per encoder). Values in [0, 1] map to black..white; a missing cell (null) is left
 * blank. Each map is scaled up by an integer factor with nearest-neighbour pixels so that what is
 * shown is what was computed.
 *
 * @param title the title above the grid; a newline starts a second line
 * @param columns the column headers
 * @param rows the row labels
 * @param cells {@code cells[r][c]} row-major maps of {@code side x side} values, or null
 * @param side the maps' side in pixels
 */
public record ImageGrid(
    String title, List<String> columns, List<String> rows, float[][][] cells, int side) {
  private static final int CELL = 112;
  private static final int GAP = 10;

  /** Validates the sizes. */
  public ImageGrid {
    Objects.requireNonNull(title, "title");
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    if (cells.length != rows.size()) {
      throw new IllegalArgumentException("grid has " + cells.length + " rows of cells");
    }
    for (float[][] row : cells) {
      if (row.length != columns.size()) {
        throw new IllegalArgumentException("grid row has " + row.length + " cells");
      }
      for (float[] cell : row) {
        if (cell != null && cell.length != side * side) {
          throw new IllegalArgumentException("cell has " + cell.length + " values, not side^2");
        }
      }
    }
  }

  /**
   * A map min-max stretched to [0, 1] for display; a map constant up to float rounding (range at
   * most 1e-6 of its magnitude) becomes mid-grey 0.5.
   *
   * @param v the map, or null
   * @return a stretched copy, or null
   */
  public static float[] stretch(float[] v) {
    if (v == null) {
      return null;
    }
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (float f : v) {
      lo = Math.min(lo, f);
      hi = Math.max(hi, f);
    }
    double scale = Math.max(1.0, Math.max(Math.abs(lo), Math.abs(hi)));
    boolean constant = hi - lo <= 1e-6 * scale;
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = constant ? 0.5f : (v[i] - lo) / (hi - lo);
    }
    return out;
  }

  /**
   * Draws the grid.
   *
   * @return an RGB image
   */
  public BufferedImage toImage() {
    int scale = Math.max(1, CELL / side);
    int cell = scale * side;
    int left = 70;
    String[] titleLines = title.split("\n");
    int top = 50 + 18 * titleLines.length;
    int width = left + columns.size() * (cell + GAP) + GAP;
    int height = top + rows.size() * (cell + GAP) + GAP;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      for (int i = 0; i < titleLines.length; i++) {
        g.drawString(titleLines[i], GAP, 22 + 18 * i);
      }
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      FontMetrics fm = g.getFontMetrics();
      for (int c = 0; c < columns.size(); c++) {
        String h = columns.get(c);
        int x = left + c * (cell + GAP);
        g.drawString(h, x + Math.max(0, (cell - fm.stringWidth(h)) / 2), top - 10);
      }
      for (int r = 0; r < rows.size(); r++) {
        int y = top + r * (cell + GAP);
        g.setColor(Color.BLACK);
        g.drawString(rows.get(r), GAP, y + cell / 2);
        for (int c = 0; c < columns.size(); c++) {
          float[] m = cells[r][c];
          int x = left + c * (cell + GAP);
          if (m == null) {
            continue;
          }
          for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
              float v = m[i * side + j];
              int grey = Float.isNaN(v) ? 0 : Math.round(255 * Math.max(0, Math.min(1, v)));
              g.setColor(new Color(grey, grey, grey));
              g.fillRect(x + j * scale, y + i * scale, scale, scale);
            }
          }
          g.setColor(ChartEncoding.BORDER);
          g.drawRect(x - 1, y - 1, cell + 1, cell + 1);
        }
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  /**
   * Writes the grid as a PNG file atomically.
   *
   * @param file the target
   */
  public void writePng(Path file) {
    ChartEncoding.write(file, ChartEncoding.imagePng(toImage()));
  }
}
