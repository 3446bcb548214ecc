package io.shiftlab.shift;

import io.shiftlab.Choices;
import io.shiftlab.UserInputException;
import java.util.Map;
import java.util.Optional;

/**
 * What a shift reads where its source pixel lies outside the image.
 *
 * <p>For a source index {@code j} on an axis of length {@code n} (PROTOCOLS card 11):
 *
 * <ul>
 *   <li>{@link #ZERO}: outside reads 0 (OpenCV {@code warpAffine} default, {@code BORDER_CONSTANT}
 *       with value 0);
 *   <li>{@link #CIRCULAR}: {@code j mod n} (wrap around; a circular shift is a permutation);
 *   <li>{@link #REPLICATE}: {@code clamp(j, 0, n - 1)} (Keras {@code fill_mode='nearest'});
 *   <li>{@link #REFLECT}: mirror without repeating the edge, {@code j < 0 -> -j}, {@code j >= n ->
 *       2n - 2 - j}, applied periodically (period {@code 2n - 2}) so that any {@code j} maps
 *       inside; for {@code n = 1} every index maps to 0.
 * </ul>
 */
public enum ShiftMode implements Choices.Id {
  /** Outside reads zero. */
  ZERO,
  /** Indices wrap around modulo the axis length. */
  CIRCULAR,
  /** Indices clamp to the nearest edge pixel. */
  REPLICATE,
  /** Indices mirror at the edges without repeating the edge pixel. */
  REFLECT;

  /** Returned by {@link #source(int, int)} when the source reads zero. */
  public static final int OUTSIDE = -1;

  /**
   * Maps a source index to the in-range index it reads.
   *
   * @param j the source index, any integer
   * @param n the axis length, at least 1
   * @return an index in {@code [0, n)}, or {@link #OUTSIDE} when this mode reads zero there
   */
  public int source(int j, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("axis length must be positive, got " + n);
    }
    if (j >= 0 && j < n) {
      return j;
    }
    switch (this) {
      case ZERO:
        return OUTSIDE;
      case CIRCULAR:
        return Math.floorMod(j, n);
      case REPLICATE:
        return j < 0 ? 0 : n - 1;
      case REFLECT:
        if (n == 1) {
          return 0;
        }
        int m = Math.floorMod(j, 2 * n - 2);
        return m < n ? m : 2 * n - 2 - m;
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * Looks a mode up by its name, ignoring case; {@code nearest} is an alias of {@link #REPLICATE}
   * (Keras) and {@code wrap} of {@link #CIRCULAR}.
   *
   * @param name the name
   * @return the mode, or empty when the name is unknown
   */
  public static Optional<ShiftMode> byName(String name) {
    return Choices.byName(ShiftMode.class, name, Map.of("nearest", REPLICATE, "wrap", CIRCULAR));
  }

  /**
   * Parses an option value.
   *
   * @param option the option name for the message, e.g. {@code "--shift-mode"}
   * @param value the value given by the user
   * @return the mode
   * @throws UserInputException {@code OPTION: unknown shift mode 'x'; choose zero, circular,
   *     replicate or reflect}
   */
  public static ShiftMode parse(String option, String value) {
    return byName(value).orElseThrow(() -> new UserInputException(option, unknown(value)));
  }

  /** The reason given for an unknown mode name. */
  static String unknown(String value) {
    return Choices.unknown("shift mode", value, Choices.ids(ShiftMode.class));
  }

  @Override
  public String toString() {
    return id();
  }
}
