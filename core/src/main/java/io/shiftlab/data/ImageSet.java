package io.shiftlab.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A labelled set of images in memory, 8-bit, layout NCHW.
 *
 * <p>Pixels are kept as unsigned bytes (0 to 255) so that 60,000 MNIST-sized images take 47 MB;
 * they are scaled to floats in [0, 1] only per batch, when they become tensors.
 *
 * @param name a short name for messages and manifests, e.g. {@code "digits/train"}
 * @param pixels {@code n * channels * height * width} unsigned bytes, image after image
 * @param labels {@code n} labels in {@code [0, numClasses)}
 * @param numClasses the number of classes
 * @param channels channels per image
 * @param height rows per image
 * @param width columns per image
 */
public record ImageSet(
    String name, byte[] pixels, int[] labels, int numClasses, int channels, int height, int width) {

  /** Validates the sizes and the labels. */
  public ImageSet {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pixels, "pixels");
    Objects.requireNonNull(labels, "labels");
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "image shape must be positive, got " + channels + "x" + height + "x" + width);
    }
    if (numClasses < 1) {
      throw new IllegalArgumentException("numClasses must be positive, got " + numClasses);
    }
    long expected = (long) labels.length * channels * height * width;
    if (expected != pixels.length) {
      throw new IllegalArgumentException(
          "pixels has "
              + pixels.length
              + " bytes, expected "
              + expected
              + " for "
              + labels.length
              + " images of "
              + channels
              + "x"
              + height
              + "x"
              + width);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException(
            "label " + labels[i] + " of image " + i + " is outside [0, " + numClasses + ")");
      }
    }
  }

  /** The number of images. */
  public int size() {
    return labels.length;
  }

  /** Bytes per image. */
  public int imageBytes() {
    return channels * height * width;
  }

  /**
   * Returns the images at the given indices, in that order.
   *
   * @param newName the name of the subset
   * @param indices indices into this set
   * @return the subset
   */
  public ImageSet subset(String newName, int[] indices) {
    int b = imageBytes();
    byte[] px = new byte[indices.length * b];
    int[] lb = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(pixels, indices[i] * b, px, i * b, b);
      lb[i] = labels[indices[i]];
    }
    return new ImageSet(newName, px, lb, numClasses, channels, height, width);
  }

  /**
   * The same images with each label {@code l} replaced by {@code map[l]}, out of {@code numClasses}
   * classes (a data set's classes mapped onto a model's logits).
   *
   * @param map the new label of each old one
   * @param numClasses the number of new classes
   * @return the relabelled set
   */
  public ImageSet relabel(int[] map, int numClasses) {
    if (map.length != this.numClasses) {
      throw new IllegalArgumentException(
          map.length + " labels mapped, " + this.numClasses + " exist");
    }
    int[] out = new int[labels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = map[labels[i]];
    }
    return new ImageSet(name, pixels, out, numClasses, channels, height, width);
  }

  /**
   * Returns the first {@code n} images (all of them when {@code n >= size()}).
   *
   * @param n how many images to keep
   * @return the prefix
   */
  public ImageSet head(int n) {
    if (n >= size()) {
      return this;
    }
    int b = imageBytes();
    return new ImageSet(
        name,
        Arrays.copyOf(pixels, n * b),
        Arrays.copyOf(labels, n),
        numClasses,
        channels,
        height,
        width);
  }

  /**
   * Returns the pixels of image {@code i} as a copy.
   *
   * @param i the image index
   * @return {@link #imageBytes()} unsigned bytes
   */
  public byte[] image(int i) {
    int b = imageBytes();
    return Arrays.copyOfRange(pixels, i * b, (i + 1) * b);
  }
}
