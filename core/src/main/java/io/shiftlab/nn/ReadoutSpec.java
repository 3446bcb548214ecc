package io.shiftlab.nn;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import java.util.Locale;

/**
 * The PosENet position read-out (Islam, Jia &amp; Bruce ICLR 2020; PROTOCOLS card 6): {@code (D -
 * 1) x [conv k x k C -> C, BN, ReLU]} then {@code conv k x k C -> 1, BN, sigmoid}, all convolutions
 * with the same padding. The card's default is {@code k = 3}, no padding, {@code D = 1}, which maps
 * an {@code S x S} input to {@code (S - 2) x (S - 2)}.
 *
 * @param depth D, 1 to 3 (the card's ablation)
 * @param kernel k, odd, 1 to 7
 * @param padding {@link PaddingMode#NONE} (the card's default) or {@link PaddingMode#ZERO}
 */
public record ReadoutSpec(int depth, int kernel, PaddingMode padding) {
  /** The card's default: depth 1, 3x3, no padding. */
  public static final ReadoutSpec DEFAULT = new ReadoutSpec(1, 3, PaddingMode.NONE);

  /** Validates the values. */
  public ReadoutSpec {
    if (depth < 1 || depth > 3) {
      throw new IllegalArgumentException("read-out depth must be 1..3, got " + depth);
    }
    if (kernel < 1 || kernel > 7 || kernel % 2 == 0) {
      throw new IllegalArgumentException("read-out kernel must be odd, 1..7, got " + kernel);
    }
    if (padding != PaddingMode.NONE && padding != PaddingMode.ZERO) {
      throw new IllegalArgumentException("read-out padding must be none or zero, got " + padding);
    }
  }

  /**
   * The output side for an input side {@code s}.
   *
   * @param s the input side
   * @return {@code s} with zero padding, {@code s - D (k - 1)} without
   */
  public int outputSide(int s) {
    return padding == PaddingMode.ZERO ? s : s - depth * (kernel - 1);
  }

  /**
   * Builds the read-out for {@code channels} input channels (uninitialised).
   *
   * @param channels C
   * @return the block, output (N, 1, S', S') in (0, 1)
   */
  public Block block(int channels) {
    SequentialBlock b = new SequentialBlock();
    for (int i = 1; i < depth; i++) {
      b.add(new PaddedConv2d(padding, channels, kernel, 1, 1, true))
          .add(BatchNorm.builder().build())
          .add(Activation.reluBlock());
    }
    return b.add(new PaddedConv2d(padding, 1, kernel, 1, 1, true))
        .add(BatchNorm.builder().build())
        .add(Activation::sigmoid);
  }

  /** E.g. {@code D1 k3 pad none}. */
  public String label() {
    return String.format(Locale.ROOT, "D%d k%d pad %s", depth, kernel, padding.id());
  }
}
