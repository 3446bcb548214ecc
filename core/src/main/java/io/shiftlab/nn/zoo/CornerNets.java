package io.shiftlab.nn.zoo;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.shiftlab.nn.GlobalPool;
import io.shiftlab.nn.MaxPool2d;
import io.shiftlab.nn.PaddedConv2d;
import io.shiftlab.nn.PaddingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The three networks of the corner-only experiment (PROTOCOLS card 3, after the StackExchange
 * answer of seed 003): one trunk, three heads.
 *
 * <p>Trunk: [3x3 convolution stride 1 with bias, "same" padding, ReLU, max pool 2/2] three times,
 * 16, 32, 32 channels; a 64x64 input becomes 8x8x32. Along each axis the last map has a receptive
 * field of 22, a jump of 8 and an effective padding of 7: cell i sees input rows 8i &minus; 7 .. 8i
 * + 14 (card 3). Heads:
 *
 * <ul>
 *   <li>{@code corner-fc}: zero padding, flatten (2048 on 64x64) &rarr; dense; each output weight
 *       is tied to one position, so digits where training never put them meet untrained weights;
 *   <li>{@code corner-gap}: zero padding, global average pool &rarr; dense 32 &rarr; classes;
 *   <li>{@code corner-gap-circular}: the same with circular padding in the trunk. A circular roll
 *       of the input by a multiple of the total stride 8 rolls the 8x8 map, which global pooling
 *       ignores; the four corners of card 3 are rolls by 0 or 32 rows and columns. The average is
 *       taken over each channel's sorted values ({@link GlobalPool.Kind#SORTED_AVG}), so the logits
 *       of the four corners are equal bit for bit.
 * </ul>
 *
 * <p>Parameters of the trunk with one input channel: 160 + 4,640 + 9,248 = 14,048; heads (10
 * classes): FC 2048 &middot; 10 + 10 = 20,490 on 64x64 (288 &middot; 10 + 10 = 2,890 at the
 * catalog's 28x28 reference, where the map is 3x3), GAP 330.
 */
public final class CornerNets {
  /** Channels of the three trunk stages. */
  public static final int[] CHANNELS = {16, 32, 32};

  /** The three heads of card 3, in table order. */
  public enum Head {
    /** Zero padding, flatten, dense. */
    FC(PaddingMode.ZERO, 16_938),
    /** Zero padding, global average pool, dense. */
    GAP(PaddingMode.ZERO, 14_378),
    /** Circular padding, global average pool (summed in sorted order), dense. */
    GAP_CIRCULAR(PaddingMode.CIRCULAR, 14_378);

    private final PaddingMode padding;
    private final long referenceParameters;

    Head(PaddingMode padding, long referenceParameters) {
      this.padding = padding;
      this.referenceParameters = referenceParameters;
    }

    /** The padding of the trunk's convolutions. */
    public PaddingMode padding() {
      return padding;
    }

    /** The label in tables, e.g. {@code gap-circular}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The catalog name, e.g. {@code corner-gap-circular}. */
    public String model() {
      return "corner-" + id();
    }
  }

  private CornerNets() {}

  /** The catalog entries, one per head. */
  public static List<ModelEntry> entries() {
    return Arrays.stream(Head.values())
        .map(
            h ->
                new ModelEntry(
                    h.model(),
                    "[conv 3x3 "
                        + h.padding().id()
                        + " same, ReLU, max-pool 2] x3 (16/32/32), "
                        + (h == Head.FC ? "flatten" : "global average pool")
                        + ", dense",
                    "StackExchange answer (seed 003); PROTOCOLS card 3",
                    h.referenceParameters,
                    (in, k) -> build(h, k)))
        .toList();
  }

  /**
   * Builds the network.
   *
   * @param head the head (and trunk padding)
   * @param numClasses the number of logits
   * @return a fresh block
   */
  public static Block build(Head head, int numClasses) {
    SequentialBlock b = new SequentialBlock();
    for (int c : CHANNELS) {
      b.add(PaddedConv2d.of(head.padding(), c, 3)).add(Activation.reluBlock()).add(MaxPool2d.of(2));
    }
    // GAP_CIRCULAR's sorted average sums a rolled map in the same order, so the roll invariance
    // the card asserts holds bit for bit, not only up to rounding.
    b.add(
        switch (head) {
          case FC -> Blocks.batchFlattenBlock();
          case GAP -> new GlobalPool(GlobalPool.Kind.AVG);
          case GAP_CIRCULAR -> new GlobalPool(GlobalPool.Kind.SORTED_AVG);
        });
    return b.add(Linear.builder().setUnits(numClasses).build());
  }
}
