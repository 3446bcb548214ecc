package io.shiftlab.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * One implementation of the two-dimensional convolution {@code y = conv2d(x, w, b)}, with input
 * {@code (N, C, H, W)}, weight {@code (O, C / groups, k, k)} and optional bias {@code (O)}.
 *
 * <p>Every convolution in shiftlab's own layers goes through the kernel that the engine self-check
 * ({@link EngineCheck}) verified on this host, obtained from {@link TorchRuntime#conv()}. An
 * implementation must keep gradients flowing to {@code x}, {@code w} and {@code b}.
 */
@FunctionalInterface
public interface Conv2dKernel {
  /** libtorch's own {@code conv2d} (oneDNN on x86 CPUs for batches above one). */
  Conv2dKernel NATIVE =
      (x, w, b, g) ->
          Conv2d.conv2d(
                  x,
                  w,
                  b,
                  new Shape(g.stride(), g.stride()),
                  new Shape(g.padding(), g.padding()),
                  new Shape(g.dilation(), g.dilation()),
                  g.groups())
              .singletonOrThrow();

  /**
   * Convolves.
   *
   * @param x the input {@code (N, C, H, W)}
   * @param w the weight {@code (O, C / groups, k, k)}
   * @param b the bias {@code (O)}, or null for none
   * @param geometry stride, zero padding, dilation and groups
   * @return the output {@code (N, O, H', W')}
   */
  NDArray conv2d(NDArray x, NDArray w, NDArray b, ConvGeometry geometry);
}
