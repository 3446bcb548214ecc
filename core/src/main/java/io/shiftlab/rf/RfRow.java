package io.shiftlab.rf;

import java.util.Objects;

/**
 * The receptive field of one layer's output units along one axis, in input pixels.
 *
 * <p>Unit i of the layer is centred at {@code start + i * jump} and sees the input pixels within
 * &plusmn;(r &minus; 1)/2 of that centre (some of which may lie in the padding, outside the image).
 * For a {@link #global()} layer (after a flatten) there is one unit, which sees the whole input: r
 * is then the input size, the jump 0 and the start the image centre.
 *
 * @param layer the layer's geometry, or null for the input itself
 * @param size the output size n&prime; along the axis
 * @param r the receptive field size
 * @param jump the distance in input pixels between neighbouring output units
 * @param start the centre of unit 0 in input coordinates (pixel centres are integers)
 * @param global whether every output sees the whole input
 */
public record RfRow(LayerGeometry layer, int size, int r, int jump, double start, boolean global) {

  /** Validates the fields. */
  public RfRow {
    if (size < 1 || r < 1 || jump < 0) {
      throw new IllegalArgumentException(
          "need size >= 1, r >= 1, jump >= 0; got " + size + ", " + r + ", " + jump);
    }
  }

  /**
   * The input itself: every pixel sees itself.
   *
   * @param inputSize the input size along the axis
   * @return r 1, jump 1, start 0
   */
  public static RfRow input(int inputSize) {
    return new RfRow(null, inputSize, 1, 1, 0.0, false);
  }

  /** The layer's name, or {@code input}. */
  public String name() {
    return layer == null ? "input" : layer.name();
  }

  /**
   * The centre of unit {@code i} in input coordinates.
   *
   * @param i the unit index, 0 to size &minus; 1
   * @return start + i &middot; jump
   */
  public double centre(int i) {
    Objects.checkIndex(i, size);
    return start + (double) i * jump;
  }

  /**
   * The first input pixel unit {@code i} sees (possibly negative: in the padding).
   *
   * @param i the unit index
   * @return &lceil;centre(i) &minus; (r &minus; 1)/2&rceil;
   */
  public int firstPixel(int i) {
    return (int) Math.ceil(centre(i) - (r - 1) / 2.0);
  }

  /**
   * The last input pixel unit {@code i} sees (possibly beyond the image: in the padding).
   *
   * @param i the unit index
   * @return &lfloor;centre(i) + (r &minus; 1)/2&rfloor;
   */
  public int lastPixel(int i) {
    return (int) Math.floor(centre(i) + (r - 1) / 2.0);
  }
}
