package io.shiftlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.Classifier;
import io.shiftlab.nn.InputShape;
import io.shiftlab.shift.BatchShifter;
import io.shiftlab.shift.ShiftMode;
import java.util.List;
import java.util.Locale;

/**
 * Accuracy as a function of the object's distance to the image border.
 *
 * <p>The canvas is the model's input ({@code H x W}): a catalog model's flatten layer fixes its
 * input size, so the images cannot be put on a larger canvas than the model was built for. Each
 * test image ({@code h x w}, at most the canvas) is placed with its top-left corner at {@code (top,
 * left)} on a zero canvas, for every pair from a grid over {@code [-range, H - h + range]} x {@code
 * [-range, W - w + range]} with spacing {@code step} ({@link BorderDistance#positions}: the centred
 * placement and both extremes always included). Placing is zero padding to the canvas then an
 * integer zero-fill shift, so content beyond the canvas is cut off.
 *
 * <p>The distance of a placement is {@link BorderDistance#distance}: pixels between the image frame
 * and the nearest canvas edge, negative when the frame reaches past it. For the usual case of 28 x
 * 28 images and a 28 x 28 model there is no room inside, so {@code range} defaults to half the
 * image ({@code h/2}, 14 px): placements are shifts {@code (dx, dy)} in {@code [-14, 14]^2} and
 * {@code d = -max(|dx|, |dy|)}, from 0 (centred) down to -14 (half the frame cut off). A model
 * trained on a larger canvas (e.g. 56 x 56 for 28-px digits) gets {@code range} 0 by default and
 * {@code d = min(top, left, H - h - top, W - w - left) >= 0}, as in PROTOCOLS card 2.
 */
public final class BorderDistanceProbe extends AbstractProbe<BorderDistanceProbe.Result> {
  /** The probe's name. */
  public static final String NAME = "border-distance";

  /** Images per forward pass. */
  static final int BATCH = 500;

  static final ProbeInfo INFO =
      new ProbeInfo(
          NAME,
          "accuracy against the image frame's distance to the canvas border (zero-fill placement)",
          List.of(
              new ProbeParam(
                  "range",
                  "auto",
                  "px the image frame may reach past the canvas edges; auto: h/2 when the images"
                      + " fill the model input, else 0"),
              ProbeParam.integer(
                  "step", "4", 1, 1024, "spacing of the placement grid in px (from the centre)")),
          List.of(
              "border-distance.csv",
              "border-distance-positions.csv",
              "border-distance.json",
              "border-distance.png",
              "border-distance-heatmap.png"));

  /**
   * Accuracy at every placement; the arrays are not changed after measuring.
   *
   * @param setup the model's name and the options
   * @param images the number of test images
   * @param imageHeight the test images' height h
   * @param imageWidth the test images' width w
   * @param canvas the model's input, the canvas the images are placed on
   * @param grid the placements
   * @param distances the distance of each placement, {@code [top index * lefts + left index]}
   * @param correct the correct predictions per placement, same order
   * @param placed the images placed per placement, same order
   * @param bins the placements grouped by distance, nearest (smallest) first
   */
  public record Result(
      ProbeSetup setup,
      int images,
      int imageHeight,
      int imageWidth,
      InputShape canvas,
      Grid grid,
      int[] distances,
      long[] correct,
      long[] placed,
      List<DistanceBin> bins) {}

  /** The probe, with its writer. */
  public BorderDistanceProbe() {
    super(INFO, new BorderDistanceWriter());
  }

  /**
   * The placement grid and how it was chosen.
   *
   * @param range px the image frame may reach past the canvas edges
   * @param step the grid's spacing in px
   * @param tops the top edges, ascending
   * @param lefts the left edges, ascending
   */
  public record Grid(int range, int step, int[] tops, int[] lefts) {}

  private static Grid grid(ProbeParams p, InputShape in, ImageSet test) {
    int h = test.height();
    int w = test.width();
    int maxRange = Math.min(h, w) - 1;
    String r = p.string("range").trim().toLowerCase(Locale.ROOT);
    int range;
    if (r.equals("auto")) {
      range = in.height() == h && in.width() == w ? Math.min(h, w) / 2 : 0;
    } else {
      try {
        range = Integer.parseInt(r);
      } catch (NumberFormatException e) {
        throw p.bad("range", r, "choose auto or an integer from 0 to " + maxRange);
      }
      if (range < 0 || range > maxRange) {
        throw p.bad(
            "range", r, "must be between 0 and " + maxRange + " (some content must stay in view)");
      }
    }
    int step = p.integer("step");
    return new Grid(
        range,
        step,
        BorderDistance.positions(-range, in.height() - h + range, step),
        BorderDistance.positions(-range, in.width() - w + range, step));
  }

  @Override
  public Result measure(ProbeContext ctx) {
    Classifier model = ctx.model();
    ImageSet test = ctx.test();
    InputShape in = model.inputShape();
    ProbeRuns.requireFitsInput(NAME, test, in);
    Grid g = grid(ctx.params(), in, test);
    int nt = g.tops().length;
    int nl = g.lefts().length;
    long[] correct = new long[nt * nl];
    long[] images = new long[nt * nl];
    BatchShifter shifter = new BatchShifter(ShiftMode.ZERO);
    for (int from = 0; from < test.size(); from += BATCH) {
      int to = Math.min(test.size(), from + BATCH);
      int[] labels = java.util.Arrays.copyOfRange(test.labels(), from, to);
      try (NDManager bm = ctx.manager().newSubManager()) {
        NDArray canvas = toCanvas(Batches.images(test, null, from, to, bm), in);
        for (int i = 0; i < nt; i++) {
          for (int j = 0; j < nl; j++) {
            try (NDManager pm = bm.newSubManager()) {
              pm.tempAttachAll(canvas);
              NDArray placed = shifter.applyAll(canvas, g.lefts()[j], g.tops()[i]);
              long[] pred = model.logits(placed).argMax(1).toLongArray();
              int[] p = new int[pred.length];
              for (int k = 0; k < p.length; k++) {
                p[k] = (int) pred[k];
              }
              correct[i * nl + j] += Metrics.correct(p, labels);
              images[i * nl + j] += p.length;
            }
          }
        }
      }
    }
    int[] distances = new int[nt * nl];
    for (int i = 0; i < nt; i++) {
      for (int j = 0; j < nl; j++) {
        distances[i * nl + j] =
            BorderDistance.distance(
                g.tops()[i], g.lefts()[j], in.height(), in.width(), test.height(), test.width());
      }
    }
    List<DistanceBin> bins = BorderDistance.byDistance(distances, correct, images);
    return new Result(
        ctx.setup(),
        test.size(),
        test.height(),
        test.width(),
        in,
        g,
        distances,
        correct,
        images,
        List.copyOf(bins));
  }

  /** Zero-pads a batch at the bottom and right to the model's input size. */
  private static NDArray toCanvas(NDArray x, InputShape in) {
    long n = x.getShape().get(0);
    long c = x.getShape().get(1);
    long h = x.getShape().get(2);
    long w = x.getShape().get(3);
    NDManager m = x.getManager();
    if (w < in.width()) {
      x =
          NDArrays.concat(
              new NDList(x, m.zeros(new ai.djl.ndarray.types.Shape(n, c, h, in.width() - w))), 3);
    }
    if (h < in.height()) {
      x =
          NDArrays.concat(
              new NDList(
                  x, m.zeros(new ai.djl.ndarray.types.Shape(n, c, in.height() - h, in.width()))),
              2);
    }
    return x;
  }
}
