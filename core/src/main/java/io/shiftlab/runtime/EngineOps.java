package io.shiftlab.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.Objects;

/**
 * The engine operators whose results shiftlab's numbers rest on, as the self-check ({@link
 * EngineCheck}) calls them: convolution, max and average pooling, the dense layer and softmax.
 *
 * <p>{@link #libtorch()} is what every layer runs. A test can hand the check a copy with one
 * operator replaced by a faulty one, to show that the check catches it.
 *
 * @param conv the convolution
 * @param maxPool max pooling {@code (x, k, s, p)}
 * @param avgPool average pooling {@code (x, k, s, p)}, padded zeros counted in the mean
 * @param linear the dense layer {@code x W^T + b}
 * @param softmax softmax along the last axis
 */
public record EngineOps(
    Conv2dKernel conv, Pooling maxPool, Pooling avgPool, Dense linear, Softmax softmax) {

  /** A pooling operator. */
  @FunctionalInterface
  public interface Pooling {
    /**
     * Pools square windows.
     *
     * @param x input {@code (N, C, H, W)}
     * @param kernel window size
     * @param stride stride
     * @param padding padding per side
     * @return the pooled map
     */
    NDArray apply(NDArray x, int kernel, int stride, int padding);
  }

  /** A dense layer. */
  @FunctionalInterface
  public interface Dense {
    /**
     * Computes {@code x W^T + b}.
     *
     * @param x input {@code (N, in)}
     * @param w weight {@code (out, in)}
     * @param b bias {@code (out)}
     * @return {@code (N, out)}
     */
    NDArray apply(NDArray x, NDArray w, NDArray b);
  }

  /** Softmax along the last axis. */
  @FunctionalInterface
  public interface Softmax {
    /**
     * Normalises.
     *
     * @param logits {@code (N, classes)}
     * @return probabilities
     */
    NDArray apply(NDArray logits);
  }

  /** Checks that every operator is given. */
  public EngineOps {
    Objects.requireNonNull(conv, "conv");
    Objects.requireNonNull(maxPool, "maxPool");
    Objects.requireNonNull(avgPool, "avgPool");
    Objects.requireNonNull(linear, "linear");
    Objects.requireNonNull(softmax, "softmax");
  }

  /** libtorch's operators, as shiftlab's layers call them through DJL. */
  public static EngineOps libtorch() {
    return new EngineOps(
        Conv2dKernel.NATIVE,
        (x, k, s, p) -> Pool.maxPool2d(x, new Shape(k, k), new Shape(s, s), new Shape(p, p), false),
        (x, k, s, p) ->
            Pool.avgPool2d(x, new Shape(k, k), new Shape(s, s), new Shape(p, p), false, true),
        (x, w, b) -> Linear.linear(x, w, b).singletonOrThrow(),
        logits -> logits.softmax(-1));
  }

  /**
   * The same operators with another convolution.
   *
   * @param kernel the convolution to use
   * @return a copy
   */
  public EngineOps withConv(Conv2dKernel kernel) {
    return new EngineOps(kernel, maxPool, avgPool, linear, softmax);
  }
}
