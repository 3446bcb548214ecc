package io.shiftlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.shiftlab.Setting;
import io.shiftlab.UserInputException;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.Classifier;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.LayerOutput;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.rf.BlockGeometry;
import io.shiftlab.rf.EffectiveRf;
import io.shiftlab.rf.ReceptiveField;
import io.shiftlab.rf.RfRow;
import io.shiftlab.runtime.TorchRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The effective receptive field of one layer (Luo et al., "Understanding the Effective Receptive
 * Field in Deep Convolutional Neural Networks", NeurIPS 2016; PROTOCOLS card 12).
 *
 * <p>For each input x, the gradient of y = &Sigma;<sub>c</sub> out[c, h<sub>c</sub>, w<sub>c</sub>]
 * (the layer's centre location h<sub>c</sub> = &lfloor;(H&prime; &minus; 1)/2&rfloor;, all
 * channels) with respect to x is taken by backpropagation; |&part;y/&part;x| summed over input
 * channels and averaged over the inputs is the ERF, normalised to a maximum of 1. The probe reports
 * its area above a threshold against the theoretical receptive field of that unit, read off the
 * model's blocks when the model is a catalog {@link Network}: the unit's r x r window, clipped to
 * the image. The whole batch is differentiated at once: images do not interact in inference mode,
 * so the gradient of the batch sum is each image's own gradient.
 */
public final class EffectiveRfProbe extends AbstractProbe<EffectiveRfProbe.Result> {
  /** The probe's name. */
  public static final String NAME = "erf";

  private static final String AUTO = "auto";
  private static final int BATCH = 64;

  static final ProbeInfo INFO =
      new ProbeInfo(
          NAME,
          "effective receptive field (Luo et al. 2016) of a layer's centre unit vs the theoretical"
              + " one",
          List.of(
              new ProbeParam(
                  "layer",
                  AUTO,
                  "layer name as in the model's layer list; auto = the last spatial one"),
              ProbeParam.integer(
                  "inputs",
                  "64",
                  1,
                  1_000_000,
                  "number of inputs averaged (at most the test set's size)"),
              ProbeParam.choice(
                  "source",
                  "test",
                  List.of("test", "random"),
                  "inputs: test images or random U(0,1) images (random)"),
              ProbeParam.real(
                  "threshold",
                  "0.01",
                  0,
                  1,
                  "ERF area counts pixels above this fraction of the max")),
          List.of("erf.png", "erf.csv", "erf.json"));

  /**
   * The effective receptive field of one unit; the arrays are not changed after measuring.
   *
   * @param setup the model's name and the options
   * @param layer the layer's name
   * @param centre the unit's row and column in the layer's map
   * @param inputs the number of inputs averaged
   * @param source {@code test} or {@code random}
   * @param threshold the fraction of the maximum the area counts above
   * @param meanGradient the mean |dy/dx| per input pixel, {@code [row][col]}
   * @param erf the mean gradient normalised to a maximum of 1
   * @param window the theoretical field: r, then first row, last row, first column, last column;
   *     null when the model's geometry is not known
   */
  public record Result(
      ProbeSetup setup,
      String layer,
      int[] centre,
      int inputs,
      String source,
      double threshold,
      double[][] meanGradient,
      double[][] erf,
      int[] window) {
    /** The pixels above the threshold. */
    public int area() {
      return EffectiveRf.area(erf, threshold);
    }
  }

  /** The probe, with its writer. */
  public EffectiveRfProbe() {
    super(INFO, new EffectiveRfWriter());
  }

  @Override
  public Result measure(ProbeContext ctx) {
    ProbeParams p = ctx.params();
    String layerName = p.string("layer").trim();
    int wanted = p.integer("inputs");
    boolean random = p.choice("source").equals("random");
    double threshold = p.real("threshold");
    Classifier model = ctx.model();
    InputShape in = model.inputShape();
    ImageSet test = ctx.test();
    int n = random ? wanted : Math.min(wanted, test.size());
    if (n == 0) {
      throw new UserInputException(
          Setting.PARAM.subject(NAME + ".source"), "the test set is empty");
    }
    SplittableRandom rng = ctx.streams().stream("probe." + NAME);
    Geometry geometry = Geometry.of(model);

    int h = in.height();
    int w = in.width();
    double[][] sum = new double[h][w];
    int layer = -1;
    String resolvedName = null;
    int[] centre = null;
    for (int from = 0; from < n; from += BATCH) {
      int to = Math.min(n, from + BATCH);
      try (NDManager bm = ctx.manager().newSubManager()) {
        NDArray x =
            random ? uniform(bm, in, to - from, rng) : Batches.images(test, null, from, to, bm);
        x.setRequiresGradient(true);
        float[] g;
        try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
          List<LayerOutput> outs = model.layers(x);
          if (layer < 0) {
            layer = resolveLayer(p, outs, layerName, geometry);
            resolvedName = outs.get(layer).name();
            var shape = outs.get(layer).value().getShape();
            centre = new int[] {(int) (shape.get(2) - 1) / 2, (int) (shape.get(3) - 1) / 2};
          }
          NDArray y = outs.get(layer).value();
          NDArray target = y.get(":, :, " + centre[0] + ", " + centre[1]).sum();
          gc.backward(target);
          // |dy/dx| summed over input channels and over the batch: (H, W)
          g = x.getGradient().abs().sum(new int[] {0, 1}).toFloatArray();
        }
        for (int i = 0; i < h; i++) {
          for (int j = 0; j < w; j++) {
            sum[i][j] += g[i * w + j];
          }
        }
      }
    }
    double[][] mean = new double[h][w];
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < w; j++) {
        mean[i][j] = sum[i][j] / n;
      }
    }
    double[][] erf = EffectiveRf.normalise(mean);
    int[] window = geometry == null ? null : geometry.window(layer, centre);
    return new Result(
        ctx.setup(),
        resolvedName,
        centre,
        n,
        random ? "random" : "test",
        threshold,
        mean,
        erf,
        window);
  }

  private static NDArray uniform(NDManager m, InputShape in, int count, SplittableRandom rng) {
    float[] v = new float[count * in.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rng.nextDouble();
    }
    return m.create(v, in.batch(count));
  }

  private static int resolveLayer(
      ProbeParams p, List<LayerOutput> outs, String name, Geometry geometry) {
    List<String> spatial = new ArrayList<>();
    int last = -1;
    for (int i = 0; i < outs.size(); i++) {
      Shape shape = outs.get(i).value().getShape();
      if (shape.dimension() == 4 && (geometry == null || geometry.isChannelsFirstMap(i, shape))) {
        spatial.add(outs.get(i).name());
        last = i;
        if (outs.get(i).name().equals(name)) {
          return i;
        }
      }
    }
    if (spatial.isEmpty()) {
      throw p.bad("layer", name, "the model exposes no spatial (N, C, H, W) layer");
    }
    if (name.equalsIgnoreCase(AUTO)) {
      return last;
    }
    throw p.bad("layer", name, "choose auto or one of " + String.join(", ", spatial));
  }

  /**
   * The receptive field of every layer along rows and columns, when the model is a catalog network
   * whose geometry is known; row i + 1 belongs to layer i of {@code Network.layers} (row 0 is the
   * input).
   */
  private record Geometry(List<RfRow> rows, List<RfRow> cols) {
    static Geometry of(Classifier model) {
      if (!(model instanceof Network net)) {
        return null;
      }
      try {
        var layers = BlockGeometry.of(net.block());
        return new Geometry(
            ReceptiveField.forward(layers, net.inputShape().height()),
            ReceptiveField.forward(layers, net.inputShape().width()));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    /**
     * Whether layer {@code i}'s output is an (N, C, H, W) map of the size the geometry predicts; a
     * channels-last (N, H, W, C) map is not.
     */
    boolean isChannelsFirstMap(int i, Shape shape) {
      if (i + 1 >= rows.size() || rows.get(i + 1).global()) {
        return false;
      }
      return shape.get(2) == rows.get(i + 1).size() && shape.get(3) == cols.get(i + 1).size();
    }

    /** r, then first row, last row, first column, last column of the unit's window. */
    int[] window(int layer, int[] centre) {
      RfRow r = rows.get(layer + 1);
      RfRow c = cols.get(layer + 1);
      return new int[] {
        r.r(),
        r.firstPixel(centre[0]),
        r.lastPixel(centre[0]),
        c.firstPixel(centre[1]),
        c.lastPixel(centre[1])
      };
    }
  }
}
