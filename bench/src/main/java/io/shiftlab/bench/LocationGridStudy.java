package io.shiftlab.bench;

import io.shiftlab.data.Batches;
import io.shiftlab.data.DataInstaller;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.DataStore;
import io.shiftlab.data.DatasetSource;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.SplitLimits;
import io.shiftlab.data.synthetic.CanvasGrid;
import io.shiftlab.data.synthetic.GridTask;
import io.shiftlab.data.synthetic.LocationGrid;
import io.shiftlab.experiment.GridTraining;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.nn.zoo.GapNets;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.probe.ClassScores;
import io.shiftlab.probe.Predictor;
import io.shiftlab.random.Streams;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.LineSeries;
import io.shiftlab.report.SeriesStyle;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.stats.Estimate;
import io.shiftlab.stats.Intervals;
import io.shiftlab.train.EpochRecord;
import io.shiftlab.train.RunDirectory;
import io.shiftlab.train.TrainResult;
import io.shiftlab.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * How far the zero-padded GAPNet of the location-grid experiment (PROTOCOLS card 7; {@link
 * GapNets}) gets on the location task at g = 3, as a function of the training budget (training
 * tiles x epochs), the head kernel (the card's 3x3 against the experiment's 7x7) and the tiles
 * (digit tiles on an 84-px canvas, Fashion-MNIST tiles, or digits centre-cropped to 20 px on a
 * 60-px canvas, as {@link CanvasGrid#fitToCell} crops them).
 *
 * <p>Every configuration is trained with {@link GridTraining} exactly as the experiment trains its
 * arms (Adam 1e-3, betas 0.5/0.999, batch 48, fresh cells every epoch, final parameters) for each
 * run seed {@link Streams#runSeed}{@code (master, r)}; the training, validation and test tiles are
 * drawn from that run seed's {@code train.tiles}, {@code val.tiles} and {@code test.tiles} streams
 * as the experiment draws them. Location accuracy is measured as the experiment does: every test
 * tile in every cell ({@link LocationGrid#everyCell}), so a cell-blind model scores 1/9. The
 * interval is {@link Intervals#overSeedsAndImages} over seeds x test images of the per-image
 * correct flags.
 *
 * <p>Besides the table it breaks the accuracy down by the kind of cell (corner, edge, centre) and,
 * for the eight cells on the canvas border, by the <em>ink gap</em>: the number of blank pixel rows
 * or columns between the canvas border and the first ink of the tile, the largest over the tile's
 * sides that touch the border (a tile in a corner cell is located only if both of its sides are
 * seen). Together they show what the head can see from the border.
 *
 * <p>Usage: {@code LocationGridStudy [--quick] [--threads T] [--seed S] [--seeds N] [--only
 * budget,head,tiles] [--csv FILE] [--img DIR] [--md FILE] [--work DIR]}; {@code --chart-only}
 * redraws the chart from an existing {@code --csv} without training. Writes the CSV ({@code factor,
 * setting, train_tiles, epochs, head, tiles, seeds, accuracy_mean, ci_lo, ci_hi, seconds}), a
 * breakdown CSV next to it ({@code -breakdown.csv}), a Markdown table ({@code --md}, for {@code
 * bench/RESULTS.md}) and the chart {@code location-grid-budget.png}/{@code .svg} in {@code --img}.
 */
public final class LocationGridStudy {
  /** The grid size studied. */
  public static final int G = 3;

  /** Test tiles per seed (each placed in every cell). */
  public static final int TEST_TILES = 200;

  /** Validation tiles per run (placed once in random cells). */
  public static final int VAL_TILES = 200;

  /** Mini-batch size, the card's. */
  public static final int BATCH = 48;

  /** Pixel value from which a tile pixel counts as ink, for the ink gap. */
  public static final int INK = 64;

  /** The card's master seed. */
  public static final long CARD_SEED = 627_937L;

  /** The published location accuracy of the zero-padded GAPNet (ResNet-18, CIFAR-10 tiles). */
  public static final double PUBLISHED = 1.0;

  /** Ink-gap buckets of the border cells, pixels: [0, 4), [4, 8), [8, 12), [12, 28]. */
  private static final int[] GAP_EDGES = {0, 4, 8, 12};

  private static final String DIGITS = "digits";
  private static final String FASHION = "fashion-mnist";

  /**
   * One configuration of the study.
   *
   * @param factor which factor the row belongs to ({@code budget}, {@code head}, {@code tiles})
   * @param source the tile data set ({@code digits} or {@code fashion-mnist})
   * @param tile the tile side on the canvas: 28, or 20 (centre-cropped, {@link
   *     CanvasGrid#fitToCell})
   * @param head the head kernel
   * @param trainTiles training tiles
   * @param epochs epochs
   */
  public record Config(
      String factor, String source, int tile, int head, int trainTiles, int epochs) {
    /** A readable name of the series (tile source, canvas and head). */
    public String series() {
      String tiles = tile == 28 ? source + " tiles" : source + " cropped to " + tile + " px";
      return tiles + ", " + (G * tile) + "-px canvas, " + head + "x" + head + " head";
    }

    /** A readable name of the configuration. */
    public String setting() {
      return series() + ", " + trainTiles + " tiles x " + epochs + " epochs";
    }

    /** The tile source column: data set, and the crop if any. */
    public String tiles() {
      return tile == 28 ? source : source + "-crop" + tile;
    }

    /** Training images x epochs. */
    public int imageEpochs() {
      return trainTiles * epochs;
    }
  }

  /**
   * What one configuration measured, pooled over seeds.
   *
   * @param config the configuration
   * @param estimate accuracy with its 95% interval
   * @param perSeed accuracy per seed
   * @param seconds wall time of training and testing, all seeds
   * @param groups accuracy per breakdown group (correct, count), in insertion order
   */
  public record Outcome(
      Config config,
      Estimate estimate,
      double[] perSeed,
      double seconds,
      Map<String, double[]> groups) {}

  private LocationGridStudy() {}

  /**
   * The configurations of the study.
   *
   * @param quick a few minutes' smoke version (a tenth of the tiles, one or two epochs)
   * @param factors which factors to include
   * @return the configurations, cheap first within each factor
   */
  public static List<Config> plan(boolean quick, List<String> factors) {
    List<Config> out = new ArrayList<>();
    if (quick) {
      if (factors.contains("budget")) {
        out.add(new Config("budget", DIGITS, 28, 7, 100, 1));
        out.add(new Config("budget", DIGITS, 28, 7, 300, 2));
      }
      if (factors.contains("head")) {
        out.add(new Config("head", DIGITS, 28, 3, 300, 2));
      }
      if (factors.contains("tiles")) {
        out.add(new Config("tiles", FASHION, 28, 7, 300, 2));
        out.add(new Config("tiles", DIGITS, 20, 7, 300, 2));
      }
      return out;
    }
    // three epochs first, then eight, so that a cut-short run still covers every factor; the
    // digit sheet's training split has 3500 tiles, so the budget stops at 3000 x 8 (3500 x 14 and
    // 6000 x 8 were cut to keep the study near 20 minutes on 2 shared cores)
    for (int epochs : new int[] {3, 8}) {
      if (factors.contains("budget")) {
        if (epochs == 3) {
          out.add(new Config("budget", DIGITS, 28, 7, 1000, 3));
        }
        out.add(new Config("budget", DIGITS, 28, 7, 3000, epochs));
      }
      if (factors.contains("head")) {
        out.add(new Config("head", DIGITS, 28, 3, 3000, epochs));
      }
      if (factors.contains("tiles")) {
        out.add(new Config("tiles", DIGITS, 20, 7, 3000, epochs));
        out.add(new Config("tiles", FASHION, 28, 7, 3000, epochs));
      }
    }
    return out;
  }

  /**
   * Runs the study.
   *
   * @param args see the class note
   * @throws IOException on write failure
   */
  public static void main(String[] args) throws IOException {
    StudyOptions opts =
        StudyOptions.parse(
            args,
            Path.of("bench/results/location-grid-study.csv"),
            2,
            1,
            Set.of("--seed", "--only"));
    long seed = Long.parseLong(opts.extra().getOrDefault("--seed", Long.toString(CARD_SEED)));
    String only = opts.extra().getOrDefault("--only", "budget,head,tiles");
    if (opts.chartOnly()) {
      opts.writeChart(chart(readCsv(opts.csv())), "location-grid-budget");
      return;
    }
    int t = TorchRuntime.configure(opts.threads(), null);
    Path work = opts.workOrTemp("location-grid-study");
    List<Config> plan = plan(opts.quick(), List.of(only.split(",")));
    log(
        "%d configurations x %d seeds, master seed %d, %d threads, %s%n",
        plan.size(), opts.seeds(), seed, t, opts.quick() ? "quick" : "full");
    Map<String, DataSplits> data = new LinkedHashMap<>();
    List<Outcome> outcomes = new ArrayList<>();
    int testTiles = opts.quick() ? 30 : TEST_TILES;
    int valTiles = opts.quick() ? 50 : VAL_TILES;
    long start = System.nanoTime();
    for (Config c : plan) {
      DataSplits splits = data.computeIfAbsent(c.source(), LocationGridStudy::load);
      Outcome o = run(c, splits, seed, opts.seeds(), testTiles, valTiles, work);
      outcomes.add(o);
      log(
          "%s: %.1f%% [%.1f, %.1f] (seeds %s), %.0f s; total %.0f s%n",
          c.setting(),
          100 * o.estimate().value(),
          100 * o.estimate().lo(),
          100 * o.estimate().hi(),
          Arrays.toString(
              Arrays.stream(o.perSeed()).map(v -> Math.round(1000 * v) / 10.0).toArray()),
          o.seconds(),
          (System.nanoTime() - start) / 1e9);
      // written after every configuration, so that a run cut short keeps what it measured
      write(
          outcomes,
          opts.seeds(),
          testTiles,
          seed,
          t,
          (System.nanoTime() - start) / 1e9,
          opts.csv(),
          opts.md(),
          opts.img());
    }
    System.out.println(
        markdown(outcomes, opts.seeds(), testTiles, seed, t, (System.nanoTime() - start) / 1e9));
  }

  private static void write(
      List<Outcome> outcomes,
      int seeds,
      int testTiles,
      long seed,
      int threads,
      double wall,
      Path csv,
      Path md,
      Path img)
      throws IOException {
    Files.createDirectories(csv.toAbsolutePath().getParent());
    Files.writeString(csv, csv(outcomes, seeds));
    String name = csv.getFileName().toString().replaceFirst("\\.csv$", "");
    Files.writeString(csv.resolveSibling(name + "-breakdown.csv"), breakdownCsv(outcomes));
    if (md != null) {
      Files.writeString(md, markdown(outcomes, seeds, testTiles, seed, threads, wall));
    }
    Files.createDirectories(img);
    LineChart chart = chart(outcomes);
    chart.writePng(img.resolve("location-grid-budget.png"));
    chart.writeSvg(img.resolve("location-grid-budget.svg"));
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "location-grid-study: " + format, args);
  }

  private static DataSplits load(String dataset) {
    return DatasetSource.parse(dataset)
        .load(
            DataInstaller.apt(DataStore.fromEnvironment(), m -> log("data: %s%n", m)),
            new Streams(CARD_SEED),
            SplitLimits.NONE);
  }

  /** Draws {@code n} tiles without replacement, kept in split order (as the experiment does). */
  static ImageSet drawTiles(ImageSet set, int n, SplittableRandom rng) {
    if (n >= set.size()) {
      return set;
    }
    int[] pick = Arrays.copyOf(Batches.permutation(set.size(), rng), n);
    Arrays.sort(pick);
    return set.subset(set.name(), pick);
  }

  private static ImageSet fit(ImageSet tiles, int side) {
    return side == tiles.height() ? tiles : CanvasGrid.fitToCell(tiles, side);
  }

  private static Outcome run(
      Config c, DataSplits data, long master, int seeds, int testTiles, int valTiles, Path work) {
    LocationGrid grid = new LocationGrid(G, c.tile());
    GridTraining training = new GridTraining(grid, c.epochs(), BATCH, 1e-3f);
    String model = GapNets.gapNetName(PaddingMode.ZERO, c.head());
    double[][] flags = new double[seeds][];
    double[] perSeed = new double[seeds];
    Map<String, double[]> groups = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    for (int r = 0; r < seeds; r++) {
      long seed = Streams.runSeed(master, r);
      Streams streams = new Streams(seed);
      ImageSet train =
          fit(
              drawTiles(data.train(), c.trainTiles(), streams.stream(Streams.TRAIN + ".tiles")),
              c.tile());
      ImageSet val =
          fit(drawTiles(data.val(), valTiles, streams.stream(Streams.VAL + ".tiles")), c.tile());
      ImageSet test =
          fit(drawTiles(data.test(), testTiles, streams.stream(Streams.test("tiles"))), c.tile());
      Path dir =
          work.resolve(
              String.format(
                  Locale.ROOT,
                  "%s-%s-h%d-%dx%d-r%d",
                  c.factor(),
                  c.tiles(),
                  c.head(),
                  c.trainTiles(),
                  c.epochs(),
                  r));
      String label = c.setting() + ", run " + r;
      training.train(ModelRef.of(model), GridTask.LOCATION, train, val, seed, dir, listener(label));
      LocationGrid.Placed set = grid.everyCell("test", test, GridTask.LOCATION);
      int[] labels = set.images().labels();
      int[] pred;
      try (Network net = TrainResult.load(RunDirectory.open(dir))) {
        float[] logits = Predictor.logits(net, set.images(), net.manager());
        pred = ClassScores.fromLogits(logits, grid.cellCount()).predicted();
      }
      flags[r] = Intervals.correct(pred, labels);
      perSeed[r] = Arrays.stream(flags[r]).average().orElse(Double.NaN);
      int[] gaps = inkGaps(test, grid);
      for (int i = 0; i < labels.length; i++) {
        int cell = set.cell()[i];
        add(groups, cellKind(grid, cell), flags[r][i]);
        if (gaps[i] >= 0) {
          add(groups, gapBucket(gaps[i]), flags[r][i]);
        }
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Outcome(c, Intervals.overSeedsAndImages(flags), perSeed, seconds, groups);
  }

  private static TrainingListener listener(String label) {
    return new TrainingListener() {
      @Override
      public void epochFinished(EpochRecord r) {
        log(
            "%s: epoch %d, train acc %.3f, val acc %.3f, %.0f s (%.0f img/s)%n",
            label, r.epoch(), r.trainAccuracy(), r.valAccuracy(), r.seconds(), r.imagesPerSecond());
      }
    };
  }

  private static void add(Map<String, double[]> groups, String key, double correct) {
    double[] v = groups.computeIfAbsent(key, k -> new double[2]);
    v[0] += correct;
    v[1] += 1;
  }

  /** {@code corner}, {@code edge} or {@code centre} (any cell off the border). */
  static String cellKind(LocationGrid grid, int cell) {
    int g = grid.cells();
    boolean rowEdge = grid.row(cell) == 0 || grid.row(cell) == g - 1;
    boolean colEdge = grid.col(cell) == 0 || grid.col(cell) == g - 1;
    return rowEdge && colEdge ? "corner" : rowEdge || colEdge ? "edge" : "centre";
  }

  static String gapBucket(int gap) {
    for (int b = GAP_EDGES.length - 1; b >= 0; b--) {
      if (gap >= GAP_EDGES[b]) {
        return b == GAP_EDGES.length - 1
            ? "gap " + GAP_EDGES[b] + "+ px"
            : "gap " + GAP_EDGES[b] + "-" + (GAP_EDGES[b + 1] - 1) + " px";
      }
    }
    throw new IllegalArgumentException("negative gap " + gap);
  }

  /**
   * The ink gap of every image of {@code grid.everyCell(tiles)}: for a tile in a border cell, the
   * largest over its sides on the canvas border of the blank rows or columns between that border
   * and the tile's first ink pixel (at least {@link #INK}); -1 for cells off the border.
   */
  static int[] inkGaps(ImageSet tiles, LocationGrid grid) {
    int k = grid.cellCount();
    int g = grid.cells();
    int[] out = new int[tiles.size() * k];
    for (int i = 0; i < tiles.size(); i++) {
      int[] sides = sideGaps(tiles, i); // top, bottom, left, right
      for (int cell = 0; cell < k; cell++) {
        int gap = -1;
        if (grid.row(cell) == 0) {
          gap = Math.max(gap, sides[0]);
        }
        if (grid.row(cell) == g - 1) {
          gap = Math.max(gap, sides[1]);
        }
        if (grid.col(cell) == 0) {
          gap = Math.max(gap, sides[2]);
        }
        if (grid.col(cell) == g - 1) {
          gap = Math.max(gap, sides[3]);
        }
        out[i * k + cell] = gap;
      }
    }
    return out;
  }

  /** Blank rows above, below, columns left and right of the ink of tile {@code i} (channel 0). */
  static int[] sideGaps(ImageSet tiles, int i) {
    int h = tiles.height();
    int w = tiles.width();
    byte[] px = tiles.image(i);
    int top = h;
    int bottom = h;
    int left = w;
    int right = w;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if ((px[y * w + x] & 0xff) >= INK) {
          top = Math.min(top, y);
          bottom = Math.min(bottom, h - 1 - y);
          left = Math.min(left, x);
          right = Math.min(right, w - 1 - x);
        }
      }
    }
    return new int[] {top, bottom, left, right};
  }

  static String csv(List<Outcome> outcomes, int seeds) {
    return StudyCsv.of(
        "factor,setting,train_tiles,epochs,head,tiles,seeds,accuracy_mean,ci_lo,ci_hi,seconds\n",
        outcomes,
        "%s,\"%s\",%d,%d,%dx%d,%s,%d,%.4f,%.4f,%.4f,%.1f%n",
        o ->
            new Object[] {
              o.config().factor(),
              o.config().setting(),
              o.config().trainTiles(),
              o.config().epochs(),
              o.config().head(),
              o.config().head(),
              o.config().tiles(),
              seeds,
              o.estimate().value(),
              o.estimate().lo(),
              o.estimate().hi(),
              o.seconds()
            });
  }

  /**
   * The outcomes of a CSV written by {@link #csv} (configuration and estimate only), for {@code
   * --chart-only}.
   */
  static List<Outcome> readCsv(Path file) throws IOException {
    List<Outcome> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    for (String line : lines.subList(1, lines.size())) {
      // factor,"setting",train_tiles,epochs,head,tiles,seeds,mean,lo,hi,seconds
      int q = line.lastIndexOf('"');
      String factor = line.substring(0, line.indexOf(','));
      String[] f = line.substring(q + 2).split(",");
      int head = Integer.parseInt(f[2].substring(0, f[2].indexOf('x')));
      String tiles = f[3];
      int crop = tiles.contains("-crop") ? Integer.parseInt(tiles.replaceFirst(".*-crop", "")) : 28;
      Config c =
          new Config(
              factor,
              tiles.replaceFirst("-crop.*", ""),
              crop,
              head,
              Integer.parseInt(f[0]),
              Integer.parseInt(f[1]));
      Estimate e =
          new Estimate(
              Double.parseDouble(f[5]),
              Double.parseDouble(f[6]),
              Double.parseDouble(f[7]),
              Integer.parseInt(f[4]),
              "from " + file);
      out.add(new Outcome(c, e, new double[0], Double.parseDouble(f[8]), Map.of()));
    }
    return out;
  }

  static String breakdownCsv(List<Outcome> outcomes) {
    StringBuilder sb = new StringBuilder("setting,group,images,accuracy\n");
    for (Outcome o : outcomes) {
      for (var e : o.groups().entrySet()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "\"%s\",%s,%d,%.4f%n",
                o.config().setting(),
                e.getKey(),
                (long) e.getValue()[1],
                e.getValue()[0] / e.getValue()[1]));
      }
    }
    return sb.toString();
  }

  private static List<String> groupColumns() {
    List<String> cols = new ArrayList<>(List.of("corner", "edge", "centre"));
    for (int b = 0; b < GAP_EDGES.length; b++) {
      cols.add(gapBucket(GAP_EDGES[b]));
    }
    return cols;
  }

  static String markdown(
      List<Outcome> outcomes, int seeds, int testTiles, long master, int threads, double wall) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "Zero-padded GAPNet, location task, g = %d (chance %.1f%%), batch %d, Adam 1e-3"
                + " (0.5, 0.999), final parameters; %d run seeds (master %d); each seed's test set"
                + " is %d test tiles x %d cells. Accuracy: mean over seeds and test images, 95%%"
                + " interval over seeds x images (t over seeds + images). %d threads, %.0f s in all.%n%n",
            G,
            100.0 / (G * G),
            BATCH,
            seeds,
            master,
            testTiles,
            G * G,
            threads,
            wall));
    sb.append(
        "| factor | tiles | canvas | head | train tiles | epochs | tiles x epochs | accuracy"
            + " [95% CI] | per seed | seconds |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|---:|---|---:|\n");
    StudyCsv.appendRows(
        sb,
        outcomes,
        "| %s | %s | %d px | %dx%d | %,d | %d | %,d | %.1f%% [%.1f, %.1f] | %s | %.0f |%n",
        o ->
            new Object[] {
              o.config().factor(),
              o.config().tiles(),
              G * o.config().tile(),
              o.config().head(),
              o.config().head(),
              o.config().trainTiles(),
              o.config().epochs(),
              o.config().imageEpochs(),
              100 * o.estimate().value(),
              100 * o.estimate().lo(),
              100 * o.estimate().hi(),
              String.join(
                  ", ",
                  Arrays.stream(o.perSeed())
                      .mapToObj(v -> String.format(Locale.ROOT, "%.1f", 100 * v))
                      .toList()),
              o.seconds()
            });
    List<String> cols = groupColumns();
    sb.append(
        "\nBy cell (corner 4, edge 4, centre 1 of the 9 cells) and, for the 8 border cells, by the"
            + " ink gap (blank pixels between the canvas border and the tile's first ink pixel of"
            + " value "
            + INK
            + " or more, the largest over the tile's sides on the border); accuracy pooled over"
            + " seeds, images in brackets:\n\n");
    sb.append("| tiles | head | tiles x epochs | ").append(String.join(" | ", cols)).append(" |\n");
    sb.append("|---|---:|---:|").append("---:|".repeat(cols.size())).append('\n');
    for (Outcome o : outcomes) {
      Config c = o.config();
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %dx%d | %,d x %d |",
              c.tiles(),
              c.head(),
              c.head(),
              c.trainTiles(),
              c.epochs()));
      for (String col : cols) {
        double[] v = o.groups().get(col);
        sb.append(
            v == null
                ? " - |"
                : String.format(Locale.ROOT, " %.1f%% (%d) |", 100 * v[0] / v[1], (long) v[1]));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  static LineChart chart(List<Outcome> outcomes) {
    Map<String, List<Outcome>> bySeries = new LinkedHashMap<>();
    double maxX = 0;
    double minX = Double.POSITIVE_INFINITY;
    for (Outcome o : outcomes) {
      minX = Math.min(minX, o.config().imageEpochs() / 1000.0);
      bySeries.computeIfAbsent(o.config().series(), k -> new ArrayList<>()).add(o);
      maxX = Math.max(maxX, o.config().imageEpochs() / 1000.0);
    }
    LineChart.Builder b =
        LineChart.builder("Location accuracy of the zero-padded GAPNet, g = " + G)
            .xTitle("training images x epochs (thousands)")
            .yTitle("location accuracy (every test tile in every cell)")
            .yRange(0, 1.05);
    for (var e : bySeries.entrySet()) {
      List<Outcome> pts = new ArrayList<>(e.getValue());
      pts.sort((p, q) -> Integer.compare(p.config().imageEpochs(), q.config().imageEpochs()));
      double[] x = pts.stream().mapToDouble(p -> p.config().imageEpochs() / 1000.0).toArray();
      double[] y = pts.stream().mapToDouble(p -> p.estimate().value()).toArray();
      b.series(LineSeries.of(e.getKey(), x, y));
    }
    double[] span = {minX, maxX};
    b.series(
        new LineSeries(
            "published (ResNet-18, CIFAR tiles)",
            span,
            new double[] {PUBLISHED, PUBLISHED},
            SeriesStyle.DASHED));
    double chance = 1.0 / (G * G);
    b.series(
        new LineSeries(
            "chance (1/" + (G * G) + ")", span, new double[] {chance, chance}, SeriesStyle.DASHED));
    return b.build();
  }
}
