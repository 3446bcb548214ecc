package io.shiftlab.nn.zoo;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import io.shiftlab.Choices;
import io.shiftlab.nn.GlobalPool;
import io.shiftlab.nn.PaddedConv2d;
import io.shiftlab.nn.PaddingMode;
import java.util.Arrays;
import java.util.List;

/**
 * All-convolutional networks (no pooling layer between the convolutions; strides and dilations do
 * the downsampling, as in Springenberg et al., "Striving for simplicity", ICLR 2015 workshop): a
 * stack of [convolution, ReLU] with one padding mode, then a read-out of a global pool or a
 * flatten, and a dense layer to the classes. Parameter counts are for the catalog's reference input
 * (1x28x28, 10 classes) unless said otherwise.
 *
 * <table>
 *   <caption>all-convolutional families</caption>
 *   <tr><th>names</th><th>convolutions</th><th>read-out</th><th>parameters</th></tr>
 *   <tr><td>{@code patchnet-zero|none|circular|full}</td><td>one 5x5 filter without bias</td>
 *   <td>global max pool, dense</td><td>45</td></tr>
 *   <tr><td>{@code redgreen-valid|same-zero|same-circular|full-zero}</td><td>3x3 without bias,
 *   32, 32/2, 64/2, 64/2</td><td>global max pool, dense</td><td>65,450</td></tr>
 *   <tr><td>{@code framing-s-flat}</td><td>3x3, 16/2, 32/2, 32/2, zero padding</td>
 *   <td>flatten, dense</td><td>19,178</td></tr>
 *   <tr><td>{@code framing-d-flat}, {@code framing-d-gap}</td><td>3x3 of dilation 1, 2, 4, 8,
 *   16/32/32/32, zero padding</td><td>flatten or global average pool, dense</td>
 *   <td>274,186 and 23,626</td></tr>
 *   <tr><td>{@code bordernet-PADDING}</td><td>3x3, 16, 32/2, 64/2, 64</td>
 *   <td>global average pool, dense</td><td>60,874</td></tr>
 * </table>
 *
 * <p><b>patchnet</b> (Kayhan &amp; van Gemert CVPR 2020 Fig. 1, {@code chess.ipynb}; PROTOCOLS card
 * 4): a single 5x5 convolution 1&rarr;1 (padding {@code zero} = same, p 2; {@code none} = valid;
 * {@code circular}, p 2; {@code full}, p 4): 25 + 10 + 10 = 45 parameters at the reference, 25 + 2
 * + 2 = 29 with the card's 2 classes, for any input size.
 *
 * <p><b>redgreen</b> (Kayhan &amp; van Gemert CVPR 2020, Exp. 2, {@code red_and_green.py};
 * PROTOCOLS card 5), in its four {@link ConvType}s. On a 32x32 input the four maps are 30, 14, 6, 2
 * (valid, p 0), 32, 16, 8, 4 (same-zero and same-circular, p 1) and 34, 18, 10, 6 (full-zero, p = k
 * &minus; 1 = 2). The receptive field of the last map is 17 with a jump of 8 for every type (card
 * 12); padding moves only its start. Circular padding is an explicit circular pad of 1 per side
 * followed by a valid convolution ({@link PaddingMode#CIRCULAR} of {@link PaddedConv2d}), as
 * PyTorch &le; 1.4 computed it for the authors' {@code padding=2, padding_mode='circular'} (card 5,
 * pitfalls); modern PyTorch would pad 2 per side and lose the exact invariance to the 16-row roll
 * of the Dissimilar set. Parameters: 9 &middot; (3&middot;32 + 32&middot;32 + 32&middot;64 +
 * 64&middot;64) = 65,376 in the convolutions plus 64 &middot; 2 + 2 = 130 in the head, 65,506 for
 * the card's 3x32x32 input and 2 classes; 65,450 at the reference.
 *
 * <p><b>framing-s / framing-d</b> (Warden's blog, seed 000; PROTOCOLS card 2; the pooled members
 * are in {@link PlainCnns}): on 1x48x48 the strided stack ends in 6x6x32 = 1152 features, the
 * dilated one (receptive field 1 + 2 (1 + 2 + 4 + 8) = 31) in 48x48x32 = 73,728. The card lists
 * three channel widths (16/32/32) and four dilations; the dilated stack repeats the last width for
 * its fourth layer. Dilated layers pad {@code d} per side (zero "same" for {@code k_eff = 2d + 1}),
 * so the map keeps the input size: the dilated models grow the receptive field without shrinking
 * the map, which is the blog's point about them.
 *
 * <p><b>bordernet</b> (PROTOCOLS card 9; after Islam et al., "Position, Padding and Predictions",
 * 2021): only the padding of the convolutions varies: {@code zero}, {@code reflect}, {@code
 * replicate}, {@code circular}, {@code partial} ("same" size) or {@code none} ("valid"). Total
 * stride 4, receptive field {@code 1 + 2 (1 + 1 + 2 + 4) = 17} pixels. With circular padding every
 * layer commutes with circular shifts by multiples of its input stride, and the global pool forgets
 * the position, so a circular shift of the input by a multiple of 4 pixels leaves the logits
 * unchanged (up to the order of the pool's floating-point sum). Parameters: 160 + 4,640 + 18,496 +
 * 36,928 + 650 = 60,874 for 10 classes, whatever the input size (valid padding needs inputs of at
 * least 19 pixels).
 */
