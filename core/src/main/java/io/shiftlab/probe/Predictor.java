package io.shiftlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.Classifier;
import io.shiftlab.random.Streams;
import io.shiftlab.shift.Offsets;
import io.shiftlab.shift.ShiftSpec;

/**
 * Runs a classifier over a test set, clean or with one random shift per image, and returns the
 * predicted classes as a plain array.
 *
 * <p>The offsets of a shifted test set come from the stream {@code test.<set>} of the run's seed
 * ({@link #streamName}), so the article's ShiftMin and Shift sets are the same images with the same
 * offsets for every model evaluated with the same seed.
 */
public final class Predictor {
  /** Images per forward pass. */
  public static final int BATCH = 1000;

  private Predictor() {}

  /**
   * Predicts the clean set.
   *
   * @param model the classifier
   * @param set the images
   * @param manager a parent manager; each batch gets its own sub-manager
   * @return the predicted class of every image
   */
  public static int[] predict(Classifier model, ImageSet set, NDManager manager) {
    return predict(model, set, null, null, manager);
  }

  /**
   * The logits of every image of a set, in inference mode.
   *
   * @param model the classifier
   * @param set the images
   * @param manager a parent manager; each batch gets its own sub-manager
   * @return row-major logits, {@code set.size()} rows of {@code k} classes
   */
  public static float[] logits(Classifier model, ImageSet set, NDManager manager) {
    float[][] parts = new float[(set.size() + BATCH - 1) / BATCH][];
    int total = 0;
    for (int b = 0; b < parts.length; b++) {
      int from = b * BATCH;
      int to = Math.min(set.size(), from + BATCH);
      try (NDManager bm = manager.newSubManager()) {
        parts[b] = model.logits(Batches.images(set, null, from, to, bm)).toFloatArray();
        total += parts[b].length;
      }
    }
    float[] out = new float[total];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /**
   * Predicts a shifted copy of the set: image i moved by {@code offsets.get(i)}.
   *
   * @param model the classifier
   * @param set the images
   * @param spec the shift (mode and distribution), or null for the clean set
   * @param offsets one offset per image, or null for the clean set
   * @param manager a parent manager; each batch gets its own sub-manager
   * @return the predicted class of every image
   */
  public static int[] predict(
      Classifier model, ImageSet set, ShiftSpec spec, Offsets offsets, NDManager manager) {
    int n = set.size();
    int[] out = new int[n];
    for (int from = 0; from < n; from += BATCH) {
      int to = Math.min(n, from + BATCH);
      try (NDManager bm = manager.newSubManager()) {
        NDArray x = Batches.images(set, null, from, to, bm);
        if (spec != null) {
          x = spec.shifter().apply(x, slice(offsets, from, to));
        }
        long[] pred = model.logits(x).argMax(1).toLongArray();
        for (int i = 0; i < pred.length; i++) {
          out[from + i] = (int) pred[i];
        }
      }
    }
    return out;
  }

  /**
   * Draws the offsets of a shifted test set.
   *
   * @param spec the shift
   * @param streams the run's streams
   * @param n the number of images
   * @return one offset per image
   */
  public static Offsets offsets(ShiftSpec spec, Streams streams, int n) {
    return Offsets.draw(spec.sampler(), streams.stream(streamName(spec)), n);
  }

  /**
   * The stream a shifted test set draws from: {@code test.shiftMin} and {@code test.shift} for the
   * article's two sets (PROTOCOLS card 1), else {@code test.<spec>}.
   *
   * @param spec the shift
   * @return the stream name
   */
  public static String streamName(ShiftSpec spec) {
    if (spec.equals(ShiftSpec.SHIFT_MIN)) {
      return Streams.test("shiftMin");
    }
    if (spec.equals(ShiftSpec.SHIFT)) {
      return Streams.test("shift");
    }
    return Streams.test(spec.toString());
  }

  private static Offsets slice(Offsets o, int from, int to) {
    return new Offsets(
        java.util.Arrays.copyOfRange(o.dx(), from, to),
        java.util.Arrays.copyOfRange(o.dy(), from, to));
  }
}
