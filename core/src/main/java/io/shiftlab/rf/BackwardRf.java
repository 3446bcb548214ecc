package io.shiftlab.rf;

/**
 * The receptive field in google-research/receptive_field's backward form: the size r, the effective
 * stride S and the effective padding P of a layer's units with respect to the input.
 *
 * @param r the receptive field size
 * @param stride the effective stride S (the forward form's jump)
 * @param padding the effective padding P: how far unit 0's field reaches before pixel 0
 */
public record BackwardRf(int r, int stride, int padding) {

  /**
   * The centre of unit {@code i} in input coordinates.
   *
   * @param i the unit index
   * @return &minus;P + iS + (r &minus; 1)/2
   */
  public double centre(int i) {
    return -padding + (double) i * stride + (r - 1) / 2.0;
  }
}
