package io.shiftlab.report;

import io.shiftlab.io.AtomicFiles;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable table of named {@link Column columns} and rows of cells, rendered as GitHub
 * Markdown, RFC 4180 CSV, or JSON.
 *
 * <p>A cell is a {@link String}, a {@link Number} ({@code Integer}, {@code Long}, {@code Short},
 * {@code Byte}, {@code Double}, {@code Float}, {@code BigInteger}, {@code BigDecimal}) or null for
 * "no value". How each renders:
 *
 * <table>
 *   <caption>cell rendering</caption>
 *   <tr><th>cell</th><th>Markdown</th><th>CSV</th><th>JSON ({@link #toMaps})</th></tr>
 *   <tr><td>finite number</td><td>the column's {@link CellFormat}</td>
 *       <td>full precision ({@code Double.toString}), percentage points as fractions</td>
 *       <td>the number</td></tr>
 *   <tr><td>NaN, &plusmn;infinity</td><td>{@code NaN}, {@code Infinity}, {@code -Infinity}</td>
 *       <td>an empty field</td><td>{@code null}</td></tr>
 *   <tr><td>null</td><td>an em dash ({@code —}), so a missing value is visibly not a blank</td>
 *       <td>an empty field</td><td>{@code null}</td></tr>
 *   <tr><td>string</td><td>as is; {@code |} escaped, line breaks as {@code <br>}</td>
 *       <td>quoted if needed</td><td>the string</td></tr>
 * </table>
 *
 * <p>Markdown and HTML show the columns' names and leave out {@link Column#csvOnly} columns; the
 * CSV has the columns' snake_case keys and leaves out {@link Column#note} columns (see {@link
 * Column} for the CSV convention).
 *
 * <p>Build with {@link #builder(Column...)}: {@code Table.builder(Column.text("model"),
 * Column.percent("accuracy", 1)).row("resnet", 0.935).build()}.
 */
public final class Table {
  /** How a null cell is shown in Markdown. */
  public static final String NULL_MARKDOWN = "\u2014";

  private final List<Column> columns;
  private final List<List<Object>> rows;
  // indices of the columns shown in Markdown and HTML, and of those written to CSV
  private final int[] shown;
  private final int[] csv;

  private Table(List<Column> columns, List<List<Object>> rows) {
    this.columns = List.copyOf(columns);
    if (this.columns.isEmpty()) {
      throw new IllegalArgumentException("a table needs at least one column");
    }
    Set<String> names = new HashSet<>();
    Set<String> keys = new HashSet<>();
    for (Column c : this.columns) {
      if (!names.add(c.name())) {
        throw new IllegalArgumentException("duplicate column name: " + c.name());
      }
      if (c.inCsv() && !keys.add(c.key())) {
        throw new IllegalArgumentException(
            "duplicate CSV key '" + c.key() + "' (column '" + c.name() + "'); give it withKey");
      }
    }
    shown =
        java.util.stream.IntStream.range(0, this.columns.size())
            .filter(i -> this.columns.get(i).inMarkdown())
            .toArray();
    csv =
        java.util.stream.IntStream.range(0, this.columns.size())
            .filter(i -> this.columns.get(i).inCsv())
            .toArray();
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      if (row.size() != this.columns.size()) {
        throw new IllegalArgumentException(
            "row " + copy.size() + " has " + row.size() + " cells, expected " + columns.size());
      }
      for (Object cell : row) {
        checkCell(cell);
      }
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    this.rows = Collections.unmodifiableList(copy);
  }

  /**
   * Creates a table from columns and rows.
   *
   * @param columns the columns, at least one, names unique
   * @param rows the rows, each with one cell per column
   * @return the table
   * @throws IllegalArgumentException if a row has the wrong length or a cell an unsupported type
   */
  public static Table of(List<Column> columns, List<? extends List<?>> rows) {
    List<List<Object>> copy = new ArrayList<>();
    for (List<?> row : rows) {
      copy.add(new ArrayList<>(row));
    }
    return new Table(columns, copy);
  }

  /**
   * Starts a table with the given columns.
   *
   * @param columns the columns
   * @return a builder to add rows to
   */
  public static Builder builder(Column... columns) {
    return new Builder(Arrays.asList(columns));
  }