public final class AllConvNets {
  /** The paddings of the border-distance nets (card 9), in table order. */
  public static final List<PaddingMode> BORDER_PADDINGS =
      List.of(
          PaddingMode.ZERO,
          PaddingMode.REFLECT,
          PaddingMode.REPLICATE,
          PaddingMode.CIRCULAR,
          PaddingMode.PARTIAL,
          PaddingMode.NONE);

  /**
   * Total stride of a border-distance net: a shift by a multiple of it moves the last map by whole
   * cells.
   */
  public static final int BORDER_TOTAL_STRIDE = 4;

  private static final String FRAMING_SOURCE = "Warden 2018 (blog), seed 000; PROTOCOLS card 2";

  private static final int[] REDGREEN_WIDTHS = {32, 32, 64, 64};
  private static final int[] REDGREEN_STRIDES = {1, 2, 2, 2};
  private static final int[] FRAMING_WIDTHS = {16, 32, 32};
  private static final int[] FRAMING_DILATIONS = {1, 2, 4, 8};
  private static final int[] ONES = {1, 1, 1, 1};
  private static final int[] BORDER_WIDTHS = {16, 32, 64, 64};
  private static final int[] BORDER_STRIDES = {1, 2, 2, 1};

  /**
   * The four convolution types of the red-green nets (card 5), in table order; the {@code id()} is
   * the label of the paper's table, e.g. {@code same-circular}.
   */
  public enum ConvType implements Choices.Id {
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

    /** The catalog name, e.g. {@code redgreen-same-circular}. */
    public String model() {
      return "redgreen-" + id();
    }
  }

  /**
   * One convolution of a stack.
   *
   * @param filters output channels
   * @param kernel kernel size k
   * @param stride stride s
   * @param dilation dilation d
   */
  record Conv(int filters, int kernel, int stride, int dilation) {}

  private AllConvNets() {}

  /** The catalog entries {@code patchnet-zero}, {@code -none}, {@code -circular}, {@code -full}. */
  static List<ModelEntry> patchNets() {
    return List.of(PaddingMode.ZERO, PaddingMode.NONE, PaddingMode.CIRCULAR, PaddingMode.FULL)
        .stream()
        .map(
            mode ->
                new ModelEntry(
                    "patchnet-" + mode.id(),
                    "one 5x5 filter without bias, "
                        + mode.id()
                        + " padding, ReLU, global max pool, dense (1 -> classes)",
                    "Kayhan & van Gemert CVPR 2020 Fig. 1 (chess.ipynb); PROTOCOLS card 4",
                    45,
                    (in, k) ->
                        build(
                            mode,
                            false,
                            List.of(new Conv(1, 5, 1, 1)),
                            new GlobalPool(GlobalPool.Kind.MAX),
                            k)))
        .toList();
  }

