package io.shiftlab.nn;

import ai.djl.ndarray.types.Shape;
import io.shiftlab.UserInputException;

/**
 * The shape of one input image, channels x height x width.
 *
 * @param channels channels, at least 1
 * @param height rows, at least 1
 * @param width columns, at least 1
 */
public record InputShape(int channels, int height, int width) {
  /** The 1x28x28 greyscale shape of MNIST-style data. */
  public static final InputShape MNIST = new InputShape(1, 28, 28);

  /** Validates that every dimension is positive. */
  public InputShape {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "input shape must be positive, got " + channels + "x" + height + "x" + width);
    }
  }

  /**
   * Parses {@code CxHxW}, e.g. {@code 1x28x28}.
   *
   * @param option the option name, for the error message
   * @param text the value
   * @return the shape
   */
  public static InputShape parse(String option, String text) {
    String[] parts = text.trim().split("x");
    if (parts.length != 3) {
      throw new UserInputException(option, "'" + text + "': expected CxHxW, e.g. 1x28x28");
    }
    try {
      int c = Integer.parseInt(parts[0]);
      int h = Integer.parseInt(parts[1]);
      int w = Integer.parseInt(parts[2]);
      if (c < 1 || h < 1 || w < 1) {
        throw new UserInputException(option, "'" + text + "': every dimension must be positive");
      }
      return new InputShape(c, h, w);
    } catch (NumberFormatException e) {
      throw new UserInputException(option, "'" + text + "': expected CxHxW, e.g. 1x28x28");
    }
  }

  /** The number of values in one image. */
  public int size() {
    return channels * height * width;
  }

  /**
   * The NCHW shape of a batch.
   *
   * @param batch the batch size
   * @return the shape
   */
  public Shape batch(long batch) {
    return new Shape(batch, channels, height, width);
  }

  @Override
  public String toString() {
    return channels + "x" + height + "x" + width;
  }
}
