package io.shiftlab.nn;

import ai.djl.ndarray.NDArray;
import io.shiftlab.NonFiniteException;
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
   * @return logits (N, numClasses), all finite
   * @throws NonFiniteException when some logit is NaN or infinite
   */
  NDArray logits(NDArray batch);

  /**
   * Refuses logits that hold NaN or an infinity: no probe may turn them into a number.
   *
   * @param logits the logits (N, K)
   * @param model the model, named in the message
   * @param hint what to check, appended to the message (may be empty)
   * @return the same logits
   * @throws NonFiniteException naming the model and how many images are affected
   */
  static NDArray requireFinite(NDArray logits, String model, String hint) {
    // x - x is NaN exactly where x is NaN or infinite: one element-wise pass and one reduction.
    // The intermediates are closed here so that nothing but the logits stays on the caller's
    // manager.
    try (NDArray diff = logits.sub(logits);
        NDArray bad = diff.isNaN();
        NDArray any = bad.any()) {
      if (!any.getBoolean()) {
        return logits;
      }
      boolean[] flags = bad.toBooleanArray();
      long n = logits.getShape().get(0);
      int k = (int) (flags.length / Math.max(1, n));
      long rows = 0;
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < k; c++) {
          if (flags[i * k + c]) {
            rows++;
            break;
          }
        }
      }
      throw new NonFiniteException(
          model
              + ": the logits of "
              + rows
              + " of "
              + n
              + " images are NaN or infinite"
              + (hint.isEmpty() ? "" : "; " + hint));
    }
  }

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
