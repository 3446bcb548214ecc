package io.shiftlab.nn.zoo;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import io.shiftlab.nn.ChannelPermutation;
import io.shiftlab.nn.GlobalPool;
import io.shiftlab.nn.PaddedConv2d;
import io.shiftlab.nn.PaddingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * GAPNet and PermuteNet (Islam, Kowal, Jia, Derpanis, Bruce, "Position, padding and predictions",
 * ICCV 2021): a batch-normalised convolution trunk and a head that forgets position (a convolution
 * to the logits and a global average pool, or a global pool, a random channel permutation and a
 * dense layer), built as two children so the trunk's map can be read and edited. These are the
 * small-scale forms of the location-grid experiment (PROTOCOLS card 7), scaled down from CIFAR
 * ResNet-18 as the card's small-scale line says.
 *
 * <p>Both share a trunk of three 3x3 convolutions without bias, 16, 32 and 32 filters, strides 1, 2
 * and 2 (total stride {@value #TOTAL_STRIDE}, which divides the 28-pixel tile), each followed by
 * batch norm and ReLU as in ResNet-18's stem (without it the small net barely moves in the card's 3
 * epochs: on a mostly black canvas its activations start near zero), with the padding of the
 * model's name. Then
 *
 * <ul>
 *   <li>{@code gapnet-PADDING}: a 7x7 convolution 32&rarr;K (same padding mode) and a global
 *       average pool: the pooled map is the logits. 14,288 + 15,690 = 29,978 parameters (batch-norm
 *       running statistics included) at 1x28x28, K = 10.
 *   <li>{@code gapnet-zero-head3}: the same zero-padded GAPNet with the card's {@value
 *       #CARD_HEAD_KERNEL}x{@value #CARD_HEAD_KERNEL} head ({@link #gapNet(PaddingMode, int,
 *       int)}), for studies of the head's receptive field. 14,288 + 2,890 = 17,178 parameters at
 *       1x28x28, K = 10.
 *   <li>{@code permutenet-PADDING}: global average pool, a fresh uniform random permutation of the
 *       32 channels at every forward ({@link ChannelPermutation.Phase#ALWAYS}, at test time too),
 *       and a dense layer 32&rarr;K. 14,288 + 330 = 14,618 parameters at K = 10.
 * </ul>
 *
 * <p>Why a 7x7 head where the card's ResNet-18 has 3x3: ResNet-18's receptive field is far larger
 * than the canvas, so its head sees the tile and the canvas edge at once. This trunk's receptive
 * field is 9 px, a 3x3 head makes it 17 px, smaller than the 28-px tile, and in the card's 3 epochs
 * (3000 tiles, batch 48) such a GAPNet stayed near chance on the location task (val 11-19% in our
 * trials, 3x3 head with and without batch norm, lr 1e-3 and 1e-2); with a 7x7 head (33 px) it
 * reached 50% after one epoch. The head stays a single linear convolution before the pool.
 *
 * <p>The global average pool sorts each channel's values before summing ({@link
 * GlobalPool.Kind#SORTED_AVG}), so that with circular padding a tile moved by a multiple of the
 * total stride gives logits equal bit for bit, as the card expects, not just up to rounding.
 *
 * <p>Every model is a two-child {@link SequentialBlock}: child 0 is the trunk ({@link #trunkOf}),
 * child 1 the head ({@link #headOf}), so probes can read the final backbone map, edit a copy of it
 * and finish the forward pass without touching the model.
 */
public final class GapNets {
  /** Filters of the three trunk convolutions. */
  public static final int[] WIDTHS = {16, 32, 32};

  /** Strides of the three trunk convolutions. */
  public static final int[] STRIDES = {1, 2, 2};

  /** The product of the strides. */
  public static final int TOTAL_STRIDE = 4;

  /** Kernel of GAPNet's head convolution (the card's ResNet-18 head has 3; see the class note). */
  public static final int HEAD_KERNEL = 7;

  /** Kernel of the head of the card's ResNet-18 GAPNet, built as {@code gapnet-zero-head3}. */
  public static final int CARD_HEAD_KERNEL = 3;

  /** Channels of the final backbone map. */
  public static final int CHANNELS = 32;

  /**
   * The paddings the family is built with, in table order. No padding ("valid") is left out: at the
   * 1x28x28 reference input its trunk map is 5x5, smaller than the 7x7 head.
   */
  public static final List<PaddingMode> PADDINGS =
      List.of(PaddingMode.ZERO, PaddingMode.CIRCULAR, PaddingMode.REFLECT);

  private static final String SOURCE =
      "Islam et al. ICCV 2021 (GAPNet / PermuteNet), small-scale; PROTOCOLS card 7";

  private GapNets() {}

  /** The catalog entries: {@code gapnet-PADDING} then {@code permutenet-PADDING}. */
  public static List<ModelEntry> entries() {
    List<ModelEntry> out = new ArrayList<>();
    for (PaddingMode mode : PADDINGS) {
      out.add(
          new ModelEntry(
              gapNetName(mode),
              "conv 16/32/32 (3x3, strides 1,2,2), "
                  + mode.id()
                  + " padding, conv 7x7 to K, global average pool = logits",
              SOURCE,
              29_978,
              (in, k) -> gapNet(mode, k)));
    }
    out.add(
        new ModelEntry(
            gapNetName(PaddingMode.ZERO, CARD_HEAD_KERNEL),
            "conv 16/32/32 (3x3, strides 1,2,2), zero padding, conv 3x3 to K (the card's head),"
                + " global average pool = logits",
            SOURCE,
            17_178,
            (in, k) -> gapNet(PaddingMode.ZERO, k, CARD_HEAD_KERNEL)));
    for (PaddingMode mode : PADDINGS) {
      out.add(
          new ModelEntry(
              permuteNetName(mode),
              "conv 16/32/32 (3x3, strides 1,2,2), "
                  + mode.id()
                  + " padding, global average pool, random channel permutation every forward,"
                  + " dense K",
              SOURCE,
              14_618,
              (in, k) -> permuteNet(mode, k)));
    }
    return out;
  }

  /** The catalog name of a GAPNet, e.g. {@code gapnet-zero}. */
  public static String gapNetName(PaddingMode mode) {
    return "gapnet-" + mode.id();
  }

  /**
   * The catalog name of a GAPNet with a given head kernel: {@link #gapNetName(PaddingMode)} for
   * {@value #HEAD_KERNEL}, else e.g. {@code gapnet-zero-head3}. Only the names the catalog lists
   * ({@link #entries()}) can be trained and loaded back.
   *
   * @param mode the padding
   * @param headKernel the head's kernel size
   * @return the name
   */
  public static String gapNetName(PaddingMode mode, int headKernel) {
    return headKernel == HEAD_KERNEL ? gapNetName(mode) : gapNetName(mode) + "-head" + headKernel;
  }

  /** The catalog name of a PermuteNet, e.g. {@code permutenet-zero}. */
  public static String permuteNetName(PaddingMode mode) {
    return "permutenet-" + mode.id();
  }

  /**
   * The shared trunk.
   *
   * @param mode the padding of every convolution
   * @return (conv, batch norm, ReLU) x 3
   */
  public static SequentialBlock trunk(PaddingMode mode) {
    SequentialBlock b = new SequentialBlock();
    for (int i = 0; i < WIDTHS.length; i++) {
      b.add(new PaddedConv2d(mode, WIDTHS[i], 3, STRIDES[i], 1, false))
          .add(BatchNorm.builder().build())
          .add(Activation.reluBlock());
    }
    return b;
  }

  /**
   * GAPNet: trunk, then a {@value #HEAD_KERNEL}x{@value #HEAD_KERNEL} convolution to K and a global
   * average pool.
   *
   * @param mode the padding
   * @param k the number of logits
   * @return the model
   */
  public static Block gapNet(PaddingMode mode, int k) {
    return gapNet(mode, k, HEAD_KERNEL);
  }

  /**
   * GAPNet with a head kernel of its own: trunk, then a {@code headKernel x headKernel} convolution
   * to K (same padding, bias) and a global average pool. {@code gapNet(mode, k, HEAD_KERNEL)} is
   * {@link #gapNet(PaddingMode, int)}.
   *
   * @param mode the padding
   * @param k the number of logits
   * @param headKernel the head's kernel size, odd and at least 1
   * @return the model
   */
  public static Block gapNet(PaddingMode mode, int k, int headKernel) {
    if (headKernel < 1 || headKernel % 2 == 0) {
      throw new IllegalArgumentException("head kernel must be odd and positive, got " + headKernel);
    }
    SequentialBlock head =
        new SequentialBlock()
            .add(new PaddedConv2d(mode, k, headKernel, 1, 1, true))
            .add(new GlobalPool(GlobalPool.Kind.SORTED_AVG));
    return new SequentialBlock().add(trunk(mode)).add(head);
  }

  /**
   * PermuteNet: trunk, global average pool, a new random channel permutation every forward, dense.
   *
   * @param mode the padding
   * @param k the number of logits
   * @return the model
   */
  public static Block permuteNet(PaddingMode mode, int k) {
    SequentialBlock head =
        new SequentialBlock()
            .add(new GlobalPool(GlobalPool.Kind.SORTED_AVG))
            .add(new ChannelPermutation(ChannelPermutation.Phase.ALWAYS))
            .add(Linear.builder().setUnits(k).build());
    return new SequentialBlock().add(trunk(mode)).add(head);
  }

  /**
   * The trunk of a model of this family.
   *
   * @param model a {@code gapnet-*} or {@code permutenet-*} block
   * @return its child 0
   */
  public static Block trunkOf(Block model) {
    return child(model, 0);
  }

  /**
   * The head of a model of this family: everything after the final backbone map.
   *
   * @param model a {@code gapnet-*} or {@code permutenet-*} block
   * @return its child 1
   */
  public static Block headOf(Block model) {
    return child(model, 1);
  }

  private static Block child(Block model, int i) {
    if (!(model instanceof SequentialBlock seq) || seq.getChildren().size() != 2) {
      throw new IllegalArgumentException(
          "not a location-grid model (trunk + head): " + model.getClass().getSimpleName());
    }
    return seq.getChildren().get(i).getValue();
  }
}
