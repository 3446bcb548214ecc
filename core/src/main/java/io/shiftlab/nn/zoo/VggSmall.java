package io.shiftlab.nn.zoo;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import io.shiftlab.nn.Downsample;
import io.shiftlab.nn.PaddedConv2d;
import io.shiftlab.nn.PaddingMode;
import java.util.List;

/**
 * {@code vgg-small}: a small VGG-style network (Simonyan &amp; Zisserman, ICLR 2015) for 28-32
 * pixel images, in the catalog's backbone family ({@link BackboneFamily}).
 *
 * <p>Three stages of two 3x3 convolutions (16-16, 32-32, 64-64 filters, no bias), each followed by
 * batch norm and ReLU; after each stage the resolution is halved as the {@link Downsample} says
 * (default {@code max}: MaxPool 2; {@code strided}: the stage's second convolution has stride 2;
 * {@code dilated}: no halving, stage s dilated by 2<sup>s</sup>), then the {@link Head} (default
 * {@code gap}). A 32x32 input gives 16, 8 and 4 pixels after the stages, all even, which APS needs
 * to be exactly invariant to circular shifts.
 *
 * <p>Parameters with C<sub>in</sub> input channels: convolutions 9(16 C<sub>in</sub> + 16&middot;16
 * + 16&middot;32 + 32&middot;32 + 32&middot;64 + 64&middot;64) = 144 C<sub>in</sub> + 71,424, six
 * batch norms 4(16 + 16 + 32 + 32 + 64 + 64) = 896 (gamma, beta, running mean and variance), GAP
 * head 64&middot;10 + 10 = 650: 73,114 for one channel, 73,402 for three. Every padding mode,
 * downsampling and head is accepted; {@code padding=none} needs at least 40 pixels (32 &rarr; 1
 * before the last halving).
 */
public final class VggSmall {
  /** The base name. */
  public static final String NAME = "vgg-small";

  /** Filters of the three stages. */
  static final int[] WIDTHS = {16, 32, 64};

  private VggSmall() {}

  /** The family, for {@code ModelCatalog}. */
  public static BackboneFamily family() {
    return new BackboneFamily(
        NAME,
        "VGG-style: 3 stages of 2 conv3x3+BN+ReLU (16, 32, 64), downsampling after each, head",
        "Simonyan & Zisserman ICLR 2015 (VGG), scaled down; PROTOCOLS cards 10-11",
        List.of(PaddingMode.values()),
        List.of(Downsample.values()),
        new BackboneFamily.Options(PaddingMode.ZERO, Downsample.MAX, Head.GAP),
        VggSmall::body,
        VggSmall::bodyParameters);
  }

  static SequentialBlock body(BackboneFamily.Options o, int inChannels) {
    SequentialBlock net = new SequentialBlock();
    for (int stage = 0; stage < WIDTHS.length; stage++) {
      int d = o.down().dilationAfter(stage);
      net.add(new PaddedConv2d(o.padding(), WIDTHS[stage], 3, 1, d, false));
      net.add(BatchNorm.builder().build());
      net.add(Activation.reluBlock());
      net.add(new PaddedConv2d(o.padding(), WIDTHS[stage], 3, o.down().convStride(), d, false));
      net.add(BatchNorm.builder().build());
      net.add(Activation.reluBlock());
      o.down().reduce().forEach(net::add);
    }
    return net;
  }

  /** The body's parameters for one input channel: 144 + 71,424 + 896. */
  static long bodyParameters(BackboneFamily.Options o) {
    long n = 0;
    int in = 1;
    for (int w : WIDTHS) {
      n += 9L * in * w + 9L * w * w + 2 * 4L * w;
      in = w;
    }
    return n;
  }
}
