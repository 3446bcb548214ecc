package io.shiftlab.shift;

import io.shiftlab.Choices;
import io.shiftlab.UserInputException;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A random shift as given on the command line: {@code MODE:AxB[:DIST]}, e.g. {@code zero:4x3}.
 *
 * <p>{@code MODE} is a {@link ShiftMode} name; {@code A} is the largest {@code |dx|} (columns,
 * positive to the right) and {@code B} the largest {@code |dy|} (rows, positive downwards), plain
 * non-negative decimals; {@code MODE:A} means {@code MODE:AxA}; {@code DIST} is a {@link
 * ShiftDistribution} name, {@code article} by default. {@link #toString()} writes the full form,
 * which {@link #parse(String, String)} reads back to an equal spec.
 *
 * <p>Presets from the article (Soni 2019; PROTOCOLS card 1): {@link #SHIFT_MIN} = {@code
 * zero:1x1:article}, {@link #SHIFT} = {@code zero:4x3:article}, and the Keras augmentation {@link
 * #kerasAugmentation(int, int)} = {@code replicate:2.8x2.8:real} for 28 x 28 images.
 *
 * @param mode what is read outside the image
 * @param maxDx the largest {@code |dx|}, finite and non-negative
 * @param maxDy the largest {@code |dy|}, finite and non-negative
 * @param distribution how offsets are drawn; {@link ShiftDistribution#INT} needs whole bounds
 */
public record ShiftSpec(
    ShiftMode mode, double maxDx, double maxDy, ShiftDistribution distribution) {

  /** The article's {@code x_testShiftMin}: {@code |dx|, |dy| < 1}, zero fill. */
  public static final ShiftSpec SHIFT_MIN =
      new ShiftSpec(ShiftMode.ZERO, 1, 1, ShiftDistribution.ARTICLE);

  /** The article's {@code x_testShift}: {@code |dx| < 4}, {@code |dy| < 3}, zero fill. */
  public static final ShiftSpec SHIFT =
      new ShiftSpec(ShiftMode.ZERO, 4, 3, ShiftDistribution.ARTICLE);

  private static final String GRAMMAR = "expected MODE:AxB[:DIST], e.g. zero:4x3";
  private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d*)?|\\.\\d+");

  /** Validates the bounds, and that they are whole for {@link ShiftDistribution#INT}. */
  public ShiftSpec {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(distribution, "distribution");
    UniformBoxSampler.checkBounds(maxDx, maxDy);
    distribution.sampler(maxDx, maxDy);
  }

  /**
   * The article's augmentation arm, Keras {@code width_shift_range = height_shift_range = 0.1} with
   * {@code fill_mode='nearest'}: uniform real offsets up to a tenth of the width and height,
   * replicate fill.
   *
   * @param width the image width
   * @param height the image height
   * @return {@code replicate:(0.1 W)x(0.1 H):real}
   */
  public static ShiftSpec kerasAugmentation(int width, int height) {
    ShiftRangeSampler keras =
        ShiftRangeSampler.of(ShiftRangeSampler.ARTICLE_FRACTION, width, height);
    return new ShiftSpec(ShiftMode.REPLICATE, keras.maxDx(), keras.maxDy(), ShiftDistribution.REAL);
  }

  /** The sampler of the offsets. */
  public OffsetSampler sampler() {
    return distribution.sampler(maxDx, maxDy);
  }

  /** A shifter with this spec's mode. */
  public BatchShifter shifter() {
    return new BatchShifter(mode);
  }

  /**
   * Parses an option value.
   *
   * @param option the option name for messages, e.g. {@code "--shift"}
   * @param value the value, e.g. {@code "zero:4x3"}, {@code "reflect:2"} or {@code
   *     "replicate:2.8x2.8:real"}
   * @return the spec
   * @throws UserInputException {@code OPTION: VALUE: expected MODE:AxB[:DIST], e.g. zero:4x3 —
   *     WHAT}
   */
  public static ShiftSpec parse(String option, String value) {
    if (value == null || value.isBlank()) {
      throw bad(option, value, "the value is empty");
    }
    String[] parts = value.strip().split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw bad(option, value, "found " + parts.length + " part(s) separated by ':', not 2 or 3");
    }
    ShiftMode mode =
        ShiftMode.byName(parts[0])
            .orElseThrow(() -> bad(option, value, ShiftMode.unknown(parts[0])));
    String[] size = parts[1].split("x", -1);
    if (size.length > 2) {
      throw bad(option, value, "'" + parts[1] + "' is not A or AxB");
    }
    double a = number(option, value, size[0]);
    double b = size.length == 2 ? number(option, value, size[1]) : a;
    ShiftDistribution dist = ShiftDistribution.ARTICLE;
    if (parts.length == 3) {
      dist =
          ShiftDistribution.byName(parts[2])
              .orElseThrow(
                  () ->
                      bad(
                          option,
                          value,
                          "unknown distribution '"
                              + parts[2]
                              + "'; choose "
                              + Choices.ids(ShiftDistribution.class)));
    }
    try {
      return new ShiftSpec(mode, a, b, dist);
    } catch (IllegalArgumentException e) {
      throw bad(option, value, e.getMessage());
    }
  }

  private static double number(String option, String value, String s) {
    if (!NUMBER.matcher(s).matches()) {
      throw bad(option, value, "'" + s + "' is not a non-negative number");
    }
    double d = Double.parseDouble(s);
    if (!Double.isFinite(d)) {
      throw bad(option, value, "'" + s + "' is too large");
    }
    return d;
  }

  private static UserInputException bad(String option, String value, String what) {
    String shown = value == null || value.isEmpty() ? "''" : value;
    return new UserInputException(option, shown + ": " + GRAMMAR + " — " + what);
  }

  /** The full form {@code MODE:AxB:DIST}, e.g. {@code zero:4x3:article}. */
  @Override
  public String toString() {
    return mode.id() + ":" + plain(maxDx) + "x" + plain(maxDy) + ":" + distribution.id();
  }

  private static String plain(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
