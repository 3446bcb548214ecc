package io.shiftlab.probe;

/**
 * The softmax probabilities of a batch of images, computed in Java from the logits, with the
 * predictions and per-image probabilities the probes need.
 *
 * <p>Softmax subtracts each row's maximum before exponentiating (in double), so large logits do not
 * overflow. The predicted class is the first maximum of the logits (ties go to the lower class, as
 * {@code argmax} does).
 */
public final class ClassScores {
  private final int n;
  private final int k;
  private final double[] p;
  private final int[] predicted;

  private ClassScores(int n, int k, double[] p, int[] predicted) {
    this.n = n;
    this.k = k;
    this.p = p;
    this.predicted = predicted;
  }

  /**
   * Computes the probabilities from row-major logits.
   *
   * @param logits {@code n * k} logits, row {@code i} belonging to image {@code i}
   * @param k the number of classes
   * @return the scores
   */
  public static ClassScores fromLogits(float[] logits, int k) {
    if (k < 1 || logits.length % k != 0) {
      throw new IllegalArgumentException(
          logits.length + " logits do not split into rows of " + k + " classes");
    }
    int n = logits.length / k;
    double[] p = new double[logits.length];
    int[] pred = new int[n];
    for (int i = 0; i < n; i++) {
      int base = i * k;
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (logits[base + c] > logits[base + best]) {
          best = c;
        }
      }
      pred[i] = best;
      double max = logits[base + best];
      double sum = 0;
      for (int c = 0; c < k; c++) {
        double e = Math.exp(logits[base + c] - max);
        p[base + c] = e;
        sum += e;
      }
      for (int c = 0; c < k; c++) {
        p[base + c] /= sum;
      }
    }
    return new ClassScores(n, k, p, pred);
  }

  /** The number of images. */
  public int size() {
    return n;
  }

  /** The number of classes. */
  public int numClasses() {
    return k;
  }

  /**
   * The probability of one class for one image.
   *
   * @param image the image index
   * @param cls the class
   * @return p(cls | image)
   */
  public double probability(int image, int cls) {
    return p[image * k + cls];
  }

  /** The predicted class of every image (a copy). */
  public int[] predicted() {
    return predicted.clone();
  }

  /**
   * The probability of each image's true class.
   *
   * @param labels the true classes, one per image
   * @return p(label_i | image_i) per image
   */
  public double[] trueProbability(int[] labels) {
    return probabilityOf(labels);
  }

  /**
   * The probability of the predicted (top-1) class of each image.
   *
   * @return p(top-1) per image
   */
  public double[] topProbability() {
    return probabilityOf(predicted);
  }

  /**
   * The probability each image gives to a chosen class, e.g. the top-1 class of another view.
   *
   * @param classes one class per image
   * @return p(classes_i | image_i) per image
   */
  public double[] probabilityOf(int[] classes) {
    if (classes.length != n) {
      throw new IllegalArgumentException(
          "need one class per image: " + n + " images, " + classes.length + " classes");
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = p[i * k + classes[i]];
    }
    return out;
  }
}
