package io.shiftlab.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.shiftlab.Choices;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The ways shiftlab can run its convolutions, tried in this order by the engine self-check when
 * libtorch's own kernels give wrong results on a host ({@link EngineCheck#select}).
 *
 * <p>The known fault (libtorch 2.7.1, oneDNN {@code jit:avx512_core} backward-data with weights
 * blocked by 16, on some AMD EPYC virtual machines whose cache and topology CPUID leaves read zero)
 * hits convolutions whose output channels are not a multiple of 16. {@link #PADDED_FILTERS} keeps
 * oneDNN but only ever asks it for multiples of 16; {@link #UNFOLD_GEMM} avoids oneDNN's
 * convolutions altogether. Neither is assumed to work: each is adopted only after it passes the
 * whole self-check on the host, and the fastest that passes wins.
 */
public enum ConvStrategy implements Choices.Id {
  /** libtorch's {@code conv2d} as it is. */
  NATIVE,
  /**
   * libtorch's {@code conv2d} with the output channels zero-padded up to a multiple of 16 (extra
   * zero filters, sliced off afterwards); a grouped convolution, which cannot be padded so, with an
   * output count that is not a multiple of 16 goes through {@link #UNFOLD_GEMM}.
   */
  PADDED_FILTERS,
  /** Our own im2col plus one batched matrix product ({@link UnfoldConv2d}). */
  UNFOLD_GEMM;

  /** The channel block that {@link #PADDED_FILTERS} rounds output channels up to. */
  public static final int FILTER_BLOCK = 16;

  /**
   * The convolution this strategy runs.
   *
   * @param nativeKernel libtorch's convolution (or, in a fault-injection test, a faulty stand-in)
   * @return the kernel
   */
  public Conv2dKernel over(Conv2dKernel nativeKernel) {
    return switch (this) {
      case NATIVE -> nativeKernel;
      case PADDED_FILTERS -> paddedFilters(nativeKernel);
      case UNFOLD_GEMM -> UnfoldConv2d.INSTANCE;
    };
  }

  private static Conv2dKernel paddedFilters(Conv2dKernel nativeKernel) {
    return (x, w, b, g) -> {
      long out = w.getShape().get(0);
      long extra = Math.floorMod(-out, FILTER_BLOCK);
      if (extra == 0) {
        return nativeKernel.conv2d(x, w, b, g);
      }
      if (g.groups() != 1) {
        return UnfoldConv2d.INSTANCE.conv2d(x, w, b, g);
      }
      // Everything made here lives on the input's manager (DJL attaches a result to its first
      // operand's, which for w and b is the model's): nothing outlives the batch.
      NDManager m = x.getManager();
      Shape ws = w.getShape();
      NDArray zeros = m.zeros(new Shape(extra, ws.get(1), ws.get(2), ws.get(3)), w.getDataType());
      NDArray wide = w.concat(zeros.toDevice(w.getDevice(), false), 0);
      wide.attach(m);
      NDArray wideBias = null;
      if (b != null) {
        wideBias =
            b.concat(m.zeros(new Shape(extra), b.getDataType()).toDevice(b.getDevice(), false));
        wideBias.attach(m);
      }
      NDArray y = nativeKernel.conv2d(x, wide, wideBias, g);
      return y.get(":, 0:{}", out);
    };
  }

  /**
   * Parses a strategy name.
   *
   * @param name one of the {@link #id()}s
   * @return the strategy
   * @throws IllegalArgumentException listing the choices for anything else
   */
  public static ConvStrategy parse(String name) {
    String id = name == null ? null : name.toLowerCase(Locale.ROOT);
    return Choices.withId(ConvStrategy.class, id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    Choices.unknown(
                        "convolution strategy",
                        name,
                        Arrays.stream(values())
                            .map(ConvStrategy::id)
                            .collect(Collectors.joining(", ")))));
  }
}
