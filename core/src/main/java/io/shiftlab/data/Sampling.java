package io.shiftlab.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Index sampling for splits: hold-out and subsets, each drawn from a caller's stream and returned
 * in ascending (file) order, so that later shuffling is the only source of order.
 */
final class Sampling {
  /** The validation split held out of a training file, at most. */
  static final int MAX_VAL = 5000;

  private Sampling() {}

  /** The size of the validation split held out of {@code n} training images. */
  static int valSize(int n) {
    return Math.min(MAX_VAL, n / 12);
  }

  /**
   * Splits {@code [0, n)} into a held-out part of size {@code k} and the rest.
   *
   * @param n the number of items
   * @param k the size of the held-out part
   * @param rnd the stream that draws the permutation
   * @return {@code {rest, heldOut}}, each ascending
   */
  static int[][] holdOut(int n, int k, SplittableRandom rnd) {
    int[] perm = partialShuffle(n, k, rnd);
    int[] held = Arrays.copyOf(perm, k);
    int[] rest = Arrays.copyOfRange(perm, k, n);
    Arrays.sort(held);
    Arrays.sort(rest);
    return new int[][] {rest, held};
  }

  /**
   * Draws {@code k} of the given indices without replacement.
   *
   * @param indices the candidates
   * @param k how many to keep; all when {@code k >= indices.length}
   * @param rnd the stream
   * @return the chosen indices, ascending
   */
  static int[] choose(int[] indices, int k, SplittableRandom rnd) {
    if (k >= indices.length) {
      return indices.clone();
    }
    int[] pos = partialShuffle(indices.length, k, rnd);
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = indices[pos[i]];
    }
    Arrays.sort(out);
    return out;
  }

  /** A permutation of {@code [0, n)} whose first {@code k} entries are a uniform random draw. */
  private static int[] partialShuffle(int n, int k, SplittableRandom rnd) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + rnd.nextInt(n - i);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** The indices {@code [0, n)}. */
  static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }
}
