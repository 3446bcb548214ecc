package io.shiftlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.shiftlab.Setting;
import io.shiftlab.UserInputException;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.Classifier;
import io.shiftlab.nn.InputShape;
import io.shiftlab.shift.BatchShifter;
import java.util.Arrays;

/** Engine-side helpers shared by the probes: one forward pass to plain scores, batch slicing. */
final class ProbeRuns {
  /** Images per forward pass. */
  static final int BATCH = Predictor.BATCH;

  private ProbeRuns() {}

  /** Runs the model on a batch and returns its softmax scores as plain arrays. */
  static ClassScores scores(Classifier model, NDArray x) {
    NDArray logits = model.logits(x);
    int k = (int) logits.getShape().get(1);
    return ClassScores.fromLogits(logits.toFloatArray(), k);
  }

  /**
   * Scores the batch shifted by one offset for all images. The shifted copy, its matrices and the
   * logits live in a sub-manager of {@code x}'s manager that is closed before returning; {@code x}
   * is attached to it only for the call and goes back afterwards.
   */
  static ClassScores scoresShifted(
      Classifier model, NDArray x, BatchShifter shifter, double dx, double dy) {
    try (NDManager om = x.getManager().newSubManager()) {
      x.tempAttach(om);
      NDArray xs = dx == 0 && dy == 0 ? x : shifter.applyAll(x, dx, dy);
      return scores(model, xs);
    }
  }

  /** Scores the batch with one offset per image, everything but {@code x} freed before return. */
  static ClassScores scoresShifted(
      Classifier model, NDArray x, BatchShifter shifter, float[] dx, float[] dy) {
    try (NDManager om = x.getManager().newSubManager()) {
      return scores(model, shifter.apply(om, x, dx, dy));
    }
  }

  /** {@code labels[from..to)}. */
  static int[] slice(int[] labels, int from, int to) {
    return Arrays.copyOfRange(labels, from, to);
  }

  /**
   * Refuses test images of another size or channel count than the model's input, or none.
   *
   * @param probe the probe's name, for the message
   */
  static void requireInputSize(String probe, ImageSet test, InputShape in) {
    boolean same = test.height() == in.height() && test.width() == in.width();
    requireImages(probe, test, in, same, "");
  }

  /**
   * Refuses test images that do not fit in the model's input or have other channels, or none.
   *
   * @param probe the probe's name, for the message
   */
  static void requireFitsInput(String probe, ImageSet test, InputShape in) {
    boolean fits = test.height() <= in.height() && test.width() <= in.width();
    requireImages(probe, test, in, fits, "; the images must have its channels and fit in it");
  }

  private static void requireImages(
      String probe, ImageSet test, InputShape in, boolean sizeOk, String hint) {
    if (test.channels() != in.channels() || !sizeOk) {
      throw new UserInputException(
          Setting.PROBE.subject(probe),
          "test images are "
              + test.channels()
              + "x"
              + test.height()
              + "x"
              + test.width()
              + " but the model takes "
              + in
              + hint);
    }
    if (test.size() == 0) {
      throw new UserInputException(Setting.PROBE.subject(probe), "the test set is empty");
    }
  }
}
