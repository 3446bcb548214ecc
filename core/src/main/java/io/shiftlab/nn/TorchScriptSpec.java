package io.shiftlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.shiftlab.Setting;
import io.shiftlab.UserInputException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * How to run an exported TorchScript classifier: the file, the image shape it takes, and the
 * transform from shiftlab's [0, 1] pixels to what the module was trained on.
 *
 * <p>The module sees {@code (x * scale - mean[c]) / std[c]} for a pixel {@code x} in [0, 1] of
 * channel {@code c}, computed in float32 in that order (the order matters for bit-exact agreement
 * with the same transform written in Python). {@code scale} may be any positive finite value; in
 * practice it is 1 for models trained on {@code ToTensor()} output and 255 for models trained on
 * raw bytes. No mean/std is the same as mean 0 and std 1 per channel. Invalid values fail in the
 * constructor with a one-line {@link UserInputException} naming the option ({@code --scale}, {@code
 * --mean}, {@code --std}, {@code --classes}).
 *
 * @param file the {@code .pt} file written by {@code torch.jit.save}
 * @param input the shape of one input image
 * @param scale the factor applied to [0, 1] pixels first; positive and finite
 * @param mean per-channel values subtracted after scaling, one per channel; null for zeros
 * @param std per-channel divisors applied last, one per channel, each positive; null for ones
 * @param classes the expected number of logits, or null to take whatever the module returns
 */
public record TorchScriptSpec(
    Path file, InputShape input, float scale, float[] mean, float[] std, Integer classes) {

  /** Validates every field and fills in the default mean and std. */
  public TorchScriptSpec {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(input, "input");
    if (!(scale > 0) || !Float.isFinite(scale)) {
      throw new UserInputException(
          Setting.SCALE.id(), "must be a positive number, got " + format(scale));
    }
    int c = input.channels();
    mean = perChannel(Setting.MEAN.id(), mean, c, 0f, input);
    std = perChannel(Setting.STD.id(), std, c, 1f, input);
    for (float v : mean) {
      if (!Float.isFinite(v)) {
        throw new UserInputException(Setting.MEAN.id(), "values must be finite, got " + format(v));
      }
    }
    for (float v : std) {
      if (!(v > 0) || !Float.isFinite(v)) {
        throw new UserInputException(Setting.STD.id(), "values must be positive, got " + format(v));
      }
    }
    if (classes != null && classes < 1) {
      throw new UserInputException(Setting.CLASSES.id(), "must be >= 1, got " + classes);
    }
  }

  /**
   * A spec without normalisation: the module sees {@code x * scale}.
   *
   * @param file the {@code .pt} file
   * @param input the image shape
   * @param scale the pixel scale
   * @return the spec, taking the number of classes from the module
   */
  public static TorchScriptSpec of(Path file, InputShape input, float scale) {
    return new TorchScriptSpec(file, input, scale, null, null, null);
  }

  /** The per-channel means, a copy. */
  @Override
  public float[] mean() {
    return mean.clone();
  }

  /** The per-channel standard deviations, a copy. */
  @Override
  public float[] std() {
    return std.clone();
  }

  /**
   * Applies the transform {@code (x * scale - mean[c]) / std[c]}, broadcast over (N, C, H, W).
   * Steps that are the identity are skipped, which changes no value.
   *
   * @param batch floats (N, C, H, W) in [0, 1] of this spec's input shape
   * @return what the module sees, attached to the batch's manager; the batch itself when the
   *     transform is the identity
   */
  public NDArray transform(NDArray batch) {
    Shape s = batch.getShape();
    if (s.dimension() != 4
        || s.get(1) != input.channels()
        || s.get(2) != input.height()
        || s.get(3) != input.width()) {
      throw new IllegalArgumentException("expected a batch (N, " + input + "), got " + s);
    }
    NDArray x =
        batch.getDataType() == DataType.FLOAT32 ? batch : batch.toType(DataType.FLOAT32, false);
    Shape perChannel = new Shape(1, input.channels(), 1, 1);
    NDManager m = batch.getManager();
    if (scale != 1f) {
      x = replace(batch, x, x.mul(scale));
    }
    if (!allEqual(mean, 0f)) {
      try (NDArray mu = m.create(mean, perChannel)) {
        x = replace(batch, x, x.sub(mu));
      }
    }
    if (!allEqual(std, 1f)) {
      try (NDArray sigma = m.create(std, perChannel)) {
        x = replace(batch, x, x.div(sigma));
      }
    }
    return x;
  }

  /** Frees an intermediate step (never the caller's batch) and returns the next one. */
  private static NDArray replace(NDArray batch, NDArray previous, NDArray next) {
    if (previous != batch) {
      previous.close();
    }
    return next;
  }

  /** Whether the transform is the identity (scale 1, mean 0, std 1). */
  public boolean isIdentity() {
    return scale == 1f && allEqual(mean, 0f) && allEqual(std, 1f);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TorchScriptSpec s
        && file.equals(s.file)
        && input.equals(s.input)
        && Float.compare(scale, s.scale) == 0
        && Arrays.equals(mean, s.mean)
        && Arrays.equals(std, s.std)
        && Objects.equals(classes, s.classes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, input, scale, Arrays.hashCode(mean), Arrays.hashCode(std), classes);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "TorchScriptSpec[file=%s, input=%s, scale=%s, mean=%s, std=%s, classes=%s]",
        file,
        input,
        format(scale),
        Arrays.toString(mean),
        Arrays.toString(std),
        classes);
  }

  private static float[] perChannel(
      String option, float[] values, int channels, float fill, InputShape input) {
    if (values == null) {
      float[] out = new float[channels];
      Arrays.fill(out, fill);
      return out;
    }
    if (values.length != channels) {
      throw new UserInputException(
          option,
          values.length
              + (values.length == 1 ? " value" : " values")
              + " given, expected "
              + channels
              + " (one per channel of the input "
              + input
              + ")");
    }
    return values.clone();
  }

  private static boolean allEqual(float[] values, float v) {
    for (float x : values) {
      if (x != v) {
        return false;
      }
    }
    return true;
  }

  private static String format(float v) {
    return v == Math.rint(v) && Float.isFinite(v) ? Long.toString((long) v) : Float.toString(v);
  }
}
