package io.shiftlab.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.shiftlab.Setting;
import io.shiftlab.nn.InputShape;
import io.shiftlab.shift.ShiftSpec;
import java.util.Locale;
import java.util.Objects;

/**
 * The training-time augmentation setting, parsed once where it enters (the {@code --augment} flag,
 * an experiment's arm, a {@code config.json}): {@code none}; {@code keras} (the article's {@code
 * width_shift_range = height_shift_range = 0.1}, fill {@code nearest}, which needs the image size:
 * {@link ShiftSpec#kerasAugmentation}); or a shift spec such as {@code zero:4x3:int}.
 *
 * <p>In JSON it is the text as written, so run directories written before this type existed read
 * back unchanged; a missing or blank value is {@link #NONE}. Build one with {@link #parse}.
 *
 * @param text the value as written, e.g. {@code keras}
 * @param form which of the three forms it is
 * @param shift the shift distribution and fill of the {@link Form#SHIFT} form, else null
 */
public record AugmentSpec(String text, Form form, ShiftSpec shift) {
  /** No augmentation. */
  public static final AugmentSpec NONE = new AugmentSpec("none", Form.NONE, null);

  /** The three forms of the setting. */
  public enum Form {
    /** No augmentation. */
    NONE,
    /** The article's Keras augmentation, sized from the image. */
    KERAS,
    /** A shift spec. */
    SHIFT
  }

  /** Validates that a shift spec comes with, and only with, the {@link Form#SHIFT} form. */
  public AugmentSpec {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(form, "form");
    if ((form == Form.SHIFT) != (shift != null)) {
      throw new IllegalArgumentException("a shift spec goes with the SHIFT form only");
    }
  }

  /**
   * Parses a setting value.
   *
   * @param value {@code none}, {@code keras} or a shift spec; null or blank means {@code none}
   * @return the augmentation setting, keeping {@code value} as its text
   * @throws io.shiftlab.UserInputException for a malformed shift spec, against the augment setting
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static AugmentSpec parse(String value) {
    if (value == null || value.isBlank()) {
      return NONE;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("none")) {
      return new AugmentSpec(value, Form.NONE, null);
    }
    if (v.equals("keras")) {
      return new AugmentSpec(value, Form.KERAS, null);
    }
    return new AugmentSpec(value, Form.SHIFT, ShiftSpec.parse(Setting.AUGMENT.id(), value));
  }

  /** Whether this is no augmentation at all. */
  public boolean isNone() {
    return form == Form.NONE;
  }

  /**
   * The augmentation for images of a shape.
   *
   * @param input the image shape (for {@code keras}, whose offsets are a tenth of the size)
   * @return the augmentation, {@link Augmentation#NONE} for none
   */
  public Augmentation augmentation(InputShape input) {
    return switch (form) {
      case NONE -> Augmentation.NONE;
      case KERAS ->
          new ShiftAugmentation(ShiftSpec.kerasAugmentation(input.width(), input.height()));
      case SHIFT -> new ShiftAugmentation(shift);
    };
  }

  /** The value as written, which is also the JSON form. */
  @JsonValue
  @Override
  public String text() {
    return text;
  }

  /** The value as written. */
  @Override
  public String toString() {
    return text;
  }
}
