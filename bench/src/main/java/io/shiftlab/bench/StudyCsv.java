package io.shiftlab.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The tables the budget studies of {@code bench/} write as CSV or Markdown: one line per outcome,
 * its fields formatted in the root locale.
 */
final class StudyCsv {
  private StudyCsv() {}

  /**
   * A header line and one formatted line per row.
   *
   * @param <T> the row type
   * @param header the header, ending in a newline
   * @param rows the rows, in order
   * @param format the {@link String#format} pattern of a line, ending in {@code %n}
   * @param fields a row's values, in the pattern's order
   * @return the text
   */
  static <T> String of(String header, List<T> rows, String format, Function<T, Object[]> fields) {
    StringBuilder sb = new StringBuilder(header);
    appendRows(sb, rows, format, fields);
    return sb.toString();
  }

  /**
   * Appends one line per row: its fields formatted in the root locale.
   *
   * @param <T> the row type
   * @param sb where the lines go
   * @param rows the rows, in order
   * @param format the {@link String#format} pattern of a line
   * @param fields a row's values, in the pattern's order
   */
  static <T> void appendRows(
      StringBuilder sb, List<T> rows, String format, Function<T, Object[]> fields) {
    for (T row : rows) {
      sb.append(String.format(Locale.ROOT, format, fields.apply(row)));
    }
  }
}
