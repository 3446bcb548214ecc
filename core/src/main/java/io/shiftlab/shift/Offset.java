package io.shiftlab.shift;

/**
 * One shift of an image, in pixels: positive {@code dx} moves the content right, positive {@code
 * dy} moves it down, {@code out(x, y) = in(x - dx, y - dy)}.
 *
 * @param dx the column offset, finite
 * @param dy the row offset, finite
 */
public record Offset(double dx, double dy) {
  /** No shift. */
  public static final Offset ZERO = new Offset(0, 0);

  /** Rejects non-finite offsets. */
  public Offset {
    if (!Double.isFinite(dx) || !Double.isFinite(dy)) {
      throw new IllegalArgumentException("offset must be finite, got (" + dx + ", " + dy + ")");
    }
  }
}
