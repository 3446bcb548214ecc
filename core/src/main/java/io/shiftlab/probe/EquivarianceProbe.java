package io.shiftlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDResource;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.shiftlab.Setting;
import io.shiftlab.UserInputException;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.Classifier;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.LayerOutput;
import io.shiftlab.shift.BatchShifter;
import io.shiftlab.shift.ShiftMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Per-layer equivariance to integer shifts (PROTOCOLS card 10, EQ-T "per layer").
 *
 * <p>For each of {@code draws} random integer shifts {@code s = (dx, dy)}, drawn once for all
 * images from the stream {@code probe.equivariance}, every layer output of {@link
 * Classifier#layers} is compared between the input and its shifted copy:
 *
 * <ul>
 *   <li>a spatial map {@code F} of cumulative stride {@code S} ({@link
 *       EquivarianceMetrics#strides}): {@code F(T_s x)} against {@code T_{s/S} F(x)}, the output
 *       shift {@code s/S} rounded to whole cells ({@link EquivarianceMetrics#outputShift}) and
 *       applied with the same {@code mode} as the input shift; the cells within {@code border} of
 *       the map's edge are masked out;
 *   <li>a vector (flatten, dense, logits, channels-last maps): {@code F(T_s x)} against {@code
 *       F(x)}, i.e. invariance.
 * </ul>
 *
 * The error is the relative L2 error of {@link EquivarianceMetrics#relativeError(float[], float[],
 * float[])} per image, averaged over images and draws. For the logits it also reports EQ-T: the
 * mean squared difference {@code E} of the softmax probabilities over images, classes and draws,
 * and {@code 20 log10 2 - 10 log10 E} dB. The shift never is {@code (0, 0)}. With {@code mode=zero}
 * the band the output shift fills with zeros counts as error unless {@code border} masks it: that
 * band is exactly where zero padding and a zero-filled shift disagree.
 *
 * <p>A TorchScript model exposes only its logits, so it gets one row.
 */
public final class EquivarianceProbe extends AbstractProbe<EquivarianceProbe.Result> {
  /** The probe's name. */
  public static final String NAME = "equivariance";

  /** Images per forward pass; each draw keeps a batch's layer outputs twice. */
  static final int BATCH = 200;

  /**
   * The validated options.
   *
   * @param shift the largest shift component in pixels
   * @param draws the number of random shifts
   * @param align whether shift components are multiples of the model's total stride
   * @param mode the shift mode of input and output shifts
   * @param border the cells masked at each edge of a map
   */
  public record Settings(int shift, int draws, boolean align, ShiftMode mode, int border) {
    static Settings of(ProbeParams p) {
      String align = p.choice("align");
      String mode = p.choice("mode");
      return new Settings(
          p.integer("shift"),
          p.integer("draws"),
          align.equals("true"),
          ShiftMode.parse(Setting.PARAM.subject(NAME + ".mode"), mode),
          p.integer("border"));
    }
  }

  static final ProbeInfo INFO =
      new ProbeInfo(
          NAME,
          "relative error of each layer's output under integer shifts (per-layer EQ-T)",
          List.of(
              ProbeParam.integer(
                  "shift", "4", 1, 1024, "largest shift component in pixels, |dx|, |dy| <= shift"),
              ProbeParam.integer(
                  "draws",
                  "8",
                  1,
                  1000,
                  "random integer shifts (dx, dy) != (0, 0), shared by images"),
              ProbeParam.choice(
                  "align",
                  "false",
                  List.of("true", "false"),
                  "true: shift components are multiples of the model's total stride"),
              ProbeParam.choice(
                  "mode",
                  "circular",
                  List.of("zero", "circular"),
                  "zero or circular, for input and output shifts"),
              ProbeParam.integer(
                  "border", "0", 0, 1024, "mask the cells within this many cells of a map's edge")),
          List.of("equivariance.csv", "equivariance.json", "equivariance.png"));

  /**
   * Every layer's equivariance error; the arrays are not changed after measuring.
   *
   * @param setup the model's name and the options
   * @param images the number of test images
   * @param settings the validated options
   * @param shifts the shifts drawn, {@code {dx, dy}} each
   * @param totalStride the stride of the deepest spatial map, {@code {y, x}}
   * @param layers one row per layer output, the logits last
   * @param softmaxMsd the mean squared difference of the softmax probabilities
   */
  public record Result(
      ProbeSetup setup,
      int images,
      Settings settings,
      int[][] shifts,
      int[] totalStride,
      List<LayerEquivariance> layers,
      double softmaxMsd) {
    /** EQ-T of the softmax in dB, {@code 20 log10 2 - 10 log10 E}. */
    public double eqtDb() {
      return EquivarianceMetrics.decibels(softmaxMsd);
    }
  }

  /** The probe, with its writer. */
  public EquivarianceProbe() {
    super(INFO, new EquivarianceWriter());
  }

  @Override
  public Result measure(ProbeContext ctx) {
    Settings s = Settings.of(ctx.params());
    Classifier model = ctx.model();
    ImageSet test = ctx.test();
    InputShape in = model.inputShape();
    ProbeRuns.requireInputSize(NAME, test, in);
    List<Layer> layers = describe(model, test, in, ctx.manager());
    requireUnmaskedCell(layers, s.border());
    int[] total = totalStride(layers);
    int[][] shifts = drawShifts(s, total, ctx.streams().stream("probe." + NAME));
    BatchShifter shifter = new BatchShifter(s.mode());

    int n = layers.size();
    double[] errSum = new double[n];
    long[] pairs = new long[n];
    long[] undefined = new long[n];
    double msdSum = 0;
    long msdCount = 0;
    for (int from = 0; from < test.size(); from += BATCH) {
      int to = Math.min(test.size(), from + BATCH);
      try (NDManager bm = ctx.manager().newSubManager()) {
        NDArray x = Batches.images(test, null, from, to, bm);
        List<LayerOutput> base = model.layers(x);
        checkLayers(base, layers);
        for (int[] shift : shifts) {
          try (NDManager dm = bm.newSubManager()) {
            // Everything derived from the batch and its base outputs lands in dm and is freed
            // after each draw; the originals go back to bm when dm closes.
            // An identity layer (dropout in inference) returns its input itself; attaching one
            // array twice would return it to dm rather than to bm, hence the identity set.
            Set<NDResource> held = Collections.newSetFromMap(new IdentityHashMap<>());
            held.add(x);
            base.forEach(o -> held.add(o.value()));
            dm.tempAttachAll(held.toArray(NDResource[]::new));
            NDArray xs = shifter.applyAll(x, shift[0], shift[1]);
            List<LayerOutput> moved = model.layers(xs);
            checkLayers(moved, layers);
            for (int l = 0; l < n; l++) {
              Layer layer = layers.get(l);
              if (layer.spatial && !keepsCell(layer, s.border())) {
                // the border masks the whole map: nothing is compared, the error is undefined
                undefined[l] += to - from;
                continue;
              }
              NDArray f = base.get(l).value();
              NDArray g = moved.get(l).value();
              double[][] sums =
                  layer.spatial
                      ? mapSums(layer, f, g, shift, shifter, s.border())
                      : vectorSums(f, g);
              for (int i = 0; i < sums[0].length; i++) {
                double e = EquivarianceMetrics.relativeError(sums[0][i], sums[1][i]);
                if (Double.isNaN(e)) {
                  undefined[l]++;
                } else {
                  errSum[l] += e;
                  pairs[l]++;
                }
              }
            }
            NDArray p0 = base.get(n - 1).value().softmax(1);
            NDArray p1 = moved.get(n - 1).value().softmax(1);
            msdSum += p1.sub(p0).square().sum().toType(DataType.FLOAT64, false).getDouble();
            msdCount += p0.size();
          }
        }
      }
    }
    List<LayerEquivariance> result = new ArrayList<>();
    for (int l = 0; l < n; l++) {
      Layer layer = layers.get(l);
      result.add(
          new LayerEquivariance(
              l + 1,
              layer.name,
              layer.shape,
              layer.spatial,
              layer.sizeRatio,
              layer.strideY,
              layer.strideX,
              pairs[l] == 0 ? Double.NaN : errSum[l] / pairs[l],
              pairs[l],
              undefined[l]));
    }
    double msd = msdSum / msdCount;
    return new Result(ctx.setup(), test.size(), s, shifts, total, List.copyOf(result), msd);
  }

  /** One layer's shape facts, from a forward pass of one image. */
  private record Layer(
      String name,
      String shape,
      boolean spatial,
      int height,
      int width,
      double sizeRatio,
      int strideY,
      int strideX) {}

  private static List<Layer> describe(
      Classifier model, ImageSet test, InputShape in, NDManager manager) {
    List<String> names = new ArrayList<>();
    List<long[]> shapes = new ArrayList<>();
    try (NDManager bm = manager.newSubManager()) {
      for (LayerOutput o : model.layers(Batches.images(test, null, 0, 1, bm))) {
        names.add(o.name());
        shapes.add(o.value().getShape().getShape());
      }
    }
    List<Integer> spatialIdx = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      if (EquivarianceMetrics.isSpatial(shapes.get(i), in.height(), in.width())) {
        spatialIdx.add(i);
      }
    }
    int[] hs = spatialIdx.stream().mapToInt(i -> (int) shapes.get(i)[2]).toArray();
    int[] ws = spatialIdx.stream().mapToInt(i -> (int) shapes.get(i)[3]).toArray();
    int[] sy = EquivarianceMetrics.strides(in.height(), hs);
    int[] sx = EquivarianceMetrics.strides(in.width(), ws);
    List<Layer> out = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < shapes.size(); i++) {
      long[] sh = shapes.get(i);
      StringBuilder shape = new StringBuilder();
      for (int d = 1; d < sh.length; d++) {
        shape.append(d == 1 ? "" : "x").append(sh[d]);
      }
      if (k < spatialIdx.size() && spatialIdx.get(k) == i) {
        out.add(
            new Layer(
                names.get(i),
                shape.toString(),
                true,
                (int) sh[2],
                (int) sh[3],
                EquivarianceMetrics.sizeRatio(in.height(), (int) sh[2]),
                sy[k],
                sx[k]));
        k++;
      } else {
        out.add(new Layer(names.get(i), shape.toString(), false, 0, 0, Double.NaN, 1, 1));
      }
    }
    return out;
  }

  private static void checkLayers(List<LayerOutput> outputs, List<Layer> layers) {
    if (outputs.size() != layers.size()) {
      throw new IllegalStateException(
          "the model returned " + outputs.size() + " layers, first " + layers.size());
    }
  }

  /** The stride of the deepest spatial map per axis, {y, x}; {1, 1} without maps. */
  private static int[] totalStride(List<Layer> layers) {
    int[] t = {1, 1};
    for (Layer l : layers) {
      if (l.spatial) {
        t[0] = Math.max(t[0], l.strideY);
        t[1] = Math.max(t[1], l.strideX);
      }
    }
    return t;
  }

  /**
   * Draws the shifts {dx, dy}: each component from U{-shift..shift}, or with {@code align} from the
   * multiples of the total stride within that range; (0, 0) is drawn again.
   */
  static int[][] drawShifts(Settings s, int[] totalStride, SplittableRandom rng) {
    int ky = s.align() ? s.shift() / totalStride[0] : s.shift();
    int kx = s.align() ? s.shift() / totalStride[1] : s.shift();
    int my = s.align() ? totalStride[0] : 1;
    int mx = s.align() ? totalStride[1] : 1;
    if (kx == 0 && ky == 0) {
      throw new UserInputException(
          Setting.PARAM.subject(NAME + ".shift"),
          "'"
              + s.shift()
              + "': with align=true it must be at least the model's total stride "
              + Math.min(totalStride[0], totalStride[1]));
    }
    int[][] out = new int[s.draws()][];
    for (int d = 0; d < s.draws(); d++) {
      int dx;
      int dy;
      do {
        dx = (rng.nextInt(2 * kx + 1) - kx) * mx;
        dy = (rng.nextInt(2 * ky + 1) - ky) * my;
      } while (dx == 0 && dy == 0);
      out[d] = new int[] {dx, dy};
    }
    return out;
  }

  /** Whether a border mask leaves at least one cell of a layer's map. */
  private static boolean keepsCell(Layer layer, int border) {
    return 2L * border < layer.height && 2L * border < layer.width;
  }

  /**
   * Refuses a border that masks every cell of every map: nothing would be compared, and no number
   * could stand for that. A border that empties only some (small, deep) maps leaves those layers
   * undefined.
   */
  private static void requireUnmaskedCell(List<Layer> layers, int border) {
    if (border == 0 || layers.stream().noneMatch(l -> l.spatial)) {
      return;
    }
    if (layers.stream().anyMatch(l -> l.spatial && keepsCell(l, border))) {
      return;
    }
    Layer largest =
        layers.stream()
            .filter(l -> l.spatial)
            .max(java.util.Comparator.comparingInt(l -> Math.min(l.height, l.width)))
            .orElseThrow();
    int most = (Math.min(largest.height, largest.width) - 1) / 2;
    throw new UserInputException(
        Setting.PARAM.subject(NAME + ".border"),
        "'"
            + border
            + "' masks every cell of every map (the largest is "
            + largest.height
            + "x"
            + largest.width
            + "); choose at most "
            + most);
  }

  /** Per-image sums {Σ m (a-b)², Σ m a²} with a = F(T_s x), b = T_{s/S} F(x). */
  private static double[][] mapSums(
      Layer layer, NDArray f, NDArray g, int[] shift, BatchShifter shifter, int border) {
    int ox = EquivarianceMetrics.outputShift(shift[0], layer.strideX);
    int oy = EquivarianceMetrics.outputShift(shift[1], layer.strideY);
    NDArray b = ox == 0 && oy == 0 ? f : shifter.applyAll(f, ox, oy);
    NDArray diff = g.sub(b).square();
    NDArray ref = g.square();
    if (border > 0) {
      NDArray mask = borderMask(f.getManager(), layer.height, layer.width, border);
      diff = diff.mul(mask);
      ref = ref.mul(mask);
    }
    int[] axes = {1, 2, 3};
    return new double[][] {toDoubles(diff.sum(axes)), toDoubles(ref.sum(axes))};
  }

  /** Per-image sums {Σ (a-b)², Σ a²} with a = F(x), b = F(T_s x), flattened. */
  private static double[][] vectorSums(NDArray f, NDArray g) {
    long n = f.getShape().get(0);
    NDArray a = f.reshape(n, -1);
    NDArray b = g.reshape(n, -1);
    return new double[][] {
      toDoubles(a.sub(b).square().sum(new int[] {1})), toDoubles(a.square().sum(new int[] {1}))
    };
  }

  /** A (1, 1, H, W) mask: 0 within {@code border} cells of an edge, else 1 (all 0 if none left). */
  private static NDArray borderMask(NDManager manager, int h, int w, int border) {
    float[] m = new float[h * w];
    for (int y = border; y < h - border; y++) {
      for (int x = border; x < w - border; x++) {
        m[y * w + x] = 1;
      }
    }
    return manager.create(m, new Shape(1, 1, h, w));
  }

  private static double[] toDoubles(NDArray a) {
    return a.toType(DataType.FLOAT64, false).toDoubleArray();
  }
}
