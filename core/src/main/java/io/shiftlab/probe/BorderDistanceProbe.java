package io.shiftlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.shiftlab.Setting;
import io.shiftlab.UserInputException;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.Classifier;
import io.shiftlab.nn.InputShape;
import io.shiftlab.report.Column;
import io.shiftlab.report.Heatmap;
import io.shiftlab.report.Json;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.Table;
import io.shiftlab.shift.BatchShifter;
import io.shiftlab.shift.ShiftMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
public final class BorderDistanceProbe implements Probe {
  /** The probe's name. */
  public static final String NAME = "border-distance";

  /** Images per forward pass. */
  static final int BATCH = 500;

  private static final Column[] BIN_COLUMNS = {
    Column.number("distance"),
    Column.number("positions"),
    Column.number("images"),
    Column.number("correct"),
    Column.percent("accuracy", 2),
    Column.percent("half_width95", 2),
  };

  private static final Column[] POSITION_COLUMNS = {
    Column.number("top"),
    Column.number("left"),
    Column.number("distance"),
    Column.number("images"),
    Column.number("correct"),
    Column.percent("accuracy", 2),
  };

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "accuracy against the image frame's distance to the canvas border (zero-fill placement)";
  }

  @Override
  public List<ProbeParam> params() {
    return List.of(
        new ProbeParam(
            "range",
            "auto",
            "px the image frame may reach past the canvas edges; auto: h/2 when the images fill"
                + " the model input, else 0"),
        ProbeParam.integer(
            "step", "4", 1, 1024, "spacing of the placement grid in px (from the centre)"));
  }

  @Override
  public List<String> outputs() {
    return List.of(
        "border-distance.csv",
        "border-distance-positions.csv",
        "border-distance.json",
        "border-distance.png",
        "border-distance-heatmap.png");
  }

  /** The placement grid and how it was chosen. */
  private record Grid(int range, int step, int[] tops, int[] lefts) {}

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
  public ProbeSummary run(ProbeContext ctx) {
    Classifier model = ctx.model();
    ImageSet test = ctx.test();
    InputShape in = model.inputShape();
    if (test.channels() != in.channels()
        || test.height() > in.height()
        || test.width() > in.width()) {
      throw new UserInputException(
          Setting.PROBE.subject(NAME),
          "test images are "
              + test.channels()
              + "x"
              + test.height()
              + "x"
              + test.width()
              + " but the model takes "
              + in
              + "; the images must have its channels and fit in it");
    }
    if (test.size() == 0) {
      throw new UserInputException(Setting.PROBE.subject(NAME), "the test set is empty");
    }
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
    return write(ctx, g, in, distances, correct, images, bins);
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

  private static ProbeSummary write(
      ProbeContext ctx,
      Grid g,
      InputShape in,
      int[] distances,
      long[] correct,
      long[] images,
      List<DistanceBin> bins) {
    Table.Builder bt = Table.builder(BIN_COLUMNS);
    for (DistanceBin b : bins) {
      bt.row(
          b.distance(),
          b.positions(),
          b.images(),
          b.correct(),
          b.accuracy(),
          Metrics.halfWidth95(b.accuracy(), (int) b.images()));
    }
    Table binTable = bt.build();
    binTable.writeCsv(ctx.outDir().resolve("border-distance.csv"));

    int nt = g.tops().length;
    int nl = g.lefts().length;
    Table.Builder pt = Table.builder(POSITION_COLUMNS);
    // Heatmap rows bottom-up, so the last row (top = smallest) is drawn at the top, as in an image.
    int[] ys = new int[nt];
    int[][] percent = new int[nt][nl];
    for (int i = 0; i < nt; i++) {
      ys[nt - 1 - i] = g.tops()[i];
      for (int j = 0; j < nl; j++) {
        int k = i * nl + j;
        double acc = (double) correct[k] / images[k];
        pt.row(g.tops()[i], g.lefts()[j], distances[k], images[k], correct[k], acc);
        percent[nt - 1 - i][j] = (int) Math.round(100 * acc);
      }
    }
    Table posTable = pt.build();
    posTable.writeCsv(ctx.outDir().resolve("border-distance-positions.csv"));

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("probe", NAME);
    json.put("model", ctx.modelName());
    json.put("images", ctx.test().size());
    json.put("params", ctx.params().asMap());
    json.put("canvas", in.toString());
    json.put("imageSize", ctx.test().height() + "x" + ctx.test().width());
    json.put("range", g.range());
    json.put("step", g.step());
    json.put(
        "distance",
        "min(top, left, H - h - top, W - w - left) px; negative: the frame reaches past the edge");
    json.put("bins", binTable.toMaps());
    json.put("positions", posTable.toMaps());
    Json.write(ctx.outDir().resolve("border-distance.json"), json);

    double[] x = bins.stream().mapToDouble(DistanceBin::distance).toArray();
    double[] y = bins.stream().mapToDouble(DistanceBin::accuracy).toArray();
    LineChart.builder("Accuracy against distance to the border (" + ctx.modelName() + ")")
        .xTitle("distance of the image frame to the nearest edge (px)")
        .yTitle("accuracy")
        .yRange(0, 1)
        .series("accuracy", x, y)
        .build()
        .writePng(ctx.outDir().resolve("border-distance.png"));
    Heatmap.builder("Accuracy (%) per placement (" + ctx.modelName() + ")")
        .xTitle("left (px)")
        .yTitle("top (px)")
        .grid(g.lefts(), ys, percent)
        .scale(0, 100)
        .build()
        .writePng(ctx.outDir().resolve("border-distance-heatmap.png"));

    DistanceBin nearest = bins.get(0);
    DistanceBin farthest = bins.get(bins.size() - 1);
    Map<String, Object> headline = new LinkedHashMap<>();
    headline.put("placements", distances.length);
    headline.put("minDistance", nearest.distance());
    headline.put("maxDistance", farthest.distance());
    headline.put("accuracyAtMinDistance", nearest.accuracy());
    headline.put("accuracyAtMaxDistance", farthest.accuracy());
    List<String> md = new ArrayList<>();
    md.add(
        "Accuracy of "
            + ctx.test().size()
            + " images at "
            + distances.length
            + " placements on a "
            + in.height()
            + "x"
            + in.width()
            + " zero canvas, by the frame's distance to the nearest edge (negative: past it).");
    md.add("");
    md.add(binTable.toMarkdown());
    md.add("![accuracy against distance](border-distance.png)");
    md.add("![accuracy per placement](border-distance-heatmap.png)");
    return new ProbeSummary(NAME, ctx.params().asMap(), headline, md, outputsList());
  }

  private static List<String> outputsList() {
    return new BorderDistanceProbe().outputs();
  }
}
