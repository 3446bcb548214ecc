package io.shiftlab.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.shiftlab.runtime.Conv2dKernel;
import io.shiftlab.runtime.ConvGeometry;
import io.shiftlab.runtime.TorchRuntime;
import java.util.Objects;

/**
 * A square two-dimensional convolution (kernel k, stride s, dilation d, {@code filters} outputs,
 * optional bias) whose border is handled by a {@link PaddingMode} (PROTOCOLS card 11).
 *
 * <p>With {@code k_eff = d (k - 1) + 1} and an input axis of length {@code n}, the output length is
 * {@code floor((n + 2p - k_eff) / s) + 1} where the padding per side is
 *
 * <ul>
 *   <li>{@code p = floor((k_eff - 1) / 2)} ("same") for {@link PaddingMode#ZERO}, {@link
 *       PaddingMode#REFLECT}, {@link PaddingMode#REPLICATE}, {@link PaddingMode#CIRCULAR} and
 *       {@link PaddingMode#PARTIAL}: the output keeps the input size at stride 1 for odd {@code
 *       k_eff}; an even {@code k_eff} gives {@code n - 1} (as PyTorch with {@code
 *       padding=(k-1)//2}, no extra bottom/right pixel as in TF "same");
 *   <li>{@code p = 0} for {@link PaddingMode#NONE} ("valid");
 *   <li>{@code p = k_eff - 1} for {@link PaddingMode#FULL}: {@code n + k_eff - 1} at stride 1.
 * </ul>
 *
 * <p>The convolution itself is the one the engine self-check verified on this host ({@link
 * TorchRuntime#conv()}). Zero, none and full pad inside the convolution; reflect, replicate and
 * circular pad with {@link Pad2d} and then convolve without padding. Partial convolution (Liu et
 * al., "Image Inpainting for Irregular Holes Using Partial Convolutions", ECCV 2018; NVIDIA {@code
 * partialconv}) is {@code y = W (X . M) k^2 / sum(M_win) + b} with the mask {@code M} one inside
 * the image and zero in the padding: the zero-padded convolution without bias, multiplied per
 * output pixel by {@code k^2 / sum(M_win)}, where {@code sum(M_win)} is the convolution of an
 * all-ones image with an all-ones kernel (a constant, no gradient), then the bias added.
 *
 * <p>Parameters are named and shaped as in DJL's {@code Conv2d} ({@code weight} {@code (filters, C,
 * k, k)}, {@code bias} {@code (filters)}), with the same default initialisers.
 */
public class PaddedConv2d extends AbstractBlock {
  private static final byte VERSION = 1;

  private final PaddingMode mode;
  private final int filters;
  private final int kernel;
  private final int stride;
  private final int dilation;
  private final boolean includeBias;
  private final Parameter weight;
  private final Parameter bias;

  /**
   * Creates the block.
   *
   * @param mode how the border is handled
   * @param filters output channels, at least 1
   * @param kernel kernel size k, at least 1
   * @param stride stride s, at least 1
   * @param dilation dilation d, at least 1
   * @param includeBias whether to add a learned bias per output channel
   */
  public PaddedConv2d(
      PaddingMode mode, int filters, int kernel, int stride, int dilation, boolean includeBias) {
    this(VERSION, mode, filters, kernel, stride, dilation, includeBias);
  }

