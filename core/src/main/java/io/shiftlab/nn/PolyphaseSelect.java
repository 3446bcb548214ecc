package io.shiftlab.nn;

import ai.djl.ndarray.NDArray;

/**
 * A stride-2 downsampling that keeps, per sample, one of the four polyphase components x(2i + a, 2j
 * + b), in the order (a, b) = (0,0), (1,0), (0,1), (1,1), chosen from the input (APS, Chaman &amp;
 * Dokmani&cacute; CVPR 2021). Choosing and keeping are separate so that the skip path of a residual
 * block can keep the component its main path chose (PROTOCOLS card 11: "skip path reuses the
 * index"); both paths then move together under a circular shift of the input.
 */
public interface PolyphaseSelect {
  /**
   * The component each sample keeps.
   *
   * @param x an (N, C, H, W) input
   * @return an (N) array of indices 0..3
   */
  NDArray selection(NDArray x);

  /**
   * Keeps component {@code index[n]} of each sample n.
   *
   * @param x an (N, C, H, W) input
   * @param index an (N) array of indices 0..3, e.g. from {@link #selection} of another tensor of
   *     the same height and width parity
   * @return the (N, C, &lceil;H/2&rceil;, &lceil;W/2&rceil;) output
   */
  NDArray select(NDArray x, NDArray index);
}
