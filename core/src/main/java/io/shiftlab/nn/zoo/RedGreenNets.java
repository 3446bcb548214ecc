package io.shiftlab.nn.zoo;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.shiftlab.nn.GlobalPool;
import io.shiftlab.nn.PaddedConv2d;
import io.shiftlab.nn.PaddingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The red-green network of Kayhan &amp; van Gemert (CVPR 2020, Exp. 2, {@code red_and_green.py};
 * PROTOCOLS card 5) in its four convolution types.
 *
 * <p>Four 3x3 convolutions without bias, 3&rarr;32 stride 1, 32&rarr;32 stride 2, 32&rarr;64 stride
 * 2, 64&rarr;64 stride 2, each followed by ReLU, then a global max pool and a dense layer 64&rarr;
 * classes. On a 32x32 input the four maps are 30, 14, 6, 2 (valid, p 0), 32, 16, 8, 4 (same-zero
 * and same-circular, p 1) and 34, 18, 10, 6 (full-zero, p = k &minus; 1 = 2). The receptive field
 * of the last map is 17 with a jump of 8 for every type (card 12); padding moves only its start.
 *
 * <p>Circular padding is an explicit circular pad of 1 per side followed by a valid convolution
 * ({@link PaddingMode#CIRCULAR} of {@link PaddedConv2d}), as PyTorch &le; 1.4 computed it for the
 * authors' {@code padding=2, padding_mode='circular'} (card 5, pitfalls); modern PyTorch would pad
 * 2 per side and lose the exact invariance to the 16-row roll of the Dissimilar set.
 *
 * <p>Parameters: 9 &middot; (3&middot;32 + 32&middot;32 + 32&middot;64 + 64&middot;64) = 65,376 in
 * the convolutions plus 64 &middot; 2 + 2 = 130 in the head, 65,506 for the card's 3x32x32 input
 * and 2 classes; 65,450 at the catalog's reference (1 input channel, 10 classes).
 */
public final class RedGreenNets {
  /** Output channels of the four convolutions. */
  public static final int[] CHANNELS = {32, 32, 64, 64};

  /** Strides of the four convolutions. */
  public static final int[] STRIDES = {1, 2, 2, 2};

  /** The kernel size of every convolution. */
  public static final int KERNEL = 3;

  /** The four convolution types of card 5, in table order. */
  public enum ConvType {
    /** No padding (p 0). */
    VALID(PaddingMode.NONE),
    /** Zero "same" padding (p 1). */
    SAME_ZERO(PaddingMode.ZERO),
    /** Circular padding 1 then a valid convolution. */
    SAME_CIRCULAR(PaddingMode.CIRCULAR),
    /** Full convolution: zero padding k &minus; 1 = 2. */
    FULL_ZERO(PaddingMode.FULL);

    private final PaddingMode padding;

    ConvType(PaddingMode padding) {
      this.padding = padding;
    }

    /** The padding mode of every convolution. */
    public PaddingMode padding() {
      return padding;
    }

    /** The label of the paper's table, e.g. {@code same-circular}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The catalog name, e.g. {@code redgreen-same-circular}. */
    public String model() {
      return "redgreen-" + id();
    }
  }

  private RedGreenNets() {}

  /** The catalog entries, one per convolution type. */
  public static List<ModelEntry> entries() {
    return Arrays.stream(ConvType.values())
        .map(
            t ->
                new ModelEntry(
                    t.model(),
                    "4 convs 3x3 without bias (32, 32/2, 64/2, 64/2), "
                        + t.id()
                        + ", ReLU, global max pool, dense",
                    "Kayhan & van Gemert CVPR 2020 Exp. 2 (red_and_green.py); PROTOCOLS card 5",
                    65_450,
                    (in, k) -> build(t, k)))
        .toList();
  }

  /**
   * Builds the network.
   *
   * @param type the convolution type
   * @param numClasses the number of logits
   * @return a fresh block
   */
  public static Block build(ConvType type, int numClasses) {
    SequentialBlock b = new SequentialBlock();
    for (int i = 0; i < CHANNELS.length; i++) {
      b.add(new PaddedConv2d(type.padding(), CHANNELS[i], KERNEL, STRIDES[i], 1, false))
          .add(Activation.reluBlock());
    }
    return b.add(new GlobalPool(GlobalPool.Kind.MAX))
        .add(Linear.builder().setUnits(numClasses).build());
  }
}
