package io.shiftlab.train;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;

/** A training-time transform of a whole batch, drawing its randomness from a given stream. */
public interface Augmentation {
  /** No augmentation. */
  Augmentation NONE =
      new Augmentation() {
        @Override
        public NDArray apply(NDArray batch, SplittableRandom rng) {
          return batch;
        }

        @Override
        public String toString() {
          return "none";
        }
      };

  /**
   * Transforms a batch (N, C, H, W) of floats in [0, 1].
   *
   * @param batch the batch; the result must be attached to the same manager
   * @param rng the augmentation stream of the current epoch
   * @return the transformed batch
   */
  NDArray apply(NDArray batch, SplittableRandom rng);
}
