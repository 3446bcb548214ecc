package io.shiftlab.probe;

import io.shiftlab.Setting;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.PositionTarget;
import io.shiftlab.data.synthetic.SyntheticFill;
import io.shiftlab.data.synthetic.TileMosaic;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.nn.ReadoutSpec;
import io.shiftlab.probe.FeatureMaps.Features;
import io.shiftlab.probe.PositionReadout.Fit;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.ReadoutConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PosENet position read-out (Islam, Jia &amp; Bruce ICLR 2020; PROTOCOLS card 6) on any model
 * that exposes feature maps: a run directory of a shiftlab model (its activation outputs) or a
 * TorchScript module that returns its maps before the logits. The model is frozen; its chosen
 * levels are resized to a common size and a small read-out ({@link ReadoutSpec}) is trained to
 * regress each position map ({@link PositionTarget}); SPC and MAE are reported on held-out crops
 * and on black, white and noise images. The same library code as the {@code position-readout}
 * experiment ({@link PositionReadout}, {@link FeatureMaps}).
 *
 * <p>Inputs: the first half of the test images are the tiles of the read-out's training crops, the
 * second half the tiles of its test crops ({@link TileMosaic}); crops and noise come from the
 * {@code probe.readout} streams.
 */
public final class ReadoutProbe extends AbstractProbe<ReadoutProbe.Result> {
  /** The probe's name. */
  public static final String NAME = "readout";

  static final ProbeInfo INFO =
      new ProbeInfo(
          NAME,
          "PosENet position read-out on frozen feature maps: SPC/MAE for targets H, V, G, HS, VS",
          List.of(
              new ProbeParam(
                  "targets", "h,v,g,hs,vs", "comma-separated targets among h, v, g, hs, vs"),
              new ProbeParam("levels", "all", "feature levels: all, or 1-based list such as 1,3"),
              ProbeParam.integer("depth", "1", 1, 3, "read-out depth D, 1..3"),
              ProbeParam.integer("kernel", "3", 1, 7, "read-out kernel k: 1, 3, 5 or 7"),
              ProbeParam.choice(
                  "pad", "none", List.of("none", "zero"), "read-out padding: none or zero"),
              ProbeParam.integer(
                  "side", "0", 0, 64, "common map size S, 4..64; 0 = half the input height"),
              ProbeParam.integer("train", "500", 8, 100_000, "read-out training crops, 8..100000"),
              ProbeParam.integer("test", "200", 1, 100_000, "read-out test crops, 1..100000"),
              ProbeParam.integer("epochs", "3", 1, 100, "read-out epochs, 1..100"),
              ProbeParam.choice(
                  "optimizer",
                  "sgd",
                  List.of("sgd", "adam"),
                  "sgd (lr .1, momentum .9, wd 1e-4) or adam (lr 1e-3)")),
          List.of("readout.csv", "readout.json", "readout.png", "readout-spc.png"));

  /**
   * One read-out fit per target.
   *
   * @param setup the model's name and the options
   * @param features what the feature maps were read from
   * @param levels the feature levels used
   * @param side the common map size S
   * @param trainingCrops the read-out's training crops
   * @param spec the read-out
   * @param fits one fit per target, in the order asked
   * @param height the images' height
   * @param width the images' width
   */
  public record Result(
      ProbeSetup setup,
      String features,
      List<FeatureMaps.Level> levels,
      int side,
      int trainingCrops,
      ReadoutSpec spec,
      List<Fit> fits,
      int height,
      int width) {}

  /** The probe, with its writer. */
  public ReadoutProbe() {
    super(INFO, new ReadoutWriter());
  }

  @Override
  public Result measure(ProbeContext ctx) {
    ProbeParams p = ctx.params();
    List<PositionTarget> targets =
        PositionTarget.parseList(Setting.PARAM.subject("readout.targets"), p.string("targets"));
    List<Integer> levels = levels(p);
    int kernel = p.integer("kernel");
    if (kernel % 2 == 0) {
      throw p.bad("kernel", Integer.toString(kernel), "must be odd");
    }
    PaddingMode pad = p.choice("pad").equals("zero") ? PaddingMode.ZERO : PaddingMode.NONE;
    ReadoutSpec spec = new ReadoutSpec(p.integer("depth"), kernel, pad);
    ImageSet set = ctx.test();
    int side = p.integer("side");
    side = side == 0 ? Math.max(4, set.height() / 2) : side;
    if (side < 4 || spec.outputSide(side) < 1) {
      throw p.bad("side", Integer.toString(side), "leaves no read-out output for " + spec.label());
    }
    if (set.size() < 2) {
      throw new io.shiftlab.UserInputException(
          Setting.LIMIT.id(), "the readout probe needs at least 2 test images (tiles)");
    }
    OptimizerSettings opt =
        p.choice("optimizer").equals("adam")
            ? OptimizerSettings.adam(1e-3f)
            : ReadoutConfig.cardSgd();
    ReadoutConfig config =
        new ReadoutConfig(p.integer("epochs"), 32, opt, ctx.streams().seedOf("probe.readout.init"));
    int half = set.size() / 2;
    int[] first = range(0, half);
    int[] second = range(half, set.size());
    int c = set.channels();
    int h = set.height();
    int w = set.width();
    ImageSet trainCrops =
        TileMosaic.crops(
            "readout-train",
            set.subset("tiles-train", first),
            p.integer("train"),
            ctx.streams().stream("probe.readout.train"));
    Map<String, ImageSet> tests = new LinkedHashMap<>();
    tests.put(
        "mosaic",
        TileMosaic.crops(
            "mosaic",
            set.subset("tiles-test", second),
            p.integer("test"),
            ctx.streams().stream("probe.readout.test")));
    tests.put("black", SyntheticFill.BLACK.images(1, c, h, w, null));
    tests.put("white", SyntheticFill.WHITE.images(1, c, h, w, null));
    tests.put(
        "noise",
        SyntheticFill.NOISE.images(20, c, h, w, ctx.streams().stream("probe.readout.noise")));

    Features train =
        FeatureMaps.extract(ctx.model(), ctx.modelName(), trainCrops, levels, side, ctx.manager());
    Map<String, Features> testFeatures = new LinkedHashMap<>();
    for (var e : tests.entrySet()) {
      testFeatures.put(
          e.getKey(),
          FeatureMaps.extract(
              ctx.model(), ctx.modelName(), e.getValue(), levels, side, ctx.manager()));
    }
    List<Fit> fits = new ArrayList<>();
    for (PositionTarget t : targets) {
      fits.add(PositionReadout.fit(train, testFeatures, t, h, w, spec, config));
    }
    return new Result(
        ctx.setup(),
        train.source(),
        train.levels(),
        train.side(),
        train.images(),
        spec,
        List.copyOf(fits),
        h,
        w);
  }

  private static List<Integer> levels(ProbeParams p) {
    String v = p.string("levels").trim();
    if (v.equalsIgnoreCase("all")) {
      return List.of();
    }
    List<Integer> out = new ArrayList<>();
    for (String s : v.split(",")) {
      try {
        out.add(Integer.parseInt(s.trim().replaceFirst("^[fF]", "")));
      } catch (NumberFormatException e) {
        throw p.bad("levels", v, "expected all or a list of level numbers such as 1,3");
      }
    }
    return out;
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    Arrays.setAll(r, i -> from + i);
    return r;
  }
}
