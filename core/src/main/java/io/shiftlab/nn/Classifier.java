package io.shiftlab.nn;

import ai.djl.ndarray.NDArray;
import io.shiftlab.nn.zoo.InputShape;

/**
 * Anything that maps a batch of images to class logits: a shiftlab model or, later, an exported
 * TorchScript model. Probes and evaluation see only this.
 */
public interface Classifier extends AutoCloseable {
  /** The shape of one input image. */
  InputShape inputShape();

  /** The number of logits per image. */
  int numClasses();

  /**
   * Computes logits in inference mode.
   *
   * @param batch floats (N, C, H, W) in [0, 1]; the result is attached to the batch's manager
   * @return logits (N, numClasses)
   */
  NDArray logits(NDArray batch);

  @Override
  void close();
}
