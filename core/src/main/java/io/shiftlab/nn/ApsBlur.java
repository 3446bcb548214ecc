package io.shiftlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Adaptive polyphase sampling with anti-aliasing (Chaman &amp; Dokmani&cacute;, "Truly
 * shift-invariant convolutional neural networks", CVPR 2021, {@code ApsDown} with {@code filt_size
 * > 1}; PROTOCOLS card 11): the component index is chosen on the <em>unblurred</em> input, the
 * input is blurred with a circular binomial filter at stride 1, and the chosen component of the
 * blurred map is kept.
 *
 * <p>y = P<sub>a*b*</sub>(B<sub>k</sub> &lowast;<sub>circ</sub> x) with (a*, b*) = argmax
 * ||P<sub>ab</sub> x|| ({@link Aps}'s rule and order, first on ties), B<sub>k</sub> the normalised
 * k x k binomial kernel of {@link BlurPool} applied depthwise with circular padding &lfloor;(k
 * &minus; 1)/2&rfloor; top/left, &lceil;(k &minus; 1)/2&rceil; bottom/right. A circular blur
 * commutes with circular shifts, so the output moves by a circular shift at half resolution, as APS
 * alone does. Output (N, C, &lceil;H/2&rceil;, &lceil;W/2&rceil;). No parameters.
 */
public final class ApsBlur extends UnaryBlock implements PolyphaseSelect {
  private static final byte VERSION = 1;

  private final Aps aps;
  private final BlurPool blur;

  /**
   * Creates the block with the l2 criterion.
   *
   * @param size the blur filter size k, 1 to 7 (k = 1 is plain APS)
   */
  public ApsBlur(int size) {
    super(VERSION);
    this.aps = new Aps();
    this.blur = new BlurPool(size, 1, PaddingMode.CIRCULAR);
  }

  /** The blur filter size k. */
  public int size() {
    return blur.size();
  }

  @Override
  public NDArray selection(NDArray x) {
    return aps.selection(x);
  }

  @Override
  public NDArray select(NDArray x, NDArray index) {
    NDArray blurred =
        blur.forward(new ParameterStore(x.getManager(), false), new NDList(x), false).head();
    return aps.select(blurred, index);
  }

  @Override
  protected NDArray apply(NDArray x, boolean training) {
    return select(x, selection(x));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return aps.getOutputShapes(inputShapes);
  }

  @Override
  public String toString() {
    return "ApsBlur(k=" + blur.size() + ")";
  }
}
