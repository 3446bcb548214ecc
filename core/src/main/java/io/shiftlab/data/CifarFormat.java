package io.shiftlab.data;

/**
 * The record layouts of the CIFAR binary batches, and which label to keep.
 *
 * <p>Each record is the label byte(s) followed by 3072 pixel bytes: the 32x32 red plane, then
 * green, then blue, each row-major. CIFAR-10 has one label byte (10 classes); CIFAR-100 has a
 * coarse label (20 superclasses) and then a fine label (100 classes).
 */
public enum CifarFormat {
  /** CIFAR-10: 1 label byte, 10 classes. */
  CIFAR10(1, 0, 10),
  /** CIFAR-100 with its 100 fine labels (the second label byte). */
  CIFAR100_FINE(2, 1, 100),
  /** CIFAR-100 with its 20 coarse labels (the first label byte). */
  CIFAR100_COARSE(2, 0, 20);

  /** Bytes of one image: 3 channels of 32x32. */
  public static final int IMAGE_BYTES = 3 * 32 * 32;

  private final int labelBytes;
  private final int labelIndex;
  private final int numClasses;

  CifarFormat(int labelBytes, int labelIndex, int numClasses) {
    this.labelBytes = labelBytes;
    this.labelIndex = labelIndex;
    this.numClasses = numClasses;
  }

  /** Bytes of one record: the label bytes and the image. */
  public int recordBytes() {
    return labelBytes + IMAGE_BYTES;
  }

  /** Number of label bytes at the start of each record. */
  public int labelBytes() {
    return labelBytes;
  }

  /** Which of the label bytes is kept. */
  public int labelIndex() {
    return labelIndex;
  }

  /** The number of classes of the kept label. */
  public int numClasses() {
    return numClasses;
  }
}
