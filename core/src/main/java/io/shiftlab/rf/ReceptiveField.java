package io.shiftlab.rf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Receptive-field arithmetic along one axis (PROTOCOLS card 12; Dumoulin &amp; Visin 2016, "A guide
 * to convolution arithmetic"; Araujo et al. 2019, "Computing receptive fields of convolutional
 * neural networks", the google-research/receptive_field library).
 *
 * <p>Forward, layer by layer from the input (r 1, jump 1, start 0), with k<sub>eff</sub> = d(k
 * &minus; 1) + 1:
 *
 * <pre>
 *   n'     = floor((n + 2p - k_eff) / s) + 1
 *   r'     = r + (k_eff - 1) j
 *   j'     = j s
 *   start' = start + ((k_eff - 1)/2 - p) j
 * </pre>
 *
 * <p>Backward, from the top unit (r 1, S 1, P 0) down to the input: r<sub>in</sub> = s
 * r<sub>out</sub> + k<sub>eff</sub> &minus; s, S<sub>in</sub> = s S<sub>out</sub>, P<sub>in</sub> =
 * s P<sub>out</sub> + p; unit i is centred at &minus;P + iS + (r &minus; 1)/2. Both forms give the
 * same r, jump = S and centres.
 */
public final class ReceptiveField {
  private ReceptiveField() {}

  /**
   * Applies one layer to the receptive field of its input.
   *
   * @param in the receptive field of the layer's input
   * @param layer the layer
   * @param inputSize the size of the network's input along this axis (for global layers)
   * @return the receptive field of the layer's output
   * @throws IllegalArgumentException if the layer's output would be empty
   */
  public static RfRow step(RfRow in, LayerGeometry layer, int inputSize) {
    if (in.global() || layer.kind() == LayerGeometry.Kind.GLOBAL) {
      return new RfRow(layer, 1, inputSize, 0, (inputSize - 1) / 2.0, true);
    }
    int k = layer.effectiveKernel();
    int s = layer.stride();
    int p = layer.padding();
    int n = Math.floorDiv(in.size() + 2 * p - k, s) + 1;
    if (n < 1) {
      throw new IllegalArgumentException(
          "layer "
              + layer.name()
              + ": input size "
              + in.size()
              + " is too small for kernel "
              + k
              + " with padding "
              + p);
    }
    int r = in.r() + (k - 1) * in.jump();
    int j = in.jump() * s;
    double start = in.start() + ((k - 1) / 2.0 - p) * in.jump();
    return new RfRow(layer, n, r, j, start, false);
  }

  /**
   * The receptive field of every layer, forward from the input.
   *
   * @param layers the layers in order
   * @param inputSize the input size along the axis
   * @return one row per layer, preceded by the input's row
   */
  public static List<RfRow> forward(List<LayerGeometry> layers, int inputSize) {
    List<RfRow> rows = new ArrayList<>(layers.size() + 1);
    RfRow row = RfRow.input(inputSize);
    rows.add(row);
    for (LayerGeometry layer : layers) {
      row = step(row, layer, inputSize);
      rows.add(row);
    }
    return List.copyOf(rows);
  }

  /**
   * The receptive field of the last layer's units, backward from them to the input.
   *
   * @param layers the layers in order, none of them global
   * @return r, S and P of the last layer
   * @throws IllegalArgumentException if a layer is global
   */
  public static BackwardRf backward(List<LayerGeometry> layers) {
    int r = 1;
    int stride = 1;
    int padding = 0;
    for (int i = layers.size() - 1; i >= 0; i--) {
      LayerGeometry l = layers.get(i);
      if (l.kind() == LayerGeometry.Kind.GLOBAL) {
        throw new IllegalArgumentException(
            "layer " + l.name() + " is global; the backward form covers spatial layers only");
      }
      int s = l.stride();
      r = s * r + l.effectiveKernel() - s;
      padding = s * padding + l.padding();
      stride = s * stride;
    }
    return new BackwardRf(r, stride, padding);
  }

  /**
   * Merges parallel branches that meet (concatenation or sum): the merged units see the union of
   * what the branches see, so the merge takes the larger receptive field, with that branch's start.
   * The branches must agree on output size and jump, as they must to be added or concatenated
   * position by position.
   *
   * @param merged the geometry to record for the merge
   * @param a one branch's output
   * @param b the other branch's output
   * @return the larger receptive field
   */
  public static RfRow merge(LayerGeometry merged, RfRow a, RfRow b) {
    Objects.requireNonNull(merged, "merged");
    if (a.global() || b.global()) {
      RfRow g = a.global() ? a : b;
      return new RfRow(merged, 1, Math.max(a.r(), b.r()), 0, g.start(), true);
    }
    if (a.size() != b.size() || a.jump() != b.jump()) {
      throw new IllegalArgumentException(
          "branches "
              + a.name()
              + " and "
              + b.name()
              + " differ in size or jump ("
              + a.size()
              + "/"
              + a.jump()
              + " vs "
              + b.size()
              + "/"
              + b.jump()
              + ")");
    }
    RfRow larger = a.r() >= b.r() ? a : b;
    return new RfRow(merged, larger.size(), larger.r(), larger.jump(), larger.start(), false);
  }
}
