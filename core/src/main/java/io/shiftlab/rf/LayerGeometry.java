package io.shiftlab.rf;

import java.util.Objects;

/**
 * The geometry of one layer along one spatial axis, as far as the receptive field is concerned.
 *
 * <p>The effective kernel of a dilated kernel is k<sub>eff</sub> = d(k &minus; 1) + 1. Padding is
 * the amount added on the left (top); the arithmetic assumes the same amount on the right (bottom),
 * as in PyTorch's and DJL's symmetric padding. Pointwise layers (activations, dropout, 1x1 maps,
 * per-position dense layers, layout changes) are {@link Kind#OTHER} with k = s = d = 1, p = 0; a
 * layer that mixes every position (a flatten feeding a dense layer) is {@link Kind#GLOBAL}.
 *
 * @param name the layer's name, e.g. {@code 01Conv2d}
 * @param kernel the kernel size k, at least 1
 * @param stride the stride s, at least 1
 * @param padding the padding p on the left (top), at least 0
 * @param dilation the dilation d, at least 1
 * @param kind what the layer is
 */
public record LayerGeometry(
    String name, int kernel, int stride, int padding, int dilation, Kind kind) {

  /** What a layer is. */
  public enum Kind {
    /** A convolution. */
    CONV,
    /** A pooling layer; pools are layers like convolutions. */
    POOL,
    /** A pointwise layer: k = s = d = 1, p = 0. */
    OTHER,
    /** Every output sees the whole input (flatten, then dense). */
    GLOBAL
  }

  /** Validates the fields. */
  public LayerGeometry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (kernel < 1 || stride < 1 || padding < 0 || dilation < 1) {
      throw new IllegalArgumentException(
          "layer "
              + name
              + ": need kernel >= 1, stride >= 1, padding >= 0, dilation >= 1; got k="
              + kernel
              + " s="
              + stride
              + " p="
              + padding
              + " d="
              + dilation);
    }
    if ((kind == Kind.OTHER || kind == Kind.GLOBAL)
        && (kernel != 1 || stride != 1 || padding != 0 || dilation != 1)) {
      throw new IllegalArgumentException(
          "layer " + name + ": a " + kind + " layer has k = s = d = 1 and p = 0");
    }
  }

  /**
   * A convolution.
   *
   * @param name the name
   * @param kernel k
   * @param stride s
   * @param padding p
   * @param dilation d
   * @return the geometry
   */
  public static LayerGeometry conv(String name, int kernel, int stride, int padding, int dilation) {
    return new LayerGeometry(name, kernel, stride, padding, dilation, Kind.CONV);
  }

  /**
   * An undilated convolution.
   *
   * @param name the name
   * @param kernel k
   * @param stride s
   * @param padding p
   * @return the geometry
   */
  public static LayerGeometry conv(String name, int kernel, int stride, int padding) {
    return conv(name, kernel, stride, padding, 1);
  }

  /**
   * A pooling layer.
   *
   * @param name the name
   * @param kernel k
   * @param stride s
   * @param padding p
   * @return the geometry
   */
  public static LayerGeometry pool(String name, int kernel, int stride, int padding) {
    return new LayerGeometry(name, kernel, stride, padding, 1, Kind.POOL);
  }

  /**
   * A pointwise layer.
   *
   * @param name the name
   * @return the geometry
   */
  public static LayerGeometry pointwise(String name) {
    return new LayerGeometry(name, 1, 1, 0, 1, Kind.OTHER);
  }

  /**
   * A layer whose every output sees the whole input.
   *
   * @param name the name
   * @return the geometry
   */
  public static LayerGeometry global(String name) {
    return new LayerGeometry(name, 1, 1, 0, 1, Kind.GLOBAL);
  }

  /** The effective kernel d(k &minus; 1) + 1. */
  public int effectiveKernel() {
    return dilation * (kernel - 1) + 1;
  }
}
