package io.shiftlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.shift.BatchShifter;
import io.shiftlab.shift.ShiftMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Stability under 1-pixel translations, after Azulay and Weiss (JMLR 2019) as summarised in
 * PROTOCOLS card 10, plus the worst-case shift score.
 *
 * <p><b>Black canvas.</b> Azulay and Weiss embed each image in a larger black canvas and move it
 * one pixel at a time, so nothing of the image is cut off. The models here take inputs of a fixed
 * size, so the sweep is the zero-fill shift of the image by {@code t = -pad..pad} within its own
 * frame. This is exactly the image zero-padded by {@code pad} on every side, moved by {@code t} in
 * that canvas and seen through the centred {@code H x W} window; content reaching the window's edge
 * is lost, which for centred digits with a black border of at least {@code pad} pixels never
 * happens.
 *
 * <p><b>Metrics</b> ({@link StabilityMetrics}), per swept axis ({@code axis = x}, or {@code xy} for
 * a separate sweep along y too): (a) the probability of a top-1 change between consecutive 1-px
 * translates; (b) the mean absolute change (MAC) of the top-1 probability, {@code |p_c(x_{t+1}) -
 * p_c(x_t)|} with {@code c} the top-1 class of the earlier translate; (c) jaggedness, the number of
 * changes of the predicted class along each image's sweep (mean and histogram); and (d) the
 * worst-case shift score, the fraction of images classified correctly at every integer shift of the
 * box {@code [-worst..worst]^2}, zero fill (Michaeli et al. count images correct at every shift;
 * they roll, this uses zero fill on the same box idea).
 */
public final class StabilityProbe extends AbstractProbe<StabilityProbe.Result> {
  /** The probe's name. */
  public static final String NAME = "stability";

  static final ProbeInfo INFO =
      new ProbeInfo(
          NAME,
          "1-px sweep stability (top-1 change rate, MAC, jaggedness) and worst-case shift score",
          List.of(
              ProbeParam.integer(
                  "pad", "4", 1, 16, "black canvas margin and sweep half-length in pixels, 1..16"),
              ProbeParam.choice(
                  "axis",
                  "x",
                  List.of("x", "xy"),
                  "sweep along x, or xy for a second sweep along y"),
              ProbeParam.integer(
                  "worst",
                  "2",
                  0,
                  16,
                  "worst-case box half-width k, 0..16: correct at all of [-k..k]^2")),
          List.of("stability.json", "stability.csv", "stability.png"));

  /**
   * What the sweeps and the worst-case box measured; the arrays are not changed after measuring.
   *
   * @param setup the model's name and the options
   * @param pad the sweep half-length
   * @param worst the worst-case box half-width k
   * @param labels the true classes, per image
   * @param sweeps one sweep per axis, x first
   * @param boxPred the predictions at every offset of the box, {@code [offset][image]}, row-major
   *     from {@code (-k, -k)}
   */
  public record Result(
      ProbeSetup setup, int pad, int worst, int[] labels, List<Sweep> sweeps, int[][] boxPred) {
    /** The fraction of images correct at every offset of the box. */
    public double worstCaseAccuracy() {
      return StabilityMetrics.correctAtEveryShift(boxPred, labels);
    }
  }

  /** The probe, with its writer. */
  public StabilityProbe() {
    super(INFO, new StabilityWriter());
  }

  /**
   * The per-position numbers of one axis' sweep, plus the per-image predictions.
   *
   * @param axis {@code x} or {@code y}
   * @param pred the prediction per position and image
   * @param earlier the top-1 probability of the earlier translate, per step and image
   * @param later the later translate's probability of that class, per step and image
   * @param sumTop the sum of the top-1 probabilities per position
   * @param sumTrue the sum of the true-class probabilities per position
   * @param correct the correct predictions per position
   */
  public record Sweep(
      String axis,
      int[][] pred,
      double[][] earlier,
      double[][] later,
      double[] sumTop,
      double[] sumTrue,
      int[] correct) {
    static Sweep of(String axis, int positions, int n) {
      return new Sweep(
          axis,
          new int[positions][n],
          new double[positions - 1][n],
          new double[positions - 1][n],
          new double[positions],
          new double[positions],
          new int[positions]);
    }
  }

  @Override
  public Result measure(ProbeContext ctx) {
    int pad = ctx.params().integer("pad");
    String axisParam = ctx.params().choice("axis");
    int k = ctx.params().integer("worst");
    ImageSet set = ctx.test();
    int n = set.size();
    int positions = 2 * pad + 1;
    List<Sweep> sweeps = new ArrayList<>();
    sweeps.add(Sweep.of("x", positions, n));
    if (axisParam.equals("xy")) {
      sweeps.add(Sweep.of("y", positions, n));
    }
    int box = (2 * k + 1) * (2 * k + 1);
    int[][] boxPred = new int[box][n];
    BatchShifter shifter = new BatchShifter(ShiftMode.ZERO);
    for (int from = 0; from < n; from += ProbeRuns.BATCH) {
      int to = Math.min(n, from + ProbeRuns.BATCH);
      int[] labels = ProbeRuns.slice(set.labels(), from, to);
      try (NDManager bm = ctx.manager().newSubManager()) {
        NDArray x = Batches.images(set, null, from, to, bm);
        for (Sweep s : sweeps) {
          ClassScores prev = null;
          for (int t = 0; t < positions; t++) {
            int d = t - pad;
            boolean alongX = s.axis().equals("x");
            ClassScores sc =
                ProbeRuns.scoresShifted(ctx.model(), x, shifter, alongX ? d : 0, alongX ? 0 : d);
            int[] pred = sc.predicted();
            System.arraycopy(pred, 0, s.pred()[t], from, to - from);
            s.sumTop()[t] += sum(sc.topProbability());
            s.sumTrue()[t] += sum(sc.trueProbability(labels));
            s.correct()[t] += Metrics.correct(pred, labels);
            if (prev != null) {
              double[] e = prev.topProbability();
              double[] l = sc.probabilityOf(prev.predicted());
              System.arraycopy(e, 0, s.earlier()[t - 1], from, to - from);
              System.arraycopy(l, 0, s.later()[t - 1], from, to - from);
            }
            prev = sc;
          }
        }
        int b = 0;
        for (int dy = -k; dy <= k; dy++) {
          for (int dx = -k; dx <= k; dx++) {
            int[] pred = ProbeRuns.scoresShifted(ctx.model(), x, shifter, dx, dy).predicted();
            System.arraycopy(pred, 0, boxPred[b++], from, to - from);
          }
        }
      }
    }
    return new Result(ctx.setup(), pad, k, set.labels(), List.copyOf(sweeps), boxPred);
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return s;
  }
}
