package io.shiftlab.report;

import io.shiftlab.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Builds one self-contained HTML page block by block: headings, paragraphs, tables, images embedded
 * as {@code data:} URIs, preformatted text and lists. The page has its stylesheet inline and
 * references no other file, so it can be mailed or archived on its own and opens without a network.
 * Every text is HTML-escaped; the only markup is the builder's own.
 */
public final class HtmlDoc {
  private static final String STYLE =
      "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:1100px;"
          + "margin:2em auto;padding:0 1em;color:#1b1b1b;line-height:1.45}"
          + "h1{border-bottom:2px solid #444}h2{margin-top:2.2em;border-bottom:1px solid #bbb}"
          + "table{border-collapse:collapse;margin:1em 0;font-size:.9em;display:block;"
          + "overflow-x:auto;max-width:100%}"
          + "th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right}"
          + "th{background:#f0f0f0}td:first-child,th:first-child{text-align:left}"
          + "img{max-width:100%;border:1px solid #ddd;margin:.5em 0}"
          + "figure{margin:1em 0}figcaption{font-size:.85em;color:#555}"
          + "pre{background:#f6f6f6;padding:.6em;overflow-x:auto;font-size:.8em}"
          + ".verdict{font-weight:bold;padding:.1em .5em;border-radius:.3em}"
          + ".reproduced{background:#cdeccd}.partly{background:#fbe7b5}"
          + ".not-reproduced{background:#f5c6c6}.held{color:#176117}.not_held{color:#a11}"
          + ".inconclusive{color:#8a6d00}.verdict.inconclusive{background:#f7ecc0}";

  private final String title;
  private final List<String> blocks = new ArrayList<>();

  /**
   * Starts a page.
   *
   * @param title the page title (also the first heading)
   */
  public HtmlDoc(String title) {
    this.title = Objects.requireNonNull(title, "title");
  }

  /** Escapes the five HTML special characters. */
  public static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Adds a heading.
   *
   * @param level 1 to 6
   * @param text the text
   * @param id the anchor id, or null
   * @return this page
   */
  public HtmlDoc heading(int level, String text, String id) {
    if (level < 1 || level > 6) {
      throw new IllegalArgumentException("heading level must be 1..6, got " + level);
    }
    String idAttr = id == null ? "" : " id=\"" + escape(id) + "\"";
    blocks.add("<h" + level + idAttr + ">" + escape(text) + "</h" + level + ">");
    return this;
  }

  /** Adds a paragraph of plain text. */
  public HtmlDoc paragraph(String text) {
    blocks.add("<p>" + escape(text) + "</p>");
    return this;
  }

  /**
   * Adds a paragraph that starts with a label in bold and a verdict badge.
   *
   * @param label e.g. {@code Verdict}
   * @param badge the badge text, e.g. {@code reproduced}
   * @param cssClass the badge's class ({@code reproduced}, {@code partly}, {@code inconclusive},
   *     {@code not-reproduced})
   * @param rest text after the badge
   * @return this page
   */
  public HtmlDoc badge(String label, String badge, String cssClass, String rest) {
    blocks.add(
        "<p><b>"
            + escape(label)
            + ":</b> <span class=\"verdict "
            + escape(cssClass)
            + "\">"
            + escape(badge)
            + "</span> "
            + escape(rest)
            + "</p>");
    return this;
  }

  /**
   * Adds a table of already formatted cells.
   *
   * @param header the column names
   * @param rows the rows, each as long as the header
   * @return this page
   */
  public HtmlDoc table(List<String> header, List<List<String>> rows) {
    StringBuilder sb = new StringBuilder("<table><thead><tr>");
    header.forEach(h -> sb.append("<th>").append(escape(h)).append("</th>"));
    sb.append("</tr></thead><tbody>");
    for (List<String> row : rows) {
      if (row.size() != header.size()) {
        throw new IllegalArgumentException(
            "row has " + row.size() + " cells, header " + header.size());
      }
      sb.append("<tr>");
      row.forEach(c -> sb.append("<td>").append(escape(c == null ? "" : c)).append("</td>"));
      sb.append("</tr>");
    }
    blocks.add(sb.append("</tbody></table>").toString());
    return this;
  }

  /** Adds a {@link Table}, formatted as in Markdown. */
  public HtmlDoc table(Table t) {
    return table(t.header(), t.formattedRows());
  }

  /**
   * Embeds a PNG file as a figure with a caption.
   *
   * @param png the image file
   * @param caption what it shows (also the alt text)
   * @return this page
   * @throws UncheckedIOException if the file cannot be read
   */
  public HtmlDoc image(Path png, String caption) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(png);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read figure " + png, e);
    }
    blocks.add(
        "<figure><img alt=\""
            + escape(caption)
            + "\" src=\"data:image/png;base64,"
            + Base64.getEncoder().encodeToString(bytes)
            + "\"><figcaption>"
            + escape(caption)
            + "</figcaption></figure>");
    return this;
  }

  /** Adds preformatted text (e.g. a JSON manifest), optionally inside a collapsed section. */
  public HtmlDoc pre(String summary, String text) {
    String body = "<pre>" + escape(text) + "</pre>";
    blocks.add(
        summary == null
            ? body
            : "<details><summary>" + escape(summary) + "</summary>" + body + "</details>");
    return this;
  }

  /**
   * Adds a bullet list; each item may carry a class ({@code held}, {@code not_held}, {@code
   * inconclusive}) or none.
   *
   * @param items the items
   * @param classes one class per item or null for none
   * @return this page
   */
  public HtmlDoc bullets(List<String> items, List<String> classes) {
    StringBuilder sb = new StringBuilder("<ul>");
    for (int i = 0; i < items.size(); i++) {
      String cls = classes == null ? null : classes.get(i);
      sb.append(cls == null ? "<li>" : "<li class=\"" + escape(cls) + "\">")
          .append(escape(items.get(i)))
          .append("</li>");
    }
    blocks.add(sb.append("</ul>").toString());
    return this;
  }

  /** The page as text. */
  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .append("<title>")
            .append(escape(title))
            .append("</title><style>")
            .append(STYLE)
            .append("</style></head>\n<body>\n");
    blocks.forEach(b -> sb.append(b).append('\n'));
    return sb.append("</body></html>\n").toString();
  }

  /** Writes the page atomically. */
  public void write(Path file) {
    AtomicFiles.writeString(file, toString());
  }
}
