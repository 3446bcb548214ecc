package io.shiftlab.nn.zoo;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.shiftlab.nn.MaxPool2d;
import io.shiftlab.nn.PaddedConv2d;
import io.shiftlab.nn.PaddingMode;
import java.util.List;

/**
 * The small-scale encoders of the position read-out (PROTOCOLS card 6, "a CNN2-style same-zero net
 * plus its valid twin"): {@code posenc-zero} and {@code posenc-none}, identical but for the padding
 * of their three convolution stages.
 *
 * <p>Layers: conv 20@5x5, ReLU (stage f1), max-pool 2, conv 40@5x5, ReLU (f2), conv 40@3x3, ReLU
 * (f3), max-pool 2, flatten, dense 100, ReLU, dense classes. On 1x28x28 the stages are 28, 14 and
 * 14 pixels wide with zero padding (232,110 parameters at 10 classes) and 24, 8 and 6 without
 * (72,110 parameters). The stages are the three ReLU outputs, which is what {@link
 * io.shiftlab.probe.FeatureMaps} exposes as levels f1..f3.
 */
public final class PositionEncoders {
  private PositionEncoders() {}

  /** The family, zero padding first. */
  public static List<ModelEntry> entries() {
    return List.of(entry(PaddingMode.ZERO, 232_110), entry(PaddingMode.NONE, 72_110));
  }

  private static ModelEntry entry(PaddingMode mode, long params) {
    return new ModelEntry(
        "posenc-" + mode.id(),
        "CNN2-style encoder for the position read-out: conv 20@5, pool, conv 40@5, conv 40@3, pool,"
            + " dense 100, dense classes; "
            + mode.id()
            + " padding",
        "Islam, Jia & Bruce ICLR 2020 small-scale analogue; PROTOCOLS card 6",
        params,
        (in, k) -> build(mode, k));
  }

  static Block build(PaddingMode mode, int numClasses) {
    return new SequentialBlock()
        .add(new PaddedConv2d(mode, 20, 5, 1, 1, true))
        .add(Activation.reluBlock())
        .add(MaxPool2d.of(2))
        .add(new PaddedConv2d(mode, 40, 5, 1, 1, true))
        .add(Activation.reluBlock())
        .add(new PaddedConv2d(mode, 40, 3, 1, 1, true))
        .add(Activation.reluBlock())
        .add(MaxPool2d.of(2))
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(100).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits(numClasses).build());
  }
}
