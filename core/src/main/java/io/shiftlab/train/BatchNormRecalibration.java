package io.shiftlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.zoo.Network;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Recomputes the running statistics of every batch-norm layer for a network's final parameters
 * ("precise BN": Wu and Johnson, "Rethinking 'Batch' in BatchNorm", 2021; fvcore's {@code
 * update_bn_stats}; PyTorch's {@code torch.optim.swa_utils.update_bn}).
 *
 * <p>During training the running mean and variance are exponential averages of batch statistics
 * taken while the parameters move, so at the end they can describe an earlier network than the one
 * kept. Evaluation (eval mode) then normalises with stale statistics. This step runs training-mode
 * forward passes, without gradients or parameter updates, over at least {@code batches} batches of
 * training images, so that the running statistics are an average over the kept parameters only
 * (DJL's batch norm keeps 10% of each new batch, like PyTorch's momentum 0.1: after 100 batches the
 * statistics from before weigh 0.9^100, about 3e-5).
 *
 * @param batches the least number of batches to run, at least 1
 * @param batchSize images per batch, at least 1
 */
public record BatchNormRecalibration(int batches, int batchSize) {
  /** Validates the values. */
  public BatchNormRecalibration {
    if (batches < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "batches and batch size must be positive, got " + batches + " and " + batchSize);
    }
  }

  /**
   * Whether a block has a batch-norm layer anywhere inside it.
   *
   * @param block the block
   * @return true when recalibration would change it
   */
  public static boolean appliesTo(Block block) {
    if (block instanceof BatchNorm) {
      return true;
    }
    return block.getChildren().values().stream().anyMatch(BatchNormRecalibration::appliesTo);
  }

  /**
   * Runs the passes over each pass's images in their stored order, without augmentation.
   *
   * @param net the network, its parameters final; its running statistics are replaced
   * @param pass the training images of pass p (0, 1, ...), e.g. the tiles in fresh cells
   * @return the number of batches run
   */
  public int apply(Network net, IntFunction<ImageSet> pass) {
    return apply(net, pass, Augmentation.NONE, null);
  }

  /**
   * Runs the passes the way training saw its images: each pass in an order drawn from its own
   * stream, each batch transformed by the training augmentation drawing from that stream too.
   *
   * @param net the network, its parameters final; its running statistics are replaced
   * @param pass the training images of pass p (0, 1, ...)
   * @param augmentation the training-time augmentation
   * @param rng the stream of pass p, for its order and augmentation; null for the stored order
   *     without augmentation
   * @return the number of batches run
   */
  public int apply(
      Network net,
      IntFunction<ImageSet> pass,
      Augmentation augmentation,
      IntFunction<SplittableRandom> rng) {
    return apply(
        net.manager(),
        p -> {
          ImageSet set = pass.apply(p);
          return new Pass() {
            @Override
            public int size() {
              return set.size();
            }

            @Override
            public void forward(
                int[] order, int from, int to, SplittableRandom r, NDManager manager) {
              NDArray x = Batches.images(set, order, from, to, manager);
              net.forward(r == null ? x : augmentation.apply(x, r), true);
            }
          };
        },
        rng);
  }

  /**
   * Runs the passes through any block: each pass in an order drawn from its own stream (or in
   * stored order), one sub-manager per batch.
   *
   * @param parent the manager of the batches' sub-managers
   * @param passes pass p (0, 1, ...): its items and how to run a batch of them in training mode
   * @param rng the stream of pass p, for its order (and whatever the pass draws); null for the
   *     stored order
   * @return the number of batches run
   */
  public int apply(NDManager parent, IntFunction<Pass> passes, IntFunction<SplittableRandom> rng) {
    int done = 0;
    for (int p = 0; done < batches; p++) {
      Pass pass = passes.apply(p);
      int n = pass.size();
      if (n == 0) {
        throw new IllegalArgumentException("pass " + p + " has no images");
      }
      SplittableRandom r = rng == null ? null : rng.apply(p);
      int[] order = r == null ? null : Batches.permutation(n, r);
      for (int from = 0; from < n && done < batches; from += batchSize) {
        int to = Math.min(n, from + batchSize);
        try (NDManager m = parent.newSubManager()) {
          pass.forward(order, from, to, r, m);
        }
        done++;
      }
    }
    return done;
  }

  /** One pass of a recalibration: a number of items and a training-mode forward over a batch. */
  public interface Pass {
    /**
     * The number of items of the pass.
     *
     * @return at least 1
     */
    int size();

    /**
     * Runs items {@code order[from..to)} (or {@code from..to} in stored order) through the block in
     * training mode; the outputs are thrown away.
     *
     * @param order the pass's order, or null for the stored order
     * @param from first position, inclusive
     * @param to last position, exclusive
     * @param rng the pass's stream after the order was drawn (for augmentation), or null
     * @param manager the batch's manager, closed after the call
     */
    void forward(int[] order, int from, int to, SplittableRandom rng, NDManager manager);
  }
}
