package io.shiftlab.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * Accuracy pooled by bins of a real-valued covariate, e.g. the Chebyshev offset of an object from
 * the frame centre (PROTOCOLS card 2: bins {@code <= 2, 3-6, 7-10, > 10} pixels). A pure function
 * over plain arrays.
 *
 * <p>Bins are given by ascending upper edges {@code e_0 < e_1 < ... < e_{k-1}}: bin 0 holds values
 * {@code v <= e_0}, bin {@code i} holds {@code e_{i-1} < v <= e_i}, and a last bin {@code k} holds
 * {@code v > e_{k-1}}; so {@code k} edges give {@code k + 1} bins and every value falls in exactly
 * one. With real offsets the card's bins {@code 3-6} and {@code 7-10} are read as {@code (2, 6]}
 * and {@code (6, 10]}.
 */
public final class BinnedAccuracy {
  private BinnedAccuracy() {}

  /**
   * One bin.
   *
   * @param label e.g. {@code <=2}, {@code (2,6]}, {@code >10}
   * @param images the number of images in the bin
   * @param correct how many of them were classified correctly
   * @param accuracy {@code correct / images}; NaN when the bin is empty
   */
  public record Bin(String label, int images, int correct, double accuracy) {}

  /**
   * The bin index of a value.
   *
   * @param value the covariate
   * @param upperEdges ascending upper edges
   * @return 0 .. {@code upperEdges.length}
   */
  public static int binOf(double value, double[] upperEdges) {
    int i = 0;
    while (i < upperEdges.length && value > upperEdges[i]) {
      i++;
    }
    return i;
  }

  /**
   * The labels of the bins.
   *
   * @param upperEdges ascending upper edges
   * @return {@code <=e0}, {@code (e0,e1]}, ..., {@code >e_{k-1}}
   */
  public static List<String> labels(double[] upperEdges) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i <= upperEdges.length; i++) {
      if (i == 0) {
        out.add("<=" + fmt(upperEdges[0]));
      } else if (i == upperEdges.length) {
        out.add(">" + fmt(upperEdges[i - 1]));
      } else {
        out.add("(" + fmt(upperEdges[i - 1]) + "," + fmt(upperEdges[i]) + "]");
      }
    }
    return out;
  }

  /**
   * Accuracy per bin.
   *
   * @param values the covariate of each image
   * @param predicted the predicted class of each image
   * @param labels the true class of each image
   * @param upperEdges ascending, distinct, finite upper edges, at least one
   * @return {@code upperEdges.length + 1} bins, in order
   */
  public static List<Bin> of(double[] values, int[] predicted, int[] labels, double[] upperEdges) {
    Metrics.requireSameLength(
        values.length, "values", predicted.length, "predictions", labels.length, "labels");
    if (upperEdges.length == 0) {
      throw new IllegalArgumentException("need at least one bin edge");
    }
    for (int i = 0; i < upperEdges.length; i++) {
      if (!Double.isFinite(upperEdges[i]) || (i > 0 && upperEdges[i] <= upperEdges[i - 1])) {
        throw new IllegalArgumentException("bin edges must be finite and ascending");
      }
    }
    int[] n = new int[upperEdges.length + 1];
    int[] c = new int[upperEdges.length + 1];
    for (int i = 0; i < values.length; i++) {
      int b = binOf(values[i], upperEdges);
      n[b]++;
      c[b] += predicted[i] == labels[i] ? 1 : 0;
    }
    List<String> names = labels(upperEdges);
    List<Bin> out = new ArrayList<>();
    for (int b = 0; b < n.length; b++) {
      out.add(new Bin(names.get(b), n[b], c[b], n[b] == 0 ? Double.NaN : (double) c[b] / n[b]));
    }
    return out;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
