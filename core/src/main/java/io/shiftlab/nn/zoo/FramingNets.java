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
import java.util.List;

/**
 * The five models of the framing-bias experiment (PROTOCOLS card 2; Warden's blog, seed 000): 3x3
 * convolutions, ReLU, zero "same" padding, 16/32/32 channels, and a head that either keeps the
 * position of every feature (flatten, dense) or discards it (global average pooling, dense).
 *
 * <table>
 *   <caption>framing-bias models (reference: 1x28x28, 10 classes)</caption>
 *   <tr><th>name</th><th>layers</th><th>on 1x48x48</th><th>parameters</th></tr>
 *   <tr><td>framing-p-flat</td><td>[conv, max-pool 2] x 3, flatten, dense</td>
 *   <td>6x6x32 = 1152 features</td><td>16,938</td></tr>
 *   <tr><td>framing-p-gap</td><td>[conv, max-pool 2] x 3, global average pool, dense</td>
 *   <td>32 features</td><td>14,378</td></tr>
 *   <tr><td>framing-s-flat</td><td>3 convs of stride 2 (no pooling), flatten, dense</td>
 *   <td>6x6x32</td><td>19,178</td></tr>
 *   <tr><td>framing-d-flat</td><td>4 convs 16/32/32/32 of dilation 1, 2, 4, 8, stride 1
 *   (receptive field 1 + 2 (1 + 2 + 4 + 8) = 31), flatten, dense</td>
 *   <td>48x48x32 = 73,728</td><td>274,186</td></tr>
 *   <tr><td>framing-d-gap</td><td>the same dilated stack, global average pool, dense</td>
 *   <td>32 features</td><td>23,626</td></tr>
 * </table>
 *
 * <p>The card lists three channel widths (16/32/32) and four dilations; the dilated stack repeats
 * the last width for its fourth layer. Dilated layers pad {@code d} per side (zero "same" for
 * {@code k_eff = 2d + 1}), so the map keeps the input size: the dilated models grow the receptive
 * field without shrinking the map, which is the blog's point about them.
 */
public final class FramingNets {
  /** The catalog names, in table order. */
  public static final List<String> NAMES =
      List.of(
          "framing-p-flat", "framing-p-gap", "framing-s-flat", "framing-d-flat", "framing-d-gap");

  private static final String SOURCE = "Warden 2018 (blog), seed 000; PROTOCOLS card 2";
  private static final int[] WIDTHS = {16, 32, 32};
  private static final int[] DILATIONS = {1, 2, 4, 8};

  private FramingNets() {}

  /** The family, for {@code ModelCatalog.registerAll}. */
  static List<ModelEntry> entries() {
    return List.of(
        new ModelEntry(
            NAMES.get(0),
            "framing P-flat: [3x3 conv, max-pool 2] x 3 (16/32/32), flatten, dense",
            SOURCE,
            16_938,
            (in, k) -> pooled(true, k)),
        new ModelEntry(
            NAMES.get(1),
            "framing P-gap: [3x3 conv, max-pool 2] x 3 (16/32/32), global average pool, dense",
            SOURCE,
            14_378,
            (in, k) -> pooled(false, k)),
        new ModelEntry(
            NAMES.get(2),
            "framing S-flat: 3x3 convs of stride 2 (16/32/32), flatten, dense",
            SOURCE,
            19_178,
            (in, k) -> strided(k)),
        new ModelEntry(
            NAMES.get(3),
            "framing D-flat: 3x3 convs of dilation 1/2/4/8 (16/32/32/32, RF 31), flatten, dense",
            SOURCE,
            274_186,
            (in, k) -> dilated(true, k)),
        new ModelEntry(
            NAMES.get(4),
            "framing D-gap: 3x3 convs of dilation 1/2/4/8 (16/32/32/32, RF 31), global average"
                + " pool, dense",
            SOURCE,
            23_626,
            (in, k) -> dilated(false, k)));
  }

  private static Block pooled(boolean flat, int numClasses) {
    SequentialBlock b = new SequentialBlock();
    for (int w : WIDTHS) {
      b.add(PaddedConv2d.of(PaddingMode.ZERO, w, 3))
          .add(Activation.reluBlock())
          .add(MaxPool2d.of(2));
    }
    return head(b, flat, numClasses);
  }

  private static Block strided(int numClasses) {
    SequentialBlock b = new SequentialBlock();
    for (int w : WIDTHS) {
      b.add(new PaddedConv2d(PaddingMode.ZERO, w, 3, 2, 1, true)).add(Activation.reluBlock());
    }
    return head(b, true, numClasses);
  }

  private static Block dilated(boolean flat, int numClasses) {
    SequentialBlock b = new SequentialBlock();
    for (int i = 0; i < DILATIONS.length; i++) {
      int w = WIDTHS[Math.min(i, WIDTHS.length - 1)];
      b.add(new PaddedConv2d(PaddingMode.ZERO, w, 3, 1, DILATIONS[i], true))
          .add(Activation.reluBlock());
    }
    return head(b, flat, numClasses);
  }

  private static Block head(SequentialBlock b, boolean flat, int numClasses) {
    b.add(flat ? Blocks.batchFlattenBlock() : new GlobalPool(GlobalPool.Kind.AVG));
    return b.add(Linear.builder().setUnits(numClasses).build());
  }
}
