package io.shiftlab.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A convolution built from libtorch's slicing and matrix-multiply operators instead of its
 * convolution kernels ("im2col" plus one batched GEMM), so that no oneDNN convolution primitive
 * runs.
 *
 * <p>For every kernel tap {@code (i, j)} the zero-padded input is sliced at rows {@code i d + s r}
 * and columns {@code j d + s c} ({@code r < H'}, {@code c < W'}); the {@code k^2} slices are
 * stacked into columns {@code (N, groups, C/groups * k^2, H' W')}, which matches the weight
 * reshaped to {@code (groups, O/groups, C/groups * k^2)}, so {@code y = W cols + b}. This is what
 * {@code torch.nn.functional.unfold} followed by {@code matmul} computes; the gradients come from
 * autograd through the slices, the stack and the product. It takes {@code k^2} times the input's
 * memory for the columns.
 */
final class UnfoldConv2d implements Conv2dKernel {
  static final UnfoldConv2d INSTANCE = new UnfoldConv2d();

  private UnfoldConv2d() {}

  @Override
  public NDArray conv2d(NDArray x, NDArray w, NDArray b, ConvGeometry g) {
    Shape in = x.getShape();
    Shape ws = w.getShape();
    long n = in.get(0);
    long c = in.get(1);
    long out = ws.get(0);
    int k = (int) ws.get(2);
    if (ws.get(3) != k || ws.get(1) * g.groups() != c || out % g.groups() != 0) {
      throw new IllegalArgumentException(
          "conv2d: weight " + ws + " does not fit input " + in + " with " + g.groups() + " groups");
    }
    long ho = g.outputLength(in.get(2), k);
    long wo = g.outputLength(in.get(3), k);
    if (ho < 1 || wo < 1) {
      throw new IllegalArgumentException(
          "conv2d: a " + k + "x" + k + " kernel does not fit input " + in + " with " + g);
    }
    int p = g.padding();
    NDArray xp = p == 0 ? x : x.pad(new Shape(p, p, p, p), 0);
    NDList taps = new NDList(k * k);
    long rowSpan = g.stride() * (ho - 1) + 1;
    long colSpan = g.stride() * (wo - 1) + 1;
    for (int i = 0; i < k; i++) {
      long r0 = (long) i * g.dilation();
      for (int j = 0; j < k; j++) {
        long c0 = (long) j * g.dilation();
        taps.add(
            xp.get(
                ":, :, {}:{}:{}, {}:{}:{}",
                r0,
                r0 + rowSpan,
                g.stride(),
                c0,
                c0 + colSpan,
                g.stride()));
      }
    }
    long groups = g.groups();
    long inner = c / groups * k * k;
    NDArray cols = NDArrays.stack(taps, 2).reshape(n, groups, inner, ho * wo);
    // DJL attaches an operator's result to its first operand's manager: views of the parameters
    // are moved to the input's manager first, so that nothing made here outlives the batch.
    NDManager m = x.getManager();
    NDArray wr = w.reshape(groups, out / groups, inner);
    wr.attach(m);
    NDArray y = wr.matMul(cols).reshape(n, out, ho, wo);
    if (b == null) {
      return y;
    }
    NDArray br = b.reshape(1, out, 1, 1);
    br.attach(m);
    return y.add(br);
  }

  @Override
  public String toString() {
    return "unfold-gemm";
  }
}
