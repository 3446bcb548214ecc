package io.shiftlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.Classifier;
import io.shiftlab.nn.zoo.GapNets;
import io.shiftlab.nn.zoo.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a trunk-plus-head model ({@link GapNets}) in two halves, in inference mode, and returns
 * plain arrays: the global average of the final backbone map per image (card 8's {@code z},
 * optionally of the horizontally flipped image), and the logits of the head on that map, once per
 * channel mask.
 *
 * <p>A mask multiplies a copy of the backbone map channel by channel ({@code 0} removes a channel,
 * {@code 1} keeps it) before the head, so the model's parameters are never touched (card 8's
 * pitfall: the authors' {@code [:N]} slicing mutated the model). The backbone runs once per batch
 * whatever the number of masks. A {@code null} mask is the plain forward pass; passing it several
 * times gives independent passes of a random head (PermuteNet: a new permutation every call, drawn
 * from libtorch's generator, which the caller seeds).
 */
public final class BackboneProbe {
  /** Images per forward batch. */
  public static final int BATCH = 250;

  private BackboneProbe() {}

  /**
   * The global average of the final backbone map: {@code z[i][c]}.
   *
   * @param net a location-grid model
   * @param set the images
   * @param hflip whether to flip each image left-right first
   * @return one row of {@code C} values per image
   */
  public static float[][] pooledBackbone(Network net, ImageSet set, boolean hflip) {
    Block trunk = GapNets.trunkOf(net.block());
    float[][] z = new float[set.size()][];
    for (int from = 0; from < set.size(); from += BATCH) {
      int to = Math.min(set.size(), from + BATCH);
      try (NDManager m = net.manager().newSubManager()) {
        NDArray x = Batches.images(set, null, from, to, m);
        if (hflip) {
          x = x.flip(3);
        }
        NDArray map = forward(trunk, x);
        long c = map.getShape().get(1);
        float[] flat = map.reshape(to - from, c, -1).mean(new int[] {2}).toFloatArray();
        for (int i = from; i < to; i++) {
          z[i] = Arrays.copyOfRange(flat, (int) ((i - from) * c), (int) ((i - from + 1) * c));
        }
      }
    }
    return z;
  }

  /**
   * The head's logits on the (masked) backbone map, one array per mask.
   *
   * @param net a location-grid model
   * @param set the images
   * @param masks per mask, one factor per backbone channel, or {@code null} for none
   * @return {@code logits[m]}: row-major {@code set.size() x K} logits under mask {@code m}
   */
  public static List<float[]> headLogits(Network net, ImageSet set, List<float[]> masks) {
    Block trunk = GapNets.trunkOf(net.block());
    Block head = GapNets.headOf(net.block());
    int k = net.numClasses();
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < masks.size(); i++) {
      out.add(new float[set.size() * k]);
    }
    for (int from = 0; from < set.size(); from += BATCH) {
      int to = Math.min(set.size(), from + BATCH);
      try (NDManager m = net.manager().newSubManager()) {
        NDArray map = forward(trunk, Batches.images(set, null, from, to, m));
        long c = map.getShape().get(1);
        for (int j = 0; j < masks.size(); j++) {
          float[] mask = masks.get(j);
          NDArray in = map;
          if (mask != null) {
            if (mask.length != c) {
              throw new IllegalArgumentException(
                  "mask has " + mask.length + " factors for " + c + " channels");
            }
            in = map.mul(m.create(mask, new Shape(1, c, 1, 1)));
          }
          float[] logits =
              Classifier.requireFinite(
                      forward(head, in),
                      "the model's head",
                      mask == null ? "" : "with channel mask " + j)
                  .toFloatArray();
          System.arraycopy(logits, 0, out.get(j), from * k, logits.length);
        }
      }
    }
    return out;
  }

  private static NDArray forward(Block block, NDArray x) {
    // a fresh store per call, as in Network#forward
    ParameterStore store = new ParameterStore(x.getManager(), false);
    return block.forward(store, new NDList(x), false).singletonOrThrow();
  }
}
