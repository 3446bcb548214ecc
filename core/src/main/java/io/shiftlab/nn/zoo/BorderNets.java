package io.shiftlab.nn.zoo;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.shiftlab.nn.GlobalPool;
import io.shiftlab.nn.PaddedConv2d;
import io.shiftlab.nn.PaddingMode;
import java.util.List;

/**
 * The {@code bordernet-PADDING} models of the border-distance experiment (PROTOCOLS card 9; after
 * Islam et al., "Position, Padding and Predictions", 2021): four 3x3 convolutions with 16, 32, 64
 * and 64 filters and strides 1, 2, 2, 1, each followed by ReLU, then global average pooling and a
 * dense layer. Only the padding of the convolutions varies: {@code zero}, {@code reflect}, {@code
 * replicate}, {@code circular}, {@code partial} ("same" size) or {@code none} ("valid").
 *
 * <p>Total stride 4, receptive field {@code 1 + 2 (1 + 1 + 2 + 4) = 17} pixels. With circular
 * padding every layer commutes with circular shifts by multiples of its input stride, and the
 * global pool forgets the position, so a circular shift of the input by a multiple of 4 pixels
 * leaves the logits unchanged (up to the order of the pool's floating-point sum). Parameters: 160 +
 * 4,640 + 18,496 + 36,928 + 650 = 60,874 for 10 classes, whatever the input size (valid padding
 * needs inputs of at least 19 pixels).
 */
public final class BorderNets {
  /** The paddings of card 9, in table order. */
  public static final List<PaddingMode> PADDINGS =
      List.of(
          PaddingMode.ZERO,
          PaddingMode.REFLECT,
          PaddingMode.REPLICATE,
          PaddingMode.CIRCULAR,
          PaddingMode.PARTIAL,
          PaddingMode.NONE);

  /** Total stride of the network: a shift by a multiple of it moves the last map by whole cells. */
  public static final int TOTAL_STRIDE = 4;

  private static final int[] WIDTHS = {16, 32, 64, 64};
  private static final int[] STRIDES = {1, 2, 2, 1};

  private BorderNets() {}

  /**
   * The catalog name of the model with a padding.
   *
   * @param mode the padding
   * @return {@code bordernet-<id>}
   */
  public static String name(PaddingMode mode) {
    return "bordernet-" + mode.id();
  }

  /** The family, for {@code ModelCatalog.registerAll}. */
  static List<ModelEntry> entries() {
    return PADDINGS.stream()
        .map(
            mode ->
                new ModelEntry(
                    name(mode),
                    "border-distance net: 3x3 convs 16/32/64/64, strides 1/2/2/1, "
                        + mode.id()
                        + " padding, ReLU, global average pool, dense",
                    "Islam et al. 2021 (Position, Padding and Predictions); PROTOCOLS card 9",
                    60_874,
                    (in, k) -> build(mode, k)))
        .toList();
  }

  static Block build(PaddingMode mode, int numClasses) {
    SequentialBlock b = new SequentialBlock();
    for (int i = 0; i < WIDTHS.length; i++) {
      b.add(new PaddedConv2d(mode, WIDTHS[i], 3, STRIDES[i], 1, true)).add(Activation.reluBlock());
    }
    return b.add(new GlobalPool(GlobalPool.Kind.AVG))
        .add(Linear.builder().setUnits(numClasses).build());
  }
}