  /** Collects rows for a {@link Table}; not thread-safe. */
  public static final class Builder {
    private final List<Column> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    private Builder(List<Column> columns) {
      this.columns = List.copyOf(columns);
    }

    /**
     * Adds a row.
     *
     * @param cells one cell per column; strings, numbers or nulls
     * @return this builder
     */
    public Builder row(Object... cells) {
      rows.add(new ArrayList<>(Arrays.asList(cells)));
      return this;
    }

    /**
     * Builds the table.
     *
     * @return the table
     * @throws IllegalArgumentException if a row has the wrong length or a cell an unsupported type
     */
    public Table build() {
      return new Table(columns, rows);
    }
  }

  /** The columns, in order. */
  public List<Column> columns() {
    return columns;
  }

  /** The rows, in order; each an unmodifiable list that may contain nulls. */
  public List<List<Object>> rows() {
    return rows;
  }

  /** The names of the columns shown to people (Markdown, HTML), in order. */
  public List<String> header() {
    return java.util.Arrays.stream(shown).mapToObj(i -> columns.get(i).name()).toList();
  }

  /**
   * The cells as displayed (each column's format; {@link #NULL_MARKDOWN} for null), not escaped for
   * any markup: the form the HTML report shows.
   *
   * @return one list per row
   */
  public List<List<String>> formattedRows() {
    List<List<String>> out = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      List<String> line = new ArrayList<>(shown.length);
      for (int c : shown) {
        line.add(displayText(columns.get(c), row.get(c)));
      }
      out.add(Collections.unmodifiableList(line));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Renders GitHub-flavoured Markdown with padded cells so the pipes line up in plain text.
   *
   * @return the table, one line per row, each ending with a newline
   */
  public String toMarkdown() {
    int n = shown.length;
    List<String[]> lines = new ArrayList<>();
    String[] header = new String[n];
    for (int c = 0; c < n; c++) {
      header[c] = escapeMarkdown(columns.get(shown[c]).name());
    }
    for (List<Object> row : rows) {
      String[] line = new String[n];
      for (int c = 0; c < n; c++) {
        line[c] = markdownCell(columns.get(shown[c]), row.get(shown[c]));
      }
      lines.add(line);
    }
    int[] width = new int[n];
    for (int c = 0; c < n; c++) {
      width[c] = Math.max(3, length(header[c]));
      for (String[] line : lines) {
        width[c] = Math.max(width[c], length(line[c]));
      }
    }
    StringBuilder sb = new StringBuilder();
    appendMarkdownLine(sb, header, width);
    sb.append('|');
    for (int c = 0; c < n; c++) {
      sb.append(alignmentCell(columns.get(shown[c]).align(), width[c])).append('|');
    }
    sb.append('\n');
    for (String[] line : lines) {
      appendMarkdownLine(sb, line, width);
    }
    return sb.toString();
  }

  /**
   * Renders RFC 4180 CSV: a header line, CRLF line breaks (also after the last record), fields
   * quoted only when they hold a comma, a double quote, CR or LF, and numbers at full precision.
   *
   * @return the CSV text
   */
  public String toCsv() {
    StringBuilder sb = new StringBuilder();
    List<String> header = new ArrayList<>();
    for (int c : csv) {
      header.add(columns.get(c).key());
    }
    appendCsvLine(sb, header);
    for (List<Object> row : rows) {
      List<String> fields = new ArrayList<>();
      for (int c : csv) {
        fields.add(csvText(columns.get(c), row.get(c)));
      }
      appendCsvLine(sb, fields);
    }
    return sb.toString();
  }

  /**
   * Returns the rows as maps from column name to raw cell value (insertion-ordered by column), the
   * shape a JSON array of objects has. Values are not formatted; nulls are kept.
   *
   * @return one map per row
   */
  public List<Map<String, Object>> toMaps() {
    List<Map<String, Object>> out = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        map.put(columns.get(c).name(), row.get(c));
      }
      out.add(Collections.unmodifiableMap(map));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Writes {@link #toMarkdown()} to a file atomically.
   *
   * @param file the target
   */
  public void writeMarkdown(Path file) {
    AtomicFiles.writeString(file, toMarkdown());
  }

  /**
   * Writes {@link #toCsv()} to a file atomically (UTF-8, no byte-order mark).
   *
   * @param file the target
   */
  public void writeCsv(Path file) {
    AtomicFiles.writeString(file, toCsv());
  }

  /**
   * Writes {@link #toMaps()} as a JSON array atomically, through {@link Json}.
   *
   * @param file the target
   */
  public void writeJson(Path file) {
    Json.write(file, toMaps());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Table t && columns.equals(t.columns) && rows.equals(t.rows);
  }

  @Override
  public int hashCode() {
    return Objects.hash(columns, rows);
  }

  @Override
  public String toString() {
    return toMarkdown();
  }

  private static void checkCell(Object cell) {
    if (cell == null
        || cell instanceof String
        || cell instanceof Integer
        || cell instanceof Long
        || cell instanceof Short
        || cell instanceof Byte
        || cell instanceof Double
        || cell instanceof Float
        || cell instanceof BigInteger
        || cell instanceof BigDecimal) {
      return;
    }
    throw new IllegalArgumentException(
        "unsupported cell type "
            + cell.getClass().getName()
            + "; use String, a boxed primitive number, BigInteger, BigDecimal or null");
  }

  private static String markdownCell(Column column, Object cell) {
    return cell == null ? NULL_MARKDOWN : escapeMarkdown(displayText(column, cell));
  }

  private static String displayText(Column column, Object cell) {
    if (cell == null) {
      return NULL_MARKDOWN;
    }
    if (cell instanceof String s) {
      return s;
    }
    Number n = (Number) cell;
    String special = nonFinite(n);
    return special != null ? special : column.format().format(n);
  }

  /**
   * A cell for the CSV: a number at full precision, scaled by the column's {@code csvScale}
   * (percentage points to fractions); NaN, an infinity and null as the empty field.
   */
  private static String csvText(Column column, Object cell) {
    if (cell instanceof Number n && nonFinite(n) != null) {
      return "";
    }
    if (cell instanceof Number n && column.csvScale() != 1.0) {
      return Double.toString(n.doubleValue() * column.csvScale());
    }
    return rawText(cell);
  }

  /** Full-precision text of a cell; null becomes the empty field. */
  private static String rawText(Object cell) {
    if (cell == null) {
      return "";
    }
    if (cell instanceof String s) {
      return s;
    }
    String special = nonFinite((Number) cell);
    if (special != null) {
      return special;
    }
    if (cell instanceof BigDecimal b) {
      return b.toPlainString();
    }
    return cell.toString();
  }

  private static String nonFinite(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (Double.isNaN(d)) {
        return "NaN";
      }
      if (Double.isInfinite(d)) {
        return d > 0 ? "Infinity" : "-Infinity";
      }
    }
    return null;
  }

  private static String escapeMarkdown(String s) {
    return s.replace("|", "\\|").replaceAll("\r\n|\r|\n", "<br>");
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  private void appendMarkdownLine(StringBuilder sb, String[] cells, int[] width) {
    sb.append('|');
    for (int c = 0; c < cells.length; c++) {
      sb.append(' ').append(pad(cells[c], width[c], columns.get(shown[c]).align())).append(" |");
    }
    sb.append('\n');
  }

  private static String pad(String s, int width, Column.Align align) {
    int gap = width - s.codePointCount(0, s.length());
    return switch (align) {
      case LEFT -> s + " ".repeat(gap);
      case RIGHT -> " ".repeat(gap) + s;
      case CENTER -> " ".repeat(gap / 2) + s + " ".repeat(gap - gap / 2);
    };
  }

  private static String alignmentCell(Column.Align align, int width) {
    // The separator cell is as wide as the padded content plus its two spaces.
    int w = width + 2;
    return switch (align) {
      case LEFT -> ":" + "-".repeat(w - 1);
      case RIGHT -> "-".repeat(w - 1) + ":";
      case CENTER -> ":" + "-".repeat(w - 2) + ":";
    };
  }

  private static void appendCsvLine(StringBuilder sb, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(csvField(fields.get(i)));
    }
    sb.append("\r\n");
  }

  private static String csvField(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
