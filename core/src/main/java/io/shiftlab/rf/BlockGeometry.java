package io.shiftlab.rf;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import io.shiftlab.nn.AddCoords;
import io.shiftlab.nn.Aps;
import io.shiftlab.nn.ApsBlur;
import io.shiftlab.nn.AvgPool2d;
import io.shiftlab.nn.BasicBlock;
import io.shiftlab.nn.BlurPool;
import io.shiftlab.nn.ChannelPermutation;
import io.shiftlab.nn.GlobalPool;
import io.shiftlab.nn.MaxPool2d;
import io.shiftlab.nn.Pad2d;
import io.shiftlab.nn.PaddedConv2d;
import io.shiftlab.nn.UniformDropout;
import io.shiftlab.nn.WindowPool2d;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@link LayerGeometry} of each layer off a DJL block, so that the receptive field of a
 * catalog model follows from its blocks rather than from a hand-kept description.
 *
 * <p>A {@link SequentialBlock} contributes its children in order (nested ones are walked), each
 * named by its key (e.g. {@code 01Conv2d}), the names {@code Network.layers} reports. {@link
 * Conv2d} and {@link MaxPool2d} give their kernel, stride, padding and dilation. DJL's own {@code
 * batchFlatten} lambda is {@link LayerGeometry.Kind#GLOBAL}, and so is every layer after it: a
 * dense layer on a flattened vector sees the whole input. Pointwise layers are {@link
 * LayerGeometry.Kind#OTHER}: activations and other lambdas (e.g. a channels-last transpose),
 * dropout, batch norm, and a dense layer before the first flatten (in the catalog it acts on the
 * channels of a channels-last map, one position at a time).
 *
 * <p>The layers of {@code io.shiftlab.nn}:
 *
 * <ul>
 *   <li>{@link PaddedConv2d} is a {@link LayerGeometry.Kind#CONV} with its kernel, stride, dilation
 *       and {@link PaddedConv2d#padding()}: &lfloor;(k<sub>eff</sub> &minus; 1)/2&rfloor; for zero,
 *       reflect, replicate, circular and partial padding, 0 for none, k<sub>eff</sub> &minus; 1 for
 *       full. Reflect, replicate and circular padding read the image instead of zeros, but they
 *       still add p positions per side before the window slides, so for the receptive-field
 *       arithmetic (size, r, jump, start) they are padding like zeros; which pixels the padded
 *       positions repeat is not part of the geometry.
 *   <li>{@link BlurPool} is a {@link LayerGeometry.Kind#POOL} with kernel k, stride s and padding
 *       &lfloor;(k &minus; 1)/2&rfloor;, the amount it pads on the top/left side, which fixes r,
 *       jump and start. For even k it pads one more pixel on the bottom/right than the symmetric
 *       arithmetic assumes, so the recorded size can be one less than its &lceil;n/s&rceil;.
 *   <li>{@link Aps} keeps one of the four stride-2 polyphase components, chosen per input, so its
 *       output unit (i, j) reads one of the pixels (2i + a, 2j + b), a, b &isin; {0, 1}. It is
 *       recorded as a {@link LayerGeometry.Kind#POOL} with kernel 2, stride 2, padding 0: the union
 *       of the four phases, an upper bound on what any one output sees (its start is the centre of
 *       that 2x2 block, not of the phase actually kept). For odd n the recorded size floor(n/2) is
 *       one less than its &lceil;n/2&rceil; (it repeats the first row/column).
 *   <li>{@link ApsBlur} (circular blur k at stride 1, then one polyphase component) is a pool with
 *       kernel k + 1, stride 2 and padding &lfloor;(k &minus; 1)/2&rfloor;: the blur's window
 *       around the union of the four phases. {@link AvgPool2d} gives its kernel, stride, padding.
 *   <li>A residual {@link BasicBlock} contributes the layers of its main path ({@link
 *       BasicBlock#mainPath()}, named {@code BLOCK/head/...}, {@code BLOCK/select}, {@code
 *       BLOCK/tail/...}): a merge takes the larger receptive field (PROTOCOLS card 12), and the
 *       main path (3x3 convolution, downsampling, 3x3 convolution) contains the skip path's
 *       (downsampling, 1x1 convolution). With full padding the skip path is padded to the main
 *       path's size, so the two grids coincide and the main path's start holds for the sum.
 *   <li>{@link GlobalPool} is {@link LayerGeometry.Kind#GLOBAL}.
 *   <li>{@link AddCoords} (extra channels, positions untouched) and {@link ChannelPermutation} are
 *       {@link LayerGeometry.Kind#OTHER}; the permutation acts on (N, C) vectors, so it comes after
 *       a global layer and is recorded as global by the rule above.
 *   <li>{@link Pad2d} only pads. It is recorded as an identity 1x1 {@link LayerGeometry.Kind#CONV}
 *       (k = s = d = 1) with padding p, for which the recurrences of {@link ReceptiveField} give n'
 *       = n + 2p, r' = r, j' = j and start' = start &minus; p j: the padded map is p positions
 *       longer on each side and its first unit sits p input steps before the old first unit.
 *       Backward, r<sub>in</sub> = r<sub>out</sub> and P<sub>in</sub> = P<sub>out</sub> + p. Both
 *       axes must be padded alike (top = left, bottom = right); p is the top/left amount, which
 *       fixes r, jump and start, so an uneven pad such as APS's max-pool form (0, 1, 0, 1) records
 *       a size smaller by bottom &minus; top than the real one, as for an even-k blur pool.
 * </ul>
 *
 * <p>Geometry is per axis and the arithmetic in {@link ReceptiveField} runs along one axis, so
 * kernels, strides, paddings and dilations must be square. Blocks whose geometry is unknown (DJL's
 * pooling lambdas, which hide their kernel, or any other block type) are rejected rather than
 * guessed.
 */
public final class BlockGeometry {
  private BlockGeometry() {}

  /**
   * The geometry of each layer of a block.
   *
   * @param block a sequential block, or a single layer
   * @return the layers in order
   * @throws IllegalArgumentException if a layer's geometry is unknown or not square
   */
  public static List<LayerGeometry> of(Block block) {
    List<LayerGeometry> out = new ArrayList<>();
    walk("model", block, out);
    return List.copyOf(out);
  }

  private static void walk(String name, Block block, List<LayerGeometry> out) {
    if (block instanceof SequentialBlock seq) {
      for (var child : seq.getChildren()) {
        walk(child.getKey(), child.getValue(), out);
      }
      return;
    }
    if (block instanceof BasicBlock residual) {
      for (var child : residual.mainPath()) {
        walk(name + "/" + child.getKey(), child.getValue(), out);
      }
      return;
    }
    boolean flattened =
        !out.isEmpty() && out.get(out.size() - 1).kind() == LayerGeometry.Kind.GLOBAL;
    out.add(flattened ? LayerGeometry.global(name) : layer(name, block));
  }

  private static LayerGeometry layer(String name, Block block) {
    if (block instanceof Conv2d conv) {
      return LayerGeometry.conv(
          name,
          square(name, "kernel", conv.getKernelShape()),
          square(name, "stride", conv.getStride()),
          square(name, "padding", conv.getPadding()),
          square(name, "dilation", conv.getDilation()));
    }
    if (block instanceof WindowPool2d pool) {
      return LayerGeometry.pool(name, pool.kernel(), pool.stride(), pool.padding());
    }
    if (block instanceof PaddedConv2d conv) {
      return LayerGeometry.conv(
          name, conv.kernel(), conv.stride(), conv.padding(), conv.dilation());
    }
    if (block instanceof BlurPool blur) {
      return LayerGeometry.pool(name, blur.size(), blur.stride(), (blur.size() - 1) / 2);
    }
    if (block instanceof Aps) {
      return LayerGeometry.pool(name, 2, 2, 0);
    }
    if (block instanceof ApsBlur aps) {
      return LayerGeometry.pool(name, aps.size() + 1, 2, (aps.size() - 1) / 2);
    }
    if (block instanceof GlobalPool) {
      return LayerGeometry.global(name);
    }
    if (block instanceof AddCoords || block instanceof ChannelPermutation) {
      return LayerGeometry.pointwise(name);
    }
    if (block instanceof Pad2d pad) {
      return LayerGeometry.conv(name, 1, 1, padding(name, pad), 1);
    }
    if (block instanceof LambdaBlock lambda) {
      String fn = lambda.getName();
      if ("batchFlatten".equals(fn) || fn.startsWith("global")) {
        return LayerGeometry.global(name);
      }
      if (fn.toLowerCase(Locale.ROOT).contains("pool")) {
        throw new IllegalArgumentException(
            "layer "
                + name
                + " ("
                + fn
                + ") hides its kernel; build pools with io.shiftlab.nn.MaxPool2d");
      }
      return LayerGeometry.pointwise(name);
    }
    if (block instanceof Linear
        || block instanceof UniformDropout
        || block instanceof Dropout
        || block instanceof BatchNorm) {
      return LayerGeometry.pointwise(name);
    }
    throw new IllegalArgumentException(
        "layer " + name + ": no receptive-field geometry known for " + block.getClass().getName());
  }

  /** The top/left padding of a {@link Pad2d}, which must pad both axes alike. */
  private static int padding(String layer, Pad2d pad) {
    int[] p = {pad.top(), pad.bottom(), pad.left(), pad.right()};
    if (p[0] != p[2] || p[1] != p[3]) {
      throw new IllegalArgumentException(
          "layer "
              + layer
              + ": padding (top, bottom, left, right) = ("
              + p[0]
              + ", "
              + p[1]
              + ", "
              + p[2]
              + ", "
              + p[3]
              + ") is not the same on all sides, nor the same on both axes");
    }
    return p[0];
  }

  private static int square(String layer, String what, Shape shape) {
    if (shape.dimension() != 2 || shape.get(0) != shape.get(1)) {
      throw new IllegalArgumentException(
          "layer " + layer + ": " + what + " " + shape + " is not square");
    }
    return Math.toIntExact(shape.get(0));
  }
}
