package io.shiftlab.report;

import java.util.Locale;

/**
 * Turns a finite number into the text shown in a human-readable table cell (Markdown).
 *
 * <p>Only finite numbers reach a format: {@link Table} renders {@code NaN} as {@code NaN}, the
 * infinities as {@code Infinity} and {@code -Infinity}, and a null cell as an em dash, whatever the
 * column's format. Machine-readable outputs (CSV, JSON) never use a format; they carry the raw
 * value at full precision.
 */
@FunctionalInterface
public interface CellFormat {
  /**
   * Formats a finite number.
   *
   * @param value the number, never null, NaN or infinite
   * @return the cell text
   */
  String format(Number value);

  /** {@code String.valueOf}: integers as integers, doubles in Java's shortest round-trip form. */
  static CellFormat plain() {
    return String::valueOf;
  }

  /**
   * A fixed number of decimals, rounded half-up, e.g. {@code fixed(3)} shows {@code 0.12345} as
   * {@code 0.123}.
   *
   * @param decimals digits after the point, 0 to 12
   * @return the format
   */
  static CellFormat fixed(int decimals) {
    String pattern = "%." + checkDecimals(decimals) + "f";
    return value -> String.format(Locale.ROOT, pattern, value.doubleValue());
  }

  /**
   * A fraction shown as a percentage, e.g. {@code percent(1)} shows {@code 0.9353} as {@code
   * 93.5%}.
   *
   * @param decimals digits after the point of the percentage, 0 to 12
   * @return the format
   */
  static CellFormat percent(int decimals) {
    String pattern = "%." + checkDecimals(decimals) + "f%%";
    return value -> String.format(Locale.ROOT, pattern, value.doubleValue() * 100.0);
  }

  private static int checkDecimals(int decimals) {
    if (decimals < 0 || decimals > 12) {
      throw new IllegalArgumentException("decimals must be in 0..12, got " + decimals);
    }
    return decimals;
  }
}