  /** The catalog entries of the red-green nets, one per convolution type. */
  static List<ModelEntry> redGreenNets() {
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
   * Builds a red-green net.
   *
   * @param type the convolution type
   * @param numClasses the number of logits
   * @return a fresh block
   */
  public static Block build(ConvType type, int numClasses) {
    List<Conv> convs = threeByThree(REDGREEN_WIDTHS, REDGREEN_STRIDES, ONES);
    return build(type.padding(), false, convs, new GlobalPool(GlobalPool.Kind.MAX), numClasses);
  }

  /** The unpooled framing-bias models: {@code framing-s-flat}, {@code -d-flat}, {@code -d-gap}. */
  static List<ModelEntry> framingNets() {
    return List.of(
        new ModelEntry(
            "framing-s-flat",
            "framing S-flat: 3x3 convs of stride 2 (16/32/32), flatten, dense",
            FRAMING_SOURCE,
            19_178,
            (in, k) -> framing(strided(), true, k)),
        new ModelEntry(
            "framing-d-flat",
            "framing D-flat: 3x3 convs of dilation 1/2/4/8 (16/32/32/32, RF 31), flatten, dense",
            FRAMING_SOURCE,
            274_186,
            (in, k) -> framing(dilated(), true, k)),
        new ModelEntry(
            "framing-d-gap",
            "framing D-gap: 3x3 convs of dilation 1/2/4/8 (16/32/32/32, RF 31), global average"
                + " pool, dense",
            FRAMING_SOURCE,
            23_626,
            (in, k) -> framing(dilated(), false, k)));
  }

  private static List<Conv> strided() {
    return threeByThree(FRAMING_WIDTHS, new int[] {2, 2, 2}, ONES);
  }

  /** The dilated stack repeats the last of the card's three widths for its fourth layer. */
  private static List<Conv> dilated() {
    return threeByThree(new int[] {16, 32, 32, 32}, ONES, FRAMING_DILATIONS);
  }

  /**
   * A stack of 3x3 convolutions.
   *
   * @param widths output channels per layer
   * @param strides strides per layer, at least as many as widths
   * @param dilations dilations per layer, at least as many as widths
   * @return the convolutions
   */
  private static List<Conv> threeByThree(int[] widths, int[] strides, int[] dilations) {
    Conv[] convs = new Conv[widths.length];
    for (int i = 0; i < convs.length; i++) {
      convs[i] = new Conv(widths[i], 3, strides[i], dilations[i]);
    }
    return List.of(convs);
  }

  private static Block framing(List<Conv> convs, boolean flat, int numClasses) {
    Block readout = flat ? Blocks.batchFlattenBlock() : new GlobalPool(GlobalPool.Kind.AVG);
    return build(PaddingMode.ZERO, true, convs, readout, numClasses);
  }

  /**
   * The catalog name of the border-distance net with a padding.
   *
   * @param mode the padding
   * @return {@code bordernet-<id>}
   */
  public static String borderNetName(PaddingMode mode) {
    return "bordernet-" + mode.id();
  }

  /** The border-distance nets, one per padding of {@link #BORDER_PADDINGS}. */
  static List<ModelEntry> borderNets() {
    return BORDER_PADDINGS.stream()
        .map(
            mode ->
                new ModelEntry(
                    borderNetName(mode),
                    "border-distance net: 3x3 convs 16/32/64/64, strides 1/2/2/1, "
                        + mode.id()
                        + " padding, ReLU, global average pool, dense",
                    "Islam et al. 2021 (Position, Padding and Predictions); PROTOCOLS card 9",
                    60_874,
                    (in, k) -> borderNet(mode, k)))
        .toList();
  }

  static Block borderNet(PaddingMode mode, int numClasses) {
    List<Conv> convs = threeByThree(BORDER_WIDTHS, BORDER_STRIDES, ONES);
    return build(mode, true, convs, new GlobalPool(GlobalPool.Kind.AVG), numClasses);
  }

  /**
   * Builds an all-convolutional network: [convolution, ReLU] per entry of {@code convs}, the
   * read-out block, a dense layer.
   *
   * @param mode the padding of every convolution
   * @param bias whether the convolutions have a bias
   * @param convs the convolutions, in order
   * @param readout a global pool or a flatten
   * @param numClasses the number of logits
   * @return a fresh block
   */
  static Block build(
      PaddingMode mode, boolean bias, List<Conv> convs, Block readout, int numClasses) {
    SequentialBlock b = new SequentialBlock();
    for (Conv c : convs) {
      b.add(new PaddedConv2d(mode, c.filters(), c.kernel(), c.stride(), c.dilation(), bias))
          .add(Activation.reluBlock());
    }
    return b.add(readout).add(DenseNets.dense(numClasses));
  }
}
