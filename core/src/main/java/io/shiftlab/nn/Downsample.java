package io.shiftlab.nn;

import ai.djl.nn.Block;
import java.util.List;
import java.util.Locale;

/**
 * How a network halves its resolution (PROTOCOLS card 11), with the anti-aliased replacements of
 * Zhang ("Making Convolutional Networks Shift-Invariant Again", ICML 2019) and the adaptive
 * polyphase sampling of Chaman &amp; Dokmani&cacute; (CVPR 2021).
 *
 * <p>A downsampling stage is a convolution (+ batch norm + ReLU) with stride {@link #convStride()}
 * followed by the blocks of {@link #reduce()}:
 *
 * <table>
 *   <caption>downsampling variants (output of an n-pixel axis)</caption>
 *   <tr><th>id</th><th>conv stride</th><th>then</th><th>recipe</th></tr>
 *   <tr><td>max</td><td>1</td><td>MaxPool 2 s2</td><td>baseline, &lfloor;n/2&rfloor;</td></tr>
 *   <tr><td>avg</td><td>1</td><td>AvgPool 2 s2</td><td>&lfloor;n/2&rfloor;</td></tr>
 *   <tr><td>strided</td><td>2</td><td>-</td><td>strided convolution</td></tr>
 *   <tr><td>blur</td><td>1</td><td>Blur(3, s2)</td><td>Conv(s2)+ReLU &rarr; Conv(s1)+BN+ReLU +
 *   Blur(s2); also AvgPool &rarr; Blur; &lceil;n/2&rceil;</td></tr>
 *   <tr><td>blur_max</td><td>1</td><td>MaxPool 2 s1, Blur(3, s2)</td><td>MaxPool(s2) &rarr;
 *   MaxPool(k, s1) + Blur(s2); &lceil;(n&minus;1)/2&rceil;</td></tr>
 *   <tr><td>aps</td><td>1</td><td>APS</td><td>Conv(s2) &rarr; Conv(s1) + APS</td></tr>
 *   <tr><td>aps_blur</td><td>1</td><td>APS with circular Blur(3) s1</td><td>index from the
 *   unblurred input</td></tr>
 *   <tr><td>aps_max</td><td>1</td><td>circular pad (0,1,0,1), MaxPool 2 s1, APS</td><td>the
 *   max-pool form of APS</td></tr>
 *   <tr><td>dilated</td><td>1</td><td>-</td><td>no downsampling: every later convolution is
 *   dilated by the factor the skipped strides would have given (2, 4, ...), so the receptive
 *   field grows as with pooling while the resolution stays (Yu &amp; Koltun, ICLR 2016)</td></tr>
 * </table>
 *
 * <p>The blur is the 3-tap binomial [1, 2, 1] (Zhang's "Tri-3", between his 2- and 5-tap filters),
 * reflect-padded as in his code; in {@code aps_blur} it is circular (card 11). In a residual block
 * the skip path uses {@link #shortcut()} (pool or blur, then a 1x1 convolution at stride 1; card
 * 11: "shortcut &rarr; Blur + 1x1 s1"), or for {@code strided} the usual 1x1 convolution at stride
 * 2, and the polyphase variants keep on the skip path the component chosen on the main path.
 */
public enum Downsample {
  /** MaxPool 2x2, stride 2 (the baseline of VGG-style nets). */
  MAX,
  /** AvgPool 2x2, stride 2. */
  AVG,
  /** The preceding convolution has stride 2 (the baseline of ResNets). */
  STRIDED,
  /** Convolution at stride 1, then a 3-tap blur pool with stride 2 (reflect). */
  BLUR,
  /** MaxPool 2x2 at stride 1, then a 3-tap blur pool with stride 2 (Zhang's MaxBlurPool). */
  BLUR_MAX,
  /** Convolution at stride 1, then adaptive polyphase sampling. */
  APS,
  /** APS with a circular 3-tap blur at stride 1, index from the unblurred input. */
  APS_BLUR,
  /** Circular pad (0,1,0,1), MaxPool 2x2 at stride 1, then APS. */
  APS_MAX,
  /** No downsampling; later convolutions are dilated instead. */
  DILATED;

  /** The taps of the blur filter of the blur and aps_blur variants. */
  public static final int BLUR_TAPS = 3;

  /** The lower-case name used on the command line, e.g. {@code blur_max}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The stride of the convolution that precedes the reduction: 2 for strided, else 1. */
  public int convStride() {
    return this == STRIDED ? 2 : 1;
  }

  /** Whether the resolution is halved at all ({@code false} only for dilated). */
  public boolean halves() {
    return this != DILATED;
  }

  /** Whether the reduction ends in a polyphase selection whose index a skip path can reuse. */
  public boolean polyphase() {
    return this == APS || this == APS_BLUR || this == APS_MAX;
  }

  /**
   * The dilation of the convolutions after {@code reductions} halvings: 2<sup>reductions</sup> for
   * dilated, 1 otherwise.
   *
   * @param reductions how many downsampling stages came before
   * @return the dilation
   */
  public int dilationAfter(int reductions) {
    return this == DILATED ? 1 << reductions : 1;
  }

  /**
   * Fresh blocks that follow the convolution (and its batch norm and ReLU); for the polyphase
   * variants the last one is a {@link PolyphaseSelect}.
   *
   * @return the blocks, empty for strided and dilated
   */
  public List<Block> reduce() {
    return switch (this) {
      case MAX -> List.of(MaxPool2d.of(2));
      case AVG -> List.of(AvgPool2d.of(2));
      case STRIDED, DILATED -> List.of();
      case BLUR -> List.of(BlurPool.of(BLUR_TAPS));
      case BLUR_MAX -> List.of(new MaxPool2d(2, 1, 0), BlurPool.of(BLUR_TAPS));
      case APS -> List.of(new Aps());
      case APS_BLUR -> List.of(new ApsBlur(BLUR_TAPS));
      case APS_MAX ->
          List.of(new Pad2d(PaddingMode.CIRCULAR, 0, 1, 0, 1), new MaxPool2d(2, 1, 0), new Aps());
    };
  }

  /**
   * Fresh blocks that downsample the skip path of a residual block before its 1x1 convolution: the
   * pool of max and avg, the blur of blur and blur_max, the polyphase block of the APS variants
   * (applied with the main path's index), nothing for strided (its 1x1 convolution has stride 2)
   * and dilated.
   *
   * @return the blocks
   */
  public List<Block> shortcut() {
    return switch (this) {
      case MAX -> List.of(MaxPool2d.of(2));
      case AVG -> List.of(AvgPool2d.of(2));
      case STRIDED, DILATED -> List.of();
      case BLUR, BLUR_MAX -> List.of(BlurPool.of(BLUR_TAPS));
      case APS, APS_MAX -> List.of(new Aps());
      case APS_BLUR -> List.of(new ApsBlur(BLUR_TAPS));
    };
  }

  @Override
  public String toString() {
    return id();
  }
}
