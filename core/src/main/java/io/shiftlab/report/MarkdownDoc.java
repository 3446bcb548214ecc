package io.shiftlab.report;

import io.shiftlab.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a Markdown report block by block: headings, paragraphs, {@link Table tables}, images, code
 * blocks and bullet lists.
 *
 * <p>Blocks are separated by one blank line and the document ends with a single newline, so the
 * output is stable and golden-testable. Text is written as given (it may contain inline Markdown);
 * only structure that would break a block is escaped: line breaks in headings and list items, and
 * {@code ]} in image alt text. Image paths must be relative (to the report file), so a report
 * directory can be moved or published as a whole.
 *
 * <pre>{@code
 * new MarkdownDoc()
 *     .heading(1, "Circular shift, zero padding")
 *     .paragraph("Accuracy per offset on the test set.")
 *     .table(results)
 *     .image("accuracy.png", "accuracy against shift")
 *     .write(runDir.resolve("report.md"));
 * }</pre>
 */
public final class MarkdownDoc {
  private static final Pattern BACKTICK_RUN = Pattern.compile("`+");

  private final List<String> blocks = new ArrayList<>();

  /** Starts an empty document. */
  public MarkdownDoc() {}

  /**
   * Adds an ATX heading ({@code #} to {@code ######}).
   *
   * @param level 1 to 6
   * @param text the heading text, one line
   * @return this document
   */
  public MarkdownDoc heading(int level, String text) {
    if (level < 1 || level > 6) {
      throw new IllegalArgumentException("heading level must be 1..6, got " + level);
    }
    return add("#".repeat(level) + " " + oneLine(text, "heading"));
  }

  /**
   * Adds a paragraph. Line breaks inside are kept (Markdown joins them into one paragraph); blank
   * lines are not allowed, since they would start a new block.
   *
   * @param text the text, not blank
   * @return this document
   */
  public MarkdownDoc paragraph(String text) {
    String t = Objects.requireNonNull(text, "paragraph").strip().replace("\r\n", "\n");
    if (t.isEmpty()) {
      throw new IllegalArgumentException("paragraph must not be blank");
    }
    if (t.matches("(?s).*\\n\\s*\\n.*")) {
      throw new IllegalArgumentException("a paragraph must not contain blank lines");
    }
    return add(t);
  }

  /**
   * Adds Markdown written elsewhere (e.g. a probe's summary) verbatim, as one block; leading and
   * trailing blank lines are dropped.
   *
   * @param lines the lines
   * @return this document
   */
  public MarkdownDoc raw(List<String> lines) {
    String t = String.join("\n", lines).strip();
    return t.isEmpty() ? this : add(t);
  }

  /**
   * Adds a table rendered with {@link Table#toMarkdown()}.
   *
   * @param table the table
   * @return this document
   */
  public MarkdownDoc table(Table table) {
    return add(Objects.requireNonNull(table, "table").toMarkdown().stripTrailing());
  }

  /**
   * Adds an image on its own line.
   *
   * @param relativePath the path relative to the report, with {@code /} separators, e.g. {@code
   *     plots/accuracy.png}
   * @param altText what the image shows, for readers who cannot see it
   * @return this document
   */
  public MarkdownDoc image(String relativePath, String altText) {
    Objects.requireNonNull(relativePath, "relativePath");
    if (relativePath.isBlank()
        || relativePath.startsWith("/")
        || relativePath.contains("\\")
        || relativePath.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
      throw new IllegalArgumentException(
          "image path must be relative with '/' separators, got " + relativePath);
    }
    String alt = oneLine(altText, "alt text").replace("[", "\\[").replace("]", "\\]");
    String target = relativePath.replace(" ", "%20").replace("(", "%28").replace(")", "%29");
    return add("![" + alt + "](" + target + ")");
  }

  /**
   * Adds a fenced code block. The fence is longer than any run of backticks in the code, so code
   * containing {@code ```} still renders.
   *
   * @param language the info string, e.g. {@code yaml}, or empty
   * @param code the code
   * @return this document
   */
  public MarkdownDoc code(String language, String code) {
    String lang = oneLine(Objects.requireNonNull(language, "language"), "language");
    String body = Objects.requireNonNull(code, "code").replace("\r\n", "\n").stripTrailing();
    int longest = 0;
    Matcher m = BACKTICK_RUN.matcher(body);
    while (m.find()) {
      longest = Math.max(longest, m.group().length());
    }
    String fence = "`".repeat(Math.max(3, longest + 1));
    return add(fence + lang + "\n" + body + "\n" + fence);
  }

  /**
   * Adds a bullet list, one item per element.
   *
   * @param items the items, at least one, each one line
   * @return this document
   */
  public MarkdownDoc bullets(List<String> items) {
    Objects.requireNonNull(items, "items");
    if (items.isEmpty()) {
      throw new IllegalArgumentException("a bullet list needs at least one item");
    }
    StringBuilder sb = new StringBuilder();
    for (String item : items) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append("- ").append(oneLine(item, "list item"));
    }
    return add(sb.toString());
  }

  /**
   * Writes the document to a file atomically (UTF-8).
   *
   * @param file the target
   */
  public void write(Path file) {
    AtomicFiles.writeString(file, toString());
  }

  /** The Markdown text: blocks separated by blank lines, ending with one newline. */
  @Override
  public String toString() {
    return blocks.isEmpty() ? "" : String.join("\n\n", blocks) + "\n";
  }

  private MarkdownDoc add(String block) {
    blocks.add(block);
    return this;
  }

  private static String oneLine(String s, String what) {
    Objects.requireNonNull(s, what);
    return s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
