package io.shiftlab.report;

import io.shiftlab.io.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * Encodes XChart charts to PNG and SVG bytes, and the palette the charts share.
 *
 * <p>Encoding goes to memory first and the bytes are then written with {@link AtomicFiles}: the
 * XChart encoders write to a path or stream directly, which would leave a truncated file on error.
 * {@link BitmapEncoder} writes a plain PNG without timestamp or DPI chunks, so the same chart gives
 * the same bytes (the tests check this).
 *
 * <p>SVG needs two fixes. XChart draws all text as glyph outlines, so the SVG shows the same text
 * on every viewer but holds no searchable words; we add a {@code <title>} and {@code <desc>} (the
 * SVG accessibility elements) with the chart title and series names. And the SVG writer names clip
 * paths after object hash codes, which change between runs; we renumber them in order of appearance
 * so that the same chart gives the same SVG.
 */
final class ChartEncoding {
  /**
   * Okabe-Ito colours (colour-blind safe), without the yellow that is unreadable on white: blue,
   * vermillion, bluish green, reddish purple, orange, sky blue, black.
   */
  static final Color[] PALETTE = {
    new Color(0x0072B2),
    new Color(0xD55E00),
    new Color(0x009E73),
    new Color(0xCC79A7),
    new Color(0xE69F00),
    new Color(0x56B4E9),
    new Color(0x000000),
  };

  static final Color GRID = new Color(0xE0E0E0);
  static final Color BORDER = new Color(0x9E9E9E);

  private ChartEncoding() {}

  /**
   * The house style shared by every axes chart: white background, light grid, sans-serif fonts, the
   * legend outside on the right, no tooltips, locale-independent numbers.
   *
   * @param st the chart's styler
   */
  static void applyHouseStyle(AxesChartStyler st) {
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotBorderColor(BORDER);
    st.setPlotGridLinesColor(GRID);
    st.setChartTitleBoxVisible(false);
    st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    st.setLegendPosition(Styler.LegendPosition.OutsideE);
    st.setLegendBorderColor(GRID);
    st.setLegendBackgroundColor(Color.WHITE);
    st.setToolTipsEnabled(false);
    st.setLocale(Locale.ROOT);
  }

  static byte[] png(Chart<?, ?> chart) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode PNG", e);
    }
  }

  /**
   * Encodes a drawn image as PNG.
   *
   * @param image the image
   * @return the PNG bytes
   */
  static byte[] imagePng(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 15);
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer available");
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode PNG", e);
    }
  }

  static byte[] svg(Chart<?, ?> chart) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
      VectorGraphicsEncoder.saveVectorGraphic(
          chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode SVG", e);
    }
  }

  /**
   * Renders an SVG document with stable ids and an accessible title and description.
   *
   * @param chart the chart
   * @param title the text of the {@code <title>} element
   * @param description the text of the {@code <desc>} element
   * @return the SVG text
   */
  static String svg(Chart<?, ?> chart, String title, String description) {
    String svg = new String(svg(chart), StandardCharsets.UTF_8);
    svg = renumberIds(svg);
    Matcher open = SVG_OPEN.matcher(svg);
    if (!open.find()) {
      throw new IllegalStateException("the SVG writer produced no <svg> element");
    }
    String meta =
        "\n  <title>"
            + escapeXml(title)
            + "</title>\n  <desc>"
            + escapeXml(description)
            + "</desc>";
    return svg.substring(0, open.end()) + meta + svg.substring(open.end());
  }

  private static final Pattern SVG_OPEN = Pattern.compile("<svg\\b[^>]*>");
  private static final Pattern CLIP_ID = Pattern.compile("\\bclip(-?\\d+)\\b");

  static String renumberIds(String svg) {
    Map<String, String> ids = new HashMap<>();
    Matcher m = CLIP_ID.matcher(svg);
    StringBuilder sb = new StringBuilder(svg.length());
    while (m.find()) {
      String id = ids.computeIfAbsent(m.group(1), k -> Integer.toString(ids.size() + 1));
      m.appendReplacement(sb, "clip" + id);
    }
    m.appendTail(sb);
    return sb.toString();
  }

  static String escapeXml(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  static void write(Path file, byte[] bytes) {
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  /**
   * Checks a y-axis range, the same for every chart: both ends finite and {@code min < max}.
   *
   * @param min the bottom
   * @param max the top
   * @throws IllegalArgumentException otherwise
   */
  static void checkRange(double min, double max) {
    if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
      throw new IllegalArgumentException("y range needs finite min < max, got " + min + ", " + max);
    }
  }

  /**
   * Checks an image size, the same for every chart: 100 to 10000 pixels on each side.
   *
   * @param what the kind of image in the message, e.g. {@code chart}
   * @param widthPx the width
   * @param heightPx the height
   * @throws IllegalArgumentException otherwise
   */
  static void checkSize(String what, int widthPx, int heightPx) {
    if (widthPx < 100 || widthPx > 10_000 || heightPx < 100 || heightPx > 10_000) {
      throw new IllegalArgumentException(
          what + " size must be within 100..10000 px, got " + widthPx + "x" + heightPx);
    }
  }
}
