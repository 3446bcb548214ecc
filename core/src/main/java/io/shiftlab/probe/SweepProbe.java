package io.shiftlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.shift.BatchShifter;
import io.shiftlab.shift.ShiftMode;
import java.util.Arrays;
import java.util.List;

/**
 * Accuracy over a box of integer shifts: every test image moved by every offset {@code (dx, dy)} in
 * {@code [-r..r]^2}, with the accuracy, the correct count and the mean true-class probability
 * (softmax of the logits) per offset. Positive {@code dx} moves the content right, positive {@code
 * dy} down ({@code out(x, y) = in(x - dx, y - dy)}); what comes in from outside is chosen by the
 * {@link ShiftMode} (param {@code mode}).
 *
 * <p>Each batch of images is read from the set once; the offsets loop over tensors ({@link
 * BatchShifter#applyAll}), so the work is {@code (2r + 1)^2} forward passes per batch. The sweep
 * along the diagonal {@code dx = dy = o} is PROTOCOLS card 10's "diagonal" curve, here with shifts
 * of the whole image rather than crops of a larger one.
 */
public final class SweepProbe extends AbstractProbe<SweepProbe.Result> {
  /** The probe's name. */
  public static final String NAME = "sweep";

  private static final List<String> MODES =
      Arrays.stream(ShiftMode.values()).map(ShiftMode::id).toList();

  static final ProbeInfo INFO =
      new ProbeInfo(
          NAME,
          "accuracy and mean p(true) at every integer shift (dx, dy) in [-range..range]^2",
          List.of(
              ProbeParam.integer(
                  "range",
                  "4",
                  0,
                  16,
                  "box half-width r in pixels, 0..16: offsets -r..r on each axis"),
              ProbeParam.choice(
                  "mode",
                  "zero",
                  MODES,
                  "what a shift reads outside the image: " + String.join(", ", MODES))),
          List.of("sweep.csv", "sweep.json", "sweep-heatmap.png", "sweep-diagonal.png"));

  /**
   * What the sweep counted. Cell {@code [dy + range][dx + range]} belongs to offset {@code (dx,
   * dy)}; the arrays are not changed after measuring.
   *
   * @param setup the model's name and the options
   * @param range the box half-width r
   * @param mode what a shift reads outside the image
   * @param images the number of test images
   * @param correct correct predictions per offset
   * @param sumPTrue the sum of the true-class probabilities per offset
   */
  public record Result(
      ProbeSetup setup,
      int range,
      ShiftMode mode,
      int images,
      int[][] correct,
      double[][] sumPTrue) {
    /** Accuracy per offset. */
    public double[][] accuracy() {
      return SweepMetrics.accuracy(correct, images);
    }

    /** Mean true-class probability per offset. */
    public double[][] meanPTrue() {
      return SweepMetrics.mean(sumPTrue, images);
    }

    /**
     * The accuracy at one offset.
     *
     * @param dx the horizontal shift, within the range
     * @param dy the vertical shift, within the range
     * @return the fraction correct
     */
    public double accuracyAt(int dx, int dy) {
      return SweepMetrics.at(accuracy(), range, dx, dy);
    }

    /** The lowest accuracy over the box. */
    public double minAccuracy() {
      return SweepMetrics.min(accuracy());
    }
  }

  /** The probe, with its writer. */
  public SweepProbe() {
    super(INFO, new SweepWriter());
  }

  @Override
  public Result measure(ProbeContext ctx) {
    int r = ctx.params().integer("range");
    ShiftMode mode = ShiftMode.byName(ctx.params().choice("mode")).orElseThrow();
    ImageSet set = ctx.test();
    int n = set.size();
    int side = 2 * r + 1;
    int[][] correct = new int[side][side];
    double[][] sumPTrue = new double[side][side];
    BatchShifter shifter = new BatchShifter(mode);
    for (int from = 0; from < n; from += ProbeRuns.BATCH) {
      int to = Math.min(n, from + ProbeRuns.BATCH);
      int[] labels = ProbeRuns.slice(set.labels(), from, to);
      try (NDManager bm = ctx.manager().newSubManager()) {
        NDArray x = Batches.images(set, null, from, to, bm);
        for (int dy = -r; dy <= r; dy++) {
          for (int dx = -r; dx <= r; dx++) {
            ClassScores s = ProbeRuns.scoresShifted(ctx.model(), x, shifter, dx, dy);
            correct[dy + r][dx + r] += Metrics.correct(s.predicted(), labels);
            for (double p : s.trueProbability(labels)) {
              sumPTrue[dy + r][dx + r] += p;
            }
          }
        }
      }
    }
    return new Result(ctx.setup(), r, mode, n, correct, sumPTrue);
  }
}
