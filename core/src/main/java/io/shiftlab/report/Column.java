package io.shiftlab.report;

import java.util.Objects;

/**
 * One column of a {@link Table}: its header, how its cells align in Markdown, and how its numbers
 * are shown there.
 *
 * @param name the header, not blank
 * @param align the alignment in Markdown
 * @param format how finite numbers are shown in Markdown; strings are shown as they are
 */
public record Column(String name, Align align, CellFormat format) {
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
