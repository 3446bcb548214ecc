package io.shiftlab.rf;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import io.shiftlab.nn.MaxPool2d;
import io.shiftlab.nn.UniformDropout;
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
    if (block instanceof MaxPool2d pool) {
      return LayerGeometry.pool(name, pool.kernel(), pool.stride(), pool.padding());
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

  private static int square(String layer, String what, Shape shape) {
    if (shape.dimension() != 2 || shape.get(0) != shape.get(1)) {
      throw new IllegalArgumentException(
          "layer " + layer + ": " + what + " " + shape + " is not square");
    }
    return Math.toIntExact(shape.get(0));
  }
}
