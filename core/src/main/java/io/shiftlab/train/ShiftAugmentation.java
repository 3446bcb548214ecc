package io.shiftlab.train;

import ai.djl.ndarray.NDArray;
import io.shiftlab.shift.Offsets;
import io.shiftlab.shift.ShiftSpec;
import java.util.SplittableRandom;

/**
 * Random shift augmentation: every training image gets its own offset drawn from a {@link
 * ShiftSpec}, applied to the whole batch as two batched matrix products.
 *
 * <p>The setting that names one, {@code none}, {@code keras} or a shift spec, is an {@link
 * AugmentSpec}.
 */
public final class ShiftAugmentation implements Augmentation {
  private final ShiftSpec spec;

  /**
   * Creates the augmentation.
   *
   * @param spec the shift distribution and fill
   */
  public ShiftAugmentation(ShiftSpec spec) {
    this.spec = spec;
  }

  @Override
  public NDArray apply(NDArray batch, SplittableRandom rng) {
    Offsets offsets = Offsets.draw(spec.sampler(), rng, (int) batch.getShape().get(0));
    return spec.shifter().apply(batch, offsets);
  }

  @Override
  public String toString() {
    return spec.toString();
  }
}
