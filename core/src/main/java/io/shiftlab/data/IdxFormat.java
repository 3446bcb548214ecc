package io.shiftlab.data;

import java.util.Objects;

/**
 * How to interpret an IDX image/label pair: the pixel layout, the class count and the value of the
 * first label.
 *
 * <p>A label byte {@code b} becomes class {@code b - labelOffset}, which must lie in {@code [0,
 * numClasses)}. EMNIST "letters" numbers its classes 1 to 26, hence {@link #emnistLetters()} uses
 * an offset of 1; every other set starts at 0.
 *
 * @param layout the pixel order of each stored image
 * @param numClasses the number of classes, 1 to 256
 * @param labelOffset the label byte of class 0, 0 to 255
 */
public record IdxFormat(IdxLayout layout, int numClasses, int labelOffset) {

  /** Validates the class count and the offset. */
  public IdxFormat {
    Objects.requireNonNull(layout, "layout");
    if (numClasses < 1 || numClasses > 256) {
      throw new IllegalArgumentException("numClasses must be in [1, 256], got " + numClasses);
    }
    if (labelOffset < 0 || labelOffset + numClasses > 256) {
      throw new IllegalArgumentException(
          "labelOffset + numClasses must fit in a byte, got " + labelOffset + " + " + numClasses);
    }
  }

  /** MNIST, Fashion-MNIST, KMNIST: row-major, 10 classes labelled 0 to 9. */
  public static IdxFormat mnist() {
    return new IdxFormat(IdxLayout.STANDARD, 10, 0);
  }

  /** EMNIST "letters": column-major images, 26 classes labelled 1 to 26. */
  public static IdxFormat emnistLetters() {
    return new IdxFormat(IdxLayout.EMNIST, 26, 1);
  }

  /**
   * The other EMNIST splits (digits 10, balanced 47, byclass 62, ...): column-major, labels from 0.
   *
   * @param numClasses the number of classes of the split
   * @return the format
   */
  public static IdxFormat emnist(int numClasses) {
    return new IdxFormat(IdxLayout.EMNIST, numClasses, 0);
  }
}