  /**
   * Creates the block with the given parameter-file version (for {@link Conv2d}).
   *
   * @param version the version byte written to and expected in parameter files
   * @param mode how the border is handled
   * @param filters output channels
   * @param kernel kernel size k
   * @param stride stride s
   * @param dilation dilation d
   * @param includeBias whether to add a learned bias per output channel
   */
  protected PaddedConv2d(
      byte version,
      PaddingMode mode,
      int filters,
      int kernel,
      int stride,
      int dilation,
      boolean includeBias) {
    super(version);
    this.mode = Objects.requireNonNull(mode, "mode");
    if (filters < 1 || kernel < 1 || stride < 1 || dilation < 1) {
      throw new IllegalArgumentException(
          "convolution needs filters, kernel, stride and dilation >= 1; got filters="
              + filters
              + " k="
              + kernel
              + " s="
              + stride
              + " d="
              + dilation);
    }
    this.filters = filters;
    this.kernel = kernel;
    this.stride = stride;
    this.dilation = dilation;
    this.includeBias = includeBias;
    weight =
        addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
    bias =
        includeBias
            ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build())
            : null;
  }

  /**
   * A stride-1, dilation-1 convolution with bias.
   *
   * @param mode how the border is handled
   * @param filters output channels
   * @param kernel kernel size k
   * @return the block
   */
  public static PaddedConv2d of(PaddingMode mode, int filters, int kernel) {
    return new PaddedConv2d(mode, filters, kernel, 1, 1, true);
  }

  /** How the border is handled. */
  public PaddingMode mode() {
    return mode;
  }

  /** The kernel size k. */
  public int kernel() {
    return kernel;
  }

  /** The stride s. */
  public int stride() {
    return stride;
  }

  /** The dilation d. */
  public int dilation() {
    return dilation;
  }

  /** The dilated kernel extent {@code k_eff = d (k - 1) + 1}. */
  public int effectiveKernel() {
    return dilation * (kernel - 1) + 1;
  }

  /** The padding p per side, in source pixels, that this mode adds before the window slides. */
  public int padding() {
    switch (mode) {
      case NONE:
        return 0;
      case FULL:
        return effectiveKernel() - 1;
      default:
        return (effectiveKernel() - 1) / 2;
    }
  }

  /**
   * The output length of one spatial axis, {@code floor((n + 2p - k_eff) / s) + 1}.
   *
   * @param n the input length
   * @return the output length (0 or less when the kernel does not fit)
   */
  public long outputLength(long n) {
    return Math.floorDiv(n + 2L * padding() - effectiveKernel(), stride) + 1;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Device device = x.getDevice();
    NDArray w = parameterStore.getValue(weight, device, training);
    NDArray b = bias == null ? null : parameterStore.getValue(bias, device, training);
    Conv2dKernel conv = TorchRuntime.conv();
    int p = padding();
    if (mode.readsOutside()) {
      NDArray padded = Pad2d.of(mode, p).pad(x);
      return new NDList(conv.conv2d(padded, w, b, ConvGeometry.of(stride, 0, dilation)));
    }
    ConvGeometry g = ConvGeometry.of(stride, p, dilation);
    if (mode != PaddingMode.PARTIAL) {
      return new NDList(conv.conv2d(x, w, b, g));
    }
    NDArray y = conv.conv2d(x, w, null, g);
    y = y.mul(maskRatio(x, conv, g));
    if (b != null) {
      // the reshaped bias is a new array on the model's manager unless moved to the batch's
      NDArray br = b.reshape(1, filters, 1, 1);
      br.attach(x.getManager());
      y = y.add(br);
    }
    return new NDList(y);
  }

  /** {@code k^2 / sum(M_win)} per output pixel, shape {@code (1, 1, H', W')}, a constant. */
  private NDArray maskRatio(NDArray x, Conv2dKernel conv, ConvGeometry g) {
    Shape in = x.getShape();
    NDArray ones = x.getManager().ones(new Shape(1, 1, in.get(2), in.get(3)), x.getDataType());
    NDArray taps = x.getManager().ones(new Shape(1, 1, kernel, kernel), x.getDataType());
    ones = ones.toDevice(x.getDevice(), false);
    taps = taps.toDevice(x.getDevice(), false);
    NDArray windowSum = conv.conv2d(ones, taps, null, g);
    return windowSum.pow(-1).mul((double) kernel * kernel);
  }

  @Override
  protected void prepare(Shape[] inputs) {
    weight.setShape(new Shape(filters, inputs[0].get(1), kernel, kernel));
    if (bias != null) {
      bias.setShape(new Shape(filters));
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {
      new Shape(in.get(0), filters, outputLength(in.get(2)), outputLength(in.get(3)))
    };
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "("
        + mode
        + ", filters="
        + filters
        + ", k="
        + kernel
        + ", s="
        + stride
        + ", d="
        + dilation
        + (includeBias ? "" : ", no bias")
        + ")";
  }
}
