package io.shiftlab.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.shiftlab.random.Streams;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/** Turns slices of an {@link ImageSet} into tensors, and draws visiting orders. */
public final class Batches {
  private Batches() {}

  /**
   * The images {@code order[from..to)} as a float tensor (N, C, H, W) scaled to [0, 1].
   *
   * @param set the images
   * @param order indices into the set, or null for the identity order
   * @param from first position in {@code order}, inclusive
   * @param to last position, exclusive
   * @param manager the (per-batch) manager the tensor is attached to
   * @return the batch
   */
  public static NDArray images(ImageSet set, int[] order, int from, int to, NDManager manager) {
    int b = set.imageBytes();
    int n = to - from;
    ByteBuffer buf = manager.allocateDirect(n * b);
    if (order == null) {
      buf.put(set.pixels(), from * b, n * b);
    } else {
      for (int i = from; i < to; i++) {
        buf.put(set.pixels(), order[i] * b, b);
      }
    }
    buf.rewind();
    Shape shape = new Shape(n, set.channels(), set.height(), set.width());
    try (NDArray raw = manager.create(buf, shape, DataType.UINT8)) {
      return raw.toType(DataType.FLOAT32, false).divi(255f);
    }
  }

  /**
   * The labels {@code order[from..to)} as an int64 tensor.
   *
   * @param set the images
   * @param order indices into the set, or null for the identity order
   * @param from first position, inclusive
   * @param to last position, exclusive
   * @param manager the manager
   * @return the labels
   */
  public static NDArray labels(ImageSet set, int[] order, int from, int to, NDManager manager) {
    long[] y = new long[to - from];
    for (int i = from; i < to; i++) {
      y[i - from] = set.labels()[order == null ? i : order[i]];
    }
    return manager.create(y);
  }

  /**
   * A uniformly random order of {@code n} examples, drawn from {@code rng}: {@link
   * Streams#permutation}.
   *
   * @param n the length
   * @param rng the stream
   * @return the permutation
   */
  public static int[] permutation(int n, SplittableRandom rng) {
    return Streams.permutation(n, rng);
  }
}
