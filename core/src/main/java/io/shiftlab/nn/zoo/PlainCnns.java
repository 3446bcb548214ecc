package io.shiftlab.nn.zoo;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import io.shiftlab.Choices;
import io.shiftlab.nn.Conv2d;
import io.shiftlab.nn.GlobalPool;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.MaxPool2d;
import io.shiftlab.nn.PaddedConv2d;
import io.shiftlab.nn.PaddingMode;
import java.util.Arrays;
import java.util.List;

/**
 * Plain convolutional networks in the LeNet manner: stages of convolution, ReLU and a 2x2 max pool,
 * then a read-out (a flatten and a small multilayer perceptron, a flatten and a dense layer, or a
 * global average pool and a dense layer). Parameter counts for the catalog's reference input
 * (1x28x28, 10 classes):
 *
 * <table>
 *   <caption>plain CNNs</caption>
 *   <tr><th>name</th><th>layers</th><th>parameters</th></tr>
 *   <tr><td>cnn1</td><td>Conv 20@5x5 valid, ReLU, MaxPool 2, Flatten 2,880, Dense 100, ReLU, Dense
 *   10</td><td>289,630</td></tr>
 *   <tr><td>cnn2</td><td>Conv 20@5x5 valid, ReLU, MaxPool 2, Conv 40@5x5 valid, ReLU, MaxPool 2,
 *   Flatten 640, Dense 100, ReLU, Dense 10</td><td>85,670</td></tr>
 *   <tr><td>corner-fc, framing-p-flat</td><td>[Conv 3x3 same, ReLU, MaxPool 2] x 3 (16/32/32),
 *   Flatten, Dense</td><td>16,938</td></tr>
 *   <tr><td>corner-gap, corner-gap-circular, framing-p-gap</td><td>the same, global average pool,
 *   Dense</td><td>14,378</td></tr>
 *   <tr><td>posenc-zero, posenc-none</td><td>Conv 20@5x5, ReLU, MaxPool 2, Conv 40@5x5, ReLU, Conv
 *   40@3x3, ReLU, MaxPool 2, Flatten, Dense 100, ReLU, Dense 10</td><td>232,110 and 72,110</td></tr>
 * </table>
 *
 * <p><b>cnn1, cnn2</b>: the two CNNs of the shifted-digits experiment (Soni 2019; card 1 of
 * PROTOCOLS.md). Flattening is NCHW rather than Keras's NHWC, which only permutes the weights of
 * the following dense layer. The convolutions are shiftlab's {@link Conv2d} (DJL's parameter
 * layout, run through the engine-checked convolution).
 *
 * <p><b>The 16/32/32 stack</b> (Warden's blog, seed 000, card 2, {@code framing-p-*}; the
 * StackExchange answer of seed 003, card 3, {@code corner-*}): [3x3 convolution stride 1 with bias,
 * "same" padding, ReLU, max pool 2/2] three times; a 64x64 input becomes 8x8x32. Along each axis
 * the last map has a receptive field of 22, a jump of 8 and an effective padding of 7: cell i sees
 * input rows 8i &minus; 7 .. 8i + 14 (card 3). Its {@link Head}s:
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
 * <p>{@code framing-p-flat} and {@code framing-p-gap} are {@code corner-fc} and {@code corner-gap}
 * under the names of card 2. Parameters of the stack with one input channel: 160 + 4,640 + 9,248 =
 * 14,048; heads (10 classes): FC 2048 &middot; 10 + 10 = 20,490 on 64x64 (288 &middot; 10 + 10 =
 * 2,890 at the reference, where the map is 3x3), GAP 330.
 *
 * <p><b>posenc</b>: the small-scale encoders of the position read-out (PROTOCOLS card 6, "a
 * CNN2-style same-zero net plus its valid twin"), identical but for the padding of their three
 * convolution stages. On 1x28x28 the stages are 28, 14 and 14 pixels wide with zero padding and 24,
 * 8 and 6 without. The stages are the three ReLU outputs, which is what {@link
 * io.shiftlab.probe.FeatureMaps} exposes as levels f1..f3.
 */
public final class PlainCnns {
  /** Channels of the three stages of the 16/32/32 stack. */
  public static final int[] CHANNELS = {16, 32, 32};

  private static final String SONI = "Soni 2019 (Medium), seed 004; PROTOCOLS card 1";
  private static final String WARDEN = "Warden 2018 (blog), seed 000; PROTOCOLS card 2";

  /**
   * The three heads of the 16/32/32 stack (card 3), in table order; the {@code id()} is the label
   * in tables, e.g. {@code gap-circular}.
   */
  public enum Head implements Choices.Id {
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

