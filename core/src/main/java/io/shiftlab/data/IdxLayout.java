package io.shiftlab.data;

/**
 * How the pixels of one image are ordered inside an IDX image file.
 *
 * <p>MNIST, Fashion-MNIST and KMNIST store each image row by row ({@link #STANDARD}). EMNIST was
 * exported from MATLAB and stores each image column by column ({@link #EMNIST}); read row by row,
 * its letters appear transposed. The reader undoes that so every {@link ImageSet} is row-major.
 */
public enum IdxLayout {
  /**
   * Row-major: pixel (row r, column c) of an image with {@code cols} columns is at {@code r * cols
   * + c}.
   */
  STANDARD,
  /**
   * Column-major: pixel (row r, column c) of an image with {@code rows} rows is at {@code c * rows
   * + r}.
   */
  EMNIST;

  /**
   * Reorders one image from this layout to row-major.
   *
   * @param src the stored pixels of one image
   * @param srcOffset where the image starts in {@code src}
   * @param dst the row-major destination
   * @param dstOffset where the image starts in {@code dst}
   * @param rows rows per image
   * @param cols columns per image
   */
  void toRowMajor(byte[] src, int srcOffset, byte[] dst, int dstOffset, int rows, int cols) {
    if (this == STANDARD) {
      System.arraycopy(src, srcOffset, dst, dstOffset, rows * cols);
      return;
    }
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        dst[dstOffset + r * cols + c] = src[srcOffset + c * rows + r];
      }
    }
  }
}
