package io.shiftlab.train;

import ai.djl.ndarray.NDArray;
import io.shiftlab.Setting;
import io.shiftlab.nn.InputShape;
import io.shiftlab.shift.Offsets;
import io.shiftlab.shift.ShiftSpec;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Random shift augmentation: every training image gets its own offset drawn from a {@link
 * ShiftSpec}, applied to the whole batch as two batched matrix products.
 *
 * <p>Config values: {@code none}; {@code keras} (the article's {@code width_shift_range =
 * height_shift_range = 0.1}, fill {@code nearest}: {@code replicate:(0.1 W)x(0.1 H):real}); or any
 * shift spec such as {@code zero:4x3:int}.
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

  /**
   * Resolves a config value.
   *
   * @param value {@code none}, {@code keras} or a shift spec
   * @param input the image shape (for {@code keras})
   * @return the augmentation
   */
  public static Augmentation parse(String value, InputShape input) {
    String v = value == null ? "none" : value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("none")) {
      return Augmentation.NONE;
    }
    if (v.equals("keras")) {
      return new ShiftAugmentation(ShiftSpec.kerasAugmentation(input.width(), input.height()));
    }
    return new ShiftAugmentation(ShiftSpec.parse(Setting.AUGMENT.id(), value));
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
