package io.shiftlab.nn.zoo;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import io.shiftlab.nn.BasicBlock;
import io.shiftlab.nn.Downsample;
import io.shiftlab.nn.PaddedConv2d;
import io.shiftlab.nn.PaddingMode;
import java.util.List;

/**
 * {@code resnet18-cifar}: the CIFAR variant of ResNet-18 (He et al., CVPR 2016; the 3x3-stem form
 * of the common CIFAR code bases, e.g. kuangliu/pytorch-cifar, used by the APS and anti-aliasing
 * CIFAR experiments), in the catalog's backbone family ({@link BackboneFamily}).
 *
 * <p>Stem conv3x3 64 (stride 1, no max pool) + BN + ReLU; four stages of two {@link BasicBlock}s
 * with 64, 128, 256, 512 filters and strides 1, 2, 2, 2 (the first block of stages 2-4 downsamples
 * as the {@link Downsample} says, default {@code strided}, with a 1x1 projection on its skip path);
 * then the {@link Head} (default {@code gap}). A 32x32 input gives 32, 16, 8 and 4 pixels.
 *
 * <p>Parameters with one input channel, GAP head, 10 classes: stem 576 + 256; stage 1 2 &times;
 * (2&middot;36,864 + 512) = 148,480; stage 2 (73,728 + 147,456 + 1,024 + 8,192 + 512) + (2&middot;
 * 147,456 + 1,024) = 526,848; stage 3 920,576 + 1,181,696 = 2,102,272; stage 4 3,676,160 +
 * 4,722,688 = 8,398,848; head 5,130: 11,182,410 in all, of which 9,600 are batch-norm running
 * statistics; with three input channels the 11,173,962 trainable parameters of the usual CIFAR
 * ResNet-18. Accepts every padding except {@code none} (valid convolutions shrink a 32-pixel input
 * below one pixel in stage 3) and every downsampling except the max-pool forms {@code blur_max} and
 * {@code aps_max} (the CIFAR ResNet has no max pool to replace).
 */
public final class ResNetCifar {
  /** The base name. */
  public static final String NAME = "resnet18-cifar";

  /** Filters of the four stages. */
  static final int[] WIDTHS = {64, 128, 256, 512};

  /** BasicBlocks per stage. */
  static final int BLOCKS = 2;

  private ResNetCifar() {}

  /** The family, for {@code ModelCatalog}. */
  public static BackboneFamily family() {
    return new BackboneFamily(
        NAME,
        "CIFAR ResNet-18: conv3x3 stem, BasicBlock [2,2,2,2] (64-512), strides 1,2,2,2, BN, head",
        "He et al. CVPR 2016; CIFAR form (3x3 stem) as in Zhang 2019 / Chaman & Dokmanic 2021;"
            + " PROTOCOLS cards 10-11",
        List.of(
            PaddingMode.ZERO,
            PaddingMode.REFLECT,
            PaddingMode.REPLICATE,
            PaddingMode.CIRCULAR,
            PaddingMode.FULL,
            PaddingMode.PARTIAL),
        List.of(
            Downsample.STRIDED,
            Downsample.MAX,
            Downsample.AVG,
            Downsample.BLUR,
            Downsample.APS,
            Downsample.APS_BLUR,
            Downsample.DILATED),
        new BackboneFamily.Options(PaddingMode.ZERO, Downsample.STRIDED, Head.GAP),
        ResNetCifar::body,
        ResNetCifar::bodyParameters);
  }

  static SequentialBlock body(BackboneFamily.Options o, int inChannels) {
    SequentialBlock net = new SequentialBlock();
    net.add(new PaddedConv2d(o.padding(), WIDTHS[0], 3, 1, 1, false));
    net.add(BatchNorm.builder().build());
    net.add(Activation.reluBlock());
    int in = WIDTHS[0];
    for (int stage = 0; stage < WIDTHS.length; stage++) {
      int d = o.down().dilationAfter(stage);
      for (int b = 0; b < BLOCKS; b++) {
        boolean down = stage > 0 && b == 0;
        net.add(new BasicBlock(o.padding(), WIDTHS[stage], down, o.down(), d, in != WIDTHS[stage]));
        in = WIDTHS[stage];
      }
    }
    return net;
  }

  /** The body's parameters for one input channel (see the class comment). */
  static long bodyParameters(BackboneFamily.Options o) {
    long n = 9L * WIDTHS[0] + 4L * WIDTHS[0];
    int in = WIDTHS[0];
    for (int w : WIDTHS) {
      for (int b = 0; b < BLOCKS; b++) {
        n += 9L * in * w + 9L * w * w + 2 * 4L * w;
        if (in != w || (b == 0 && w != WIDTHS[0])) {
          n += (long) in * w + 4L * w;
        }
        in = w;
      }
    }
    return n;
  }
}
