package io.shiftlab.data.synthetic;

import io.shiftlab.data.ImageSet;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The content-free test images of PosENet (PROTOCOLS card 6): all black, all white, and uniform
 * noise. A read-out that predicts position from a black or white image can only be reading it from
 * the encoder's padding.
 */
public enum SyntheticFill {
  /** Every pixel 0. */
  BLACK,
  /** Every pixel 255. */
  WHITE,
  /** Every pixel independently U{0..255}. */
  NOISE;

  /** The lower-case name, e.g. {@code noise}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Makes {@code n} images.
   *
   * @param n the count
   * @param channels C
   * @param height H
   * @param width W
   * @param rng the stream noise is drawn from (unused for black and white)
   * @return the set, label 0 of one class, named after the fill
   */
  public ImageSet images(int n, int channels, int height, int width, SplittableRandom rng) {
    byte[] px = new byte[n * channels * height * width];
    switch (this) {
      case BLACK -> Arrays.fill(px, (byte) 0);
      case WHITE -> Arrays.fill(px, (byte) 255);
      case NOISE -> {
        for (int i = 0; i < px.length; i++) {
          px[i] = (byte) rng.nextInt(256);
        }
      }
    }
    return new ImageSet(id(), px, new int[n], 1, channels, height, width);
  }
}
