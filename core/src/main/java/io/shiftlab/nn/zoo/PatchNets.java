package io.shiftlab.nn.zoo;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import io.shiftlab.nn.GlobalPool;
import io.shiftlab.nn.PaddedConv2d;
import io.shiftlab.nn.PaddingMode;
import java.util.List;

/**
 * One-filter networks: a single 5x5 convolution 1&rarr;1 without bias (stride 1; padding {@code
 * zero} = same, p 2; {@code none} = valid; {@code circular}, p 2; {@code full}, p 4), ReLU, global
 * max pool and a dense layer 1&rarr;classes, the models of the patch-location experiment (Kayhan
 * &amp; van Gemert CVPR 2020 Fig. 1, {@code chess.ipynb}; card 4 of PROTOCOLS.md): 25 + 10 + 10 =
 * 45 parameters at the reference (10 classes), 25 + 2 + 2 = 29 with the card's 2 classes, for any
 * input size.
 */
public final class PatchNets {
  private PatchNets() {}

  /** The catalog entries {@code patchnet-zero}, {@code -none}, {@code -circular}, {@code -full}. */
  public static List<ModelEntry> entries() {
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
                    (in, k) -> patchNet(mode, k)))
        .toList();
  }

  static Block patchNet(PaddingMode mode, int numClasses) {
    return new SequentialBlock()
        .add(new PaddedConv2d(mode, 1, 5, 1, 1, false))
        .add(Activation.reluBlock())
        .add(new GlobalPool(GlobalPool.Kind.MAX))
        .add(DenseNets.dense(numClasses));
  }
}
