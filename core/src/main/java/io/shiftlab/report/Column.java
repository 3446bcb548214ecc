package io.shiftlab.report;

import java.util.Objects;

/**
 * One column of a {@link Table}: its header, how its cells align in Markdown, and how its numbers
 * are shown there.
 *
 * <p>Tables are written twice: as Markdown (and HTML) for people, with the column's {@code name}
 * and display format, and as CSV for code, with the column's {@code key} (snake_case) and plain
 * numbers. The CSV convention, the same in every file: rates are fractions in [0, 1] (a column of
 * percentage points, {@link #points}, is divided by 100), a missing or undefined value is an empty
 * field, and a column holds either numbers or labels, never text with numbers in it. A column that
 * only helps people read ({@link #note}) is left out of the CSV; one that only code needs ({@link
 * #csvOnly}) is left out of Markdown.
 *
 * @param name the header, not blank
 * @param align the alignment in Markdown
 * @param format how finite numbers are shown in Markdown; strings are shown as they are
 * @param key the CSV header: lower-case letters, digits and underscores
 * @param role where the column appears
 * @param csvScale what a number is multiplied by in the CSV (0.01 for percentage points, else 1)
 */
public record Column(
    String name, Align align, CellFormat format, String key, Role role, double csvScale) {
  /** Where a column appears. */
  public enum Role {
    /** In Markdown and CSV. */
    BOTH,
    /** In Markdown only: prose for people (a published figure as text, a yes/no summary). */
    MARKDOWN_ONLY,
    /** In CSV only: a number people read elsewhere in the row (a std shown as "± s"). */
    CSV_ONLY
  }

  /**
   * A column in Markdown and CSV, its key derived from its name ({@link #keyOf}).
   *
   * @param name the header
   * @param align the alignment
   * @param format the display format
   */
  public Column(String name, Align align, CellFormat format) {
    this(name, align, format, keyOf(name), Role.BOTH, 1.0);
  }

  /** Horizontal alignment of a column in Markdown (the {@code :---} row). */
  public enum Align {
    /** {@code :---}; the default for text. */
    LEFT,
    /** {@code :---:}. */
    CENTER,
    /** {@code ---:}; the default for numbers, so that digits line up. */
    RIGHT
  }

  /** Validates the column. */
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(align, "align");
    Objects.requireNonNull(format, "format");
    if (name.isBlank()) {
      throw new IllegalArgumentException("column name must not be blank");
    }
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(role, "role");
    if (!key.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("column key must be snake_case, got '" + key + "'");
    }
  }

  /**
   * The snake_case key of a header: lower case, {@code Δ} as {@code delta}, every run of other
   * characters ({@code %}, {@code ±}, spaces, brackets) as one underscore, trimmed; a key that
   * would start with a digit gets a {@code c_} prefix.
   *
   * @param name the header
   * @return the key
   */
  public static String keyOf(String name) {
    String k =
        name.toLowerCase(java.util.Locale.ROOT)
            .replace("δ", "delta")
            .replace("→", " to ")
            .replaceAll("[^a-z0-9]+", "_")
            .replaceAll("^_+|_+$", "");
    if (k.isEmpty()) {
      return "value";
    }
    return Character.isDigit(k.charAt(0)) ? "c_" + k : k;
  }

  /**
   * The same column under another CSV key.
   *
   * @param newKey the key
   * @return the copy
   */
  public Column withKey(String newKey) {
    return new Column(name, align, format, newKey, role, csvScale);
  }

  /** The same column, left out of Markdown: for numbers only code needs. */
  public Column csvOnly() {
    return new Column(name, align, format, key, Role.CSV_ONLY, csvScale);
  }

  /**
   * A left-aligned column of prose for people, left out of the CSV: published figures written as
   * text, yes/no summaries, "3 of 4".
   *
   * @param name the header
   * @return the column
   */
  public static Column note(String name) {
    return new Column(name, Align.LEFT, CellFormat.plain(), keyOf(name), Role.MARKDOWN_ONLY, 1.0);
  }

  /**
   * A right-aligned column of percentage points (values already multiplied by 100) shown with a
   * fixed number of decimals; in the CSV they are divided by 100, so every rate there is a
   * fraction, and the key loses its {@code pct} and {@code pts}.
   *
   * @param name the header, e.g. {@code accuracy %}
   * @param decimals digits after the point
   * @return the column
   */
  public static Column points(String name, int decimals) {
    String k = keyOf(name).replaceAll("(^|_)(pct|pts)(?=_|$)", "$1").replaceAll("_+", "_");
    k = k.replaceAll("^_+|_+$", "");
    return new Column(
        name, Align.RIGHT, CellFormat.fixed(decimals), k.isEmpty() ? "value" : k, Role.BOTH, 0.01);
  }

  /** Whether the column is shown in Markdown and HTML. */
  public boolean inMarkdown() {
    return role != Role.CSV_ONLY;
  }

  /** Whether the column is written to the CSV. */
  public boolean inCsv() {
    return role != Role.MARKDOWN_ONLY;
  }

  /**
   * A left-aligned text column (numbers in it are shown with {@link CellFormat#plain()}).
   *
   * @param name the header
   * @return the column
   */
  public static Column text(String name) {
    return new Column(name, Align.LEFT, CellFormat.plain());
  }

  /**
   * A right-aligned column of numbers shown as they are, e.g. counts and epochs.
   *
   * @param name the header
   * @return the column
   */
  public static Column number(String name) {
    return new Column(name, Align.RIGHT, CellFormat.plain());
  }

  /**
   * A right-aligned column of numbers with a fixed number of decimals.
   *
   * @param name the header
   * @param decimals digits after the point
   * @return the column
   */
  public static Column fixed(String name, int decimals) {
    return new Column(name, Align.RIGHT, CellFormat.fixed(decimals));
  }

  /**
   * A right-aligned column of fractions shown as percentages.
   *
   * @param name the header
   * @param decimals digits after the point of the percentage
   * @return the column
   */
  public static Column percent(String name, int decimals) {
    return new Column(name, Align.RIGHT, CellFormat.percent(decimals));
  }
}
