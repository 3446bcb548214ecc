package io.shiftlab.nn;

import io.shiftlab.Choices;
import io.shiftlab.UserInputException;
import java.util.Map;
import java.util.Optional;

/**
 * How a convolution treats the image border (PROTOCOLS card 11).
 *
 * <p>The first four constants say what a padded position reads: output position {@code i} of the
 * padded axis reads source index {@code j = i - p} of the input axis of length {@code n}, and a
 * {@code j} outside {@code [0, n)} is mapped as each constant describes. The last three change the
 * size of the output or re-weight it. Here {@code k_eff = d (k - 1) + 1} is the dilated kernel
 * extent.
 */
public enum PaddingMode implements Choices.Id {
  /** Outside reads 0; "same" padding {@code (k_eff - 1) / 2} per side. */
  ZERO,
  /**
   * Mirror without repeating the edge pixel: {@code j < 0 -> -j}, {@code j >= n -> 2n - 2 - j}
   * (PyTorch {@code padding_mode='reflect'}); needs {@code p <= n - 1}.
   */
  REFLECT,
  /** Clamp to the nearest edge pixel: {@code clamp(j, 0, n - 1)} (PyTorch {@code 'replicate'}). */
  REPLICATE,
  /**
   * Wrap around: {@code j mod n} (PyTorch {@code 'circular'}); a circular shift of the input then
   * shifts the output the same way. Needs {@code p <= n}.
   */
  CIRCULAR,
  /** No padding ("valid"): {@code out = floor((n - k_eff) / s) + 1}. */
  NONE,
  /**
   * Full convolution (F-Conv): zero padding {@code k_eff - 1} per side, so every input pixel meets
   * every kernel tap; {@code out = floor((n + k_eff - 2) / s) + 1}, i.e. {@code n + k - 1} at
   * stride 1.
   */
  FULL,
  /**
   * Partial convolution (Liu et al. 2018, NVIDIA {@code partialconv}): {@code y = W (X . M) k^2 /
   * sum(M_win) + b} with {@code M = 1} inside the image and 0 in the padding, i.e. zero "same"
   * padding re-weighted at the border (3x3 kernel: corner {@code x 9/4}, edge {@code x 9/6}).
   */
  PARTIAL;

  /**
   * Whether this mode pads by reading source pixels (or zeros) before a plain unpadded convolution:
   * {@link #REFLECT}, {@link #REPLICATE} or {@link #CIRCULAR}; these are what {@link Pad2d} builds.
   */
  public boolean readsOutside() {
    return this == REFLECT || this == REPLICATE || this == CIRCULAR;
  }

  /**
   * Looks a mode up by its name, ignoring case; {@code valid} is an alias of {@link #NONE}, {@code
   * same} of {@link #ZERO}.
   *
   * @param name the name
   * @return the mode, or empty when the name is unknown
   */
  public static Optional<PaddingMode> byName(String name) {
    return Choices.byName(PaddingMode.class, name, Map.of("valid", NONE, "same", ZERO));
  }

  /**
   * Parses an option value.
   *
   * @param option the option name for the message, e.g. {@code "--padding"}
   * @param text the value given by the user
   * @return the mode
   * @throws UserInputException {@code OPTION: unknown padding mode 'x'; choose zero, reflect, ...}
   */
  public static PaddingMode parse(String option, String text) {
    return byName(text)
        .orElseThrow(
            () ->
                new UserInputException(
                    option, Choices.unknown("padding mode", text, Choices.ids(PaddingMode.class))));
  }

  @Override
  public String toString() {
    return id();
  }
}
