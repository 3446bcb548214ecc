package io.shiftlab.nn;

import ai.djl.ndarray.NDArray;
import io.shiftlab.nn.zoo.InputShape;
import java.util.List;

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

  /**
   * The outputs of the model's layers in order, in inference mode, ending with the logits. A model
   * that cannot expose its intermediate maps (an opaque TorchScript module) returns the logits
   * only.
   *
   * @param batch floats (N, C, H, W) in [0, 1]
   * @return one entry per layer, the last being the logits
   */
  default List<LayerOutput> layers(NDArray batch) {
    return List.of(new LayerOutput("logits", logits(batch)));
  }

  @Override
  void close();
}
