package io.shiftlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.shift.BatchShifter;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Shift consistency (PROTOCOLS card 10): the percentage of image-pairs whose two shifted views get
 * the same predicted class, under one of the {@link ConsistencyProtocol}s (param {@code protocol}:
 * {@code crop}, {@code circular} or {@code zero}; see each constant for the exact draw).
 *
 * <p><b>Offsets.</b> Each image gets {@code pairs} offset pairs, drawn in image order from the
 * stream {@code probe.consistency}, so every model evaluated with the same seed, protocol and
 * {@code max} sees the same views, and image {@code i}'s offsets do not depend on how many images
 * follow it ({@code --limit} keeps prefixes stable). The repositories draw one pair per batch;
 * drawing per image gives the same expectation with less variance.
 *
 * <p><b>Statistic.</b> Consistency is the mean over all image-pairs, reported in percent. Its 95%
 * interval is the normal approximation over the per-image consistency values (each the fraction of
 * that image's {@code pairs} pairs that agree), {@code mean +- 1.96 s / sqrt(n)}, {@code s} the
 * sample standard deviation over the {@code n} images: the pairs of one image are not independent,
 * the images are.
 *
 * <p><b>Separating consistency from accuracy.</b> Restricting to pairs whose two views are both
 * correct would give 100% by definition, so the probe instead splits the agreeing pairs into those
 * that are both correct and those that agree on a wrong class (counts and fractions of all pairs),
 * and reports the consistency restricted to the images the model classifies correctly unshifted,
 * with their count.
 *
 * <p>Outputs: {@code consistency.json} (headline, per-distance table), {@code consistency.csv} (one
 * row per image: label, clean prediction, agreeing pairs and consistency) and {@code
 * consistency-distance.csv} (consistency by the Chebyshev distance between the two offsets of a
 * pair, which for {@code zero} is {@code |s|}).
 */
public final class ConsistencyProbe extends AbstractProbe<ConsistencyProbe.Result> {
  /** The probe's name. */
  public static final String NAME = "consistency";

  /** The stream the offsets are drawn from. */
  public static final String STREAM = "probe." + NAME;

  static final ProbeInfo INFO =
      new ProbeInfo(
          NAME,
          "shift consistency: % of image-pairs whose two shifted views get the same class",
          List.of(
              ProbeParam.choice(
                  "protocol",
                  "circular",
                  ConsistencyProtocol.ids(),
                  "crop (Zhang, zero canvas), circular (APS rolls) or zero (clean vs zero-fill"
                      + " shift)"),
              ProbeParam.integer("pairs", "5", 1, 100, "offset pairs per image, 1..100"),
              ProbeParam.integer("max", "3", 1, 16, "largest shift M in pixels, 1..16")),
          List.of(
              "consistency.json",
              "consistency.csv",
              "consistency-distance.csv",
              "consistency-distance.png"));

  /**
   * The predictions of every image's views; the arrays are not changed after measuring.
   *
   * @param setup the model's name and the options
   * @param protocol the protocol
   * @param pairs offset pairs per image
   * @param max the largest shift M
   * @param labels the true classes, per image
   * @param clean the unshifted prediction, per image
   * @param first the first view's prediction, {@code [pair][image]}
   * @param second the second view's prediction, {@code [pair][image]}
   * @param distance the Chebyshev distance between a pair's two offsets, {@code [pair][image]}
   */
  public record Result(
      ProbeSetup setup,
      ConsistencyProtocol protocol,
      int pairs,
      int max,
      int[] labels,
      int[] clean,
      int[][] first,
      int[][] second,
      int[][] distance) {
    /** Each image's fraction of agreeing pairs. */
    public double[] perImage() {
      return ConsistencyMetrics.perImage(first, second);
    }

    /** The consistency over all image-pairs, as a fraction, with its 95% interval. */
    public ConsistencyMetrics.MeanCi consistency() {
      return ConsistencyMetrics.meanCi95(perImage());
    }
  }

  /** The probe, with its writer. */
  public ConsistencyProbe() {
    super(INFO, new ConsistencyWriter());
  }

  /**
   * Draws every image's offset pairs.
   *
   * @param protocol the protocol
   * @param rng the stream {@link #STREAM}
   * @param n the number of images
   * @param pairs pairs per image
   * @param m the largest shift
   * @return {@code [image][pair]} of {@code {dx1, dy1, dx2, dy2}}
   */
  public static int[][][] drawOffsets(
      ConsistencyProtocol protocol, SplittableRandom rng, int n, int pairs, int m) {
    int[][][] out = new int[n][pairs][];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < pairs; p++) {
        out[i][p] = protocol.drawPair(rng, m);
      }
    }
    return out;
  }

  @Override
  public Result measure(ProbeContext ctx) {
    ConsistencyProtocol protocol = ConsistencyProtocol.of(ctx.params().choice("protocol"));
    int pairs = ctx.params().integer("pairs");
    int m = ctx.params().integer("max");
    ImageSet set = ctx.test();
    int n = set.size();
    int[][][] offsets = drawOffsets(protocol, ctx.streams().stream(STREAM), n, pairs, m);
    int[] clean = new int[n];
    int[][] first = new int[pairs][n];
    int[][] second = new int[pairs][n];
    int[][] distance = new int[pairs][n];
    BatchShifter shifter = new BatchShifter(protocol.mode());
    for (int from = 0; from < n; from += ProbeRuns.BATCH) {
      int to = Math.min(n, from + ProbeRuns.BATCH);
      try (NDManager bm = ctx.manager().newSubManager()) {
        NDArray x = Batches.images(set, null, from, to, bm);
        int[] cleanPred = ProbeRuns.scoresShifted(ctx.model(), x, shifter, 0, 0).predicted();
        System.arraycopy(cleanPred, 0, clean, from, to - from);
        for (int p = 0; p < pairs; p++) {
          float[][] view1 = view(offsets, p, from, to, 0);
          float[][] view2 = view(offsets, p, from, to, 2);
          int[] a =
              protocol == ConsistencyProtocol.ZERO
                  ? cleanPred
                  : ProbeRuns.scoresShifted(ctx.model(), x, shifter, view1[0], view1[1])
                      .predicted();
          int[] b =
              ProbeRuns.scoresShifted(ctx.model(), x, shifter, view2[0], view2[1]).predicted();
          System.arraycopy(a, 0, first[p], from, to - from);
          System.arraycopy(b, 0, second[p], from, to - from);
          for (int i = from; i < to; i++) {
            int[] o = offsets[i][p];
            distance[p][i] = ConsistencyMetrics.chebyshev(o[0], o[1], o[2], o[3]);
          }
        }
      }
    }
    return new Result(
        ctx.setup(), protocol, pairs, m, set.labels(), clean, first, second, distance);
  }

  /** The offsets of one view of pair {@code p} for images {@code from..to}: {@code {dx, dy}}. */
  private static float[][] view(int[][][] offsets, int p, int from, int to, int at) {
    float[] dx = new float[to - from];
    float[] dy = new float[to - from];
    for (int i = from; i < to; i++) {
      dx[i - from] = offsets[i][p][at];
      dy[i - from] = offsets[i][p][at + 1];
    }
    return new float[][] {dx, dy};
  }
}