    /** The padding of the stack's convolutions. */
    public PaddingMode padding() {
      return padding;
    }

    /** The catalog name, e.g. {@code corner-gap-circular}. */
    public String model() {
      return "corner-" + id();
    }
  }

  private PlainCnns() {}

  /** The catalog entries {@code cnn1} and {@code cnn2}. */
  static List<ModelEntry> cnns() {
    return List.of(
        new ModelEntry(
            "cnn1",
            "one conv 20@5x5 + max-pool 2, dense 100, dense 10",
            SONI,
            289_630,
            PlainCnns::cnn1),
        new ModelEntry(
            "cnn2",
            "two conv (20@5x5, 40@5x5) + max-pool 2 stages, dense 100, dense 10",
            SONI,
            85_670,
            PlainCnns::cnn2));
  }

  static Block cnn1(InputShape in, int numClasses) {
    return mlpReadout(stage(new SequentialBlock(), new Conv2d(20, 5)), numClasses);
  }

  static Block cnn2(InputShape in, int numClasses) {
    SequentialBlock b = stage(new SequentialBlock(), new Conv2d(20, 5));
    return mlpReadout(stage(b, new Conv2d(40, 5)), numClasses);
  }

  /** The catalog entries of the 16/32/32 stack under card 3's names, one per head. */
  static List<ModelEntry> cornerNets() {
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

  /** The catalog entries of the 16/32/32 stack under card 2's names: {@code framing-p-*}. */
  static List<ModelEntry> framingNets() {
    return List.of(
        new ModelEntry(
            "framing-p-flat",
            "framing P-flat: [3x3 conv, max-pool 2] x 3 (16/32/32), flatten, dense",
            WARDEN,
            16_938,
            (in, k) -> build(Head.FC, k)),
        new ModelEntry(
            "framing-p-gap",
            "framing P-gap: [3x3 conv, max-pool 2] x 3 (16/32/32), global average pool, dense",
            WARDEN,
            14_378,
            (in, k) -> build(Head.GAP, k)));
  }

  /**
   * Builds the 16/32/32 stack with a head.
   *
   * @param head the head (and the stack's padding)
   * @param numClasses the number of logits
   * @return a fresh block
   */
  public static Block build(Head head, int numClasses) {
    SequentialBlock b = new SequentialBlock();
    for (int c : CHANNELS) {
      stage(b, PaddedConv2d.of(head.padding(), c, 3));
    }
    // GAP_CIRCULAR's sorted average sums a rolled map in the same order, so the roll invariance
    // card 3 asserts holds bit for bit, not only up to rounding.
    b.add(
        switch (head) {
          case FC -> Blocks.batchFlattenBlock();
          case GAP -> new GlobalPool(GlobalPool.Kind.AVG);
          case GAP_CIRCULAR -> new GlobalPool(GlobalPool.Kind.SORTED_AVG);
        });
    return b.add(DenseNets.dense(numClasses));
  }

  /** The position encoders {@code posenc-zero} and {@code posenc-none}, zero padding first. */
  static List<ModelEntry> positionEncoders() {
    return List.of(
        positionEncoderEntry(PaddingMode.ZERO, 232_110),
        positionEncoderEntry(PaddingMode.NONE, 72_110));
  }

  private static ModelEntry positionEncoderEntry(PaddingMode mode, long params) {
    return new ModelEntry(
        "posenc-" + mode.id(),
        "CNN2-style encoder for the position read-out: conv 20@5, pool, conv 40@5, conv 40@3, pool,"
            + " dense 100, dense classes; "
            + mode.id()
            + " padding",
        "Islam, Jia & Bruce ICLR 2020 small-scale analogue; PROTOCOLS card 6",
        params,
        (in, k) -> positionEncoder(mode, k));
  }

  static Block positionEncoder(PaddingMode mode, int numClasses) {
    SequentialBlock b = stage(new SequentialBlock(), PaddedConv2d.of(mode, 20, 5));
    b.add(PaddedConv2d.of(mode, 40, 5)).add(Activation.reluBlock());
    return mlpReadout(stage(b, PaddedConv2d.of(mode, 40, 3)), numClasses);
  }

  /** Adds the convolution, ReLU, max-pool 2. */
  private static SequentialBlock stage(SequentialBlock b, Block conv) {
    return b.add(conv).add(Activation.reluBlock()).add(MaxPool2d.of(2));
  }

  /** Adds flatten, dense 100, ReLU, dense K. */
  private static SequentialBlock mlpReadout(SequentialBlock b, int numClasses) {
    return b.add(Blocks.batchFlattenBlock())
        .add(DenseNets.dense(100))
        .add(Activation.reluBlock())
        .add(DenseNets.dense(numClasses));
  }
}
