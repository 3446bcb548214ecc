package io.shiftlab.nn;

/**
 * A valid (unpadded) stride-1 convolution with bias, as the catalog's article models (cnn1, cnn2)
 * use it: a {@link PaddedConv2d} with {@link PaddingMode#NONE}, so it runs on the convolution the
 * engine self-check verified, that reads and writes parameter files in the format of DJL's {@code
 * ai.djl.nn.convolutional.Conv2d} (version 2: input shapes, weight, bias). Parameter files saved
 * when these models were built from DJL's block load unchanged, and the layers keep their names
 * ({@code 01Conv2d}, ...), which probes take as {@code --param layer=}.
 */
public final class Conv2d extends PaddedConv2d {
  // DJL's Conv2d writes version 2 with its input shapes, as AbstractBlock does by default.
  private static final byte DJL_CONV2D_VERSION = 2;

  /**
   * Creates the block.
   *
   * @param filters output channels
   * @param kernel kernel size k
   */
  public Conv2d(int filters, int kernel) {
    super(DJL_CONV2D_VERSION, PaddingMode.NONE, filters, kernel, 1, 1, true);
  }
}
