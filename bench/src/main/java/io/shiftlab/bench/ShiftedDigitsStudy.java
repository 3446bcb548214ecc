package io.shiftlab.bench;

import io.shiftlab.data.DataInstaller;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.DataStore;
import io.shiftlab.data.DatasetSource;
import io.shiftlab.data.SplitLimits;
import io.shiftlab.experiment.Arm;
import io.shiftlab.experiment.ShiftedDigits;
import io.shiftlab.experiment.ShiftedDigitsReport;
import io.shiftlab.experiment.ShiftedDigitsReport.ArmResult;
import io.shiftlab.experiment.ShiftedDigitsReport.Budget;
import io.shiftlab.experiment.ShiftedDigitsReport.Settings;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.random.Streams;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.LineSeries;
import io.shiftlab.report.SeriesStyle;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.stats.Estimate;
import io.shiftlab.train.AugmentSpec;
import io.shiftlab.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How far shifted-digits' CNN2 with shift augmentation is from the article's "loses at most ~2
 * points" (PROTOCOLS card 1) as the training changes: the epoch cap (with the experiment's early
 * stopping), the training images, the article's own schedule (Adam 1e-4, up to 100 epochs), and an
 * augmentation as wide as the Shift test set (±4 x ±3 px instead of Keras' ±2.8 px). Every
 * configuration trains the arm {@code --seeds} times through {@link ShiftedDigits#run} and measures
 * it exactly as the experiment does; the drop's 95% interval is the experiment's own ({@link
 * ShiftedDigitsReport#drop}).
 *
 * <p>Options: {@code --threads T}, {@code --seeds N} (default 3), {@code --quick} (a one-minute
 * smoke version), {@code --csv FILE}, {@code --md FILE}, {@code --img DIR}, {@code --work DIR}.
 */
public final class ShiftedDigitsStudy {
  /** The experiment's master seed. */
  public static final long SEED = 1;

  /** The check's threshold: the drop must stay below it, in points. */
  public static final double THRESHOLD = 2.5;

  /** The published drop of CNN2+aug on MNIST, in points (0.9933 - 0.9839). */
  public static final double PUBLISHED = 0.94;

  private static final String KERAS = "keras";
  private static final String WIDE = "replicate:4x3:real";

  /**
   * One configuration.
   *
   * @param series the factor the configuration varies: images, epochs, augmentation or paper
   *     schedule
   * @param epochs the epoch cap
   * @param learningRate Adam's learning rate
   * @param patience early-stopping patience in epochs
   * @param maxTrain training images, 0 for all 3500
   * @param augment the augmentation
   */
  public record Config(
      String series, int epochs, float learningRate, int patience, int maxTrain, String augment) {
    /** A readable description. */
    public String setting() {
      return String.format(
          Locale.ROOT,
          "%s, %s images, up to %d epochs (patience %d), Adam %.0e",
          augment,
          maxTrain == 0 ? "3500" : Integer.toString(maxTrain),
          epochs,
          patience,
          learningRate);
    }
  }

  /**
   * What one configuration measured.
   *
   * @param config the configuration
   * @param drop the clean-to-Shift drop in points with its interval
   * @param clean clean accuracy, mean over runs
   * @param shift Shift accuracy, mean over runs
   * @param epochsRun epochs trained, mean over runs
   * @param imageEpochs training images x epochs trained, mean over runs
   * @param seconds wall time
   */
  public record Outcome(
      Config config,
      Estimate drop,
      double clean,
      double shift,
      double epochsRun,
      double imageEpochs,
      double seconds) {}

  private ShiftedDigitsStudy() {}

  /**
   * The configurations, cheap first.
   *
   * @param quick the smoke version
   * @return the configurations
   */
  public static List<Config> plan(boolean quick) {
    if (quick) {
      return List.of(new Config("images", 1, 1e-3f, 5, 500, KERAS));
    }
    List<Config> out = new ArrayList<>();
    out.add(new Config("images", 15, 1e-3f, 5, 1000, KERAS));
    out.add(new Config("images", 15, 1e-3f, 5, 2000, KERAS));
    out.add(new Config("epochs", 4, 1e-3f, 5, 0, KERAS));
    out.add(new Config("epochs", 15, 1e-3f, 5, 0, KERAS));
    out.add(new Config("epochs", 40, 1e-3f, 5, 0, KERAS));
    out.add(new Config("augmentation", 15, 1e-3f, 5, 0, WIDE));
    out.add(new Config("augmentation", 40, 1e-3f, 5, 0, WIDE));
    out.add(new Config("paper schedule", 100, 1e-4f, 10, 0, KERAS));
    return out;
  }

  /** The chart's lines: a name and which configurations lie on it. */
  private record Line(String name, java.util.function.Predicate<Config> on) {}

  private static final List<Line> LINES =
      List.of(
          new Line(
              "Keras ±2.8 px aug, 15 epochs, 1000-3500 images",
              c -> c.augment().equals(KERAS) && c.learningRate() > 5e-4f && c.epochs() == 15),
          new Line(
              "Keras ±2.8 px aug, 3500 images, 4-40 epochs",
              c -> c.augment().equals(KERAS) && c.learningRate() > 5e-4f && c.maxTrain() == 0),
          new Line("±4x±3 px aug (test range), 15-40 epochs", c -> c.augment().equals(WIDE)),
          new Line("Keras aug, Adam 1e-4, 100 epochs (paper)", c -> c.learningRate() < 5e-4f));

  /**
   * Runs the study.
   *
   * @param args see the class note
   * @throws IOException on write failure
   */
  public static void main(String[] args) throws IOException {
    StudyOptions opts =
        StudyOptions.parse(args, Path.of("bench/results/shifted-digits-study.csv"), 3, 2, Set.of());
    if (opts.chartOnly()) {
      opts.writeChart(chart(readCsv(opts.csv())), "shifted-digits-budget");
      return;
    }
    int t = TorchRuntime.configure(opts.threads(), null);
    Path work = opts.workOrTemp("shifted-digits-study");
    List<Config> plan = plan(opts.quick());
    log("%d configurations x %d seeds, %d threads%n", plan.size(), opts.seeds(), t);
    DataInstaller installer = DataInstaller.apt(DataStore.fromEnvironment(), m -> log("%s%n", m));
    List<Outcome> outcomes = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < plan.size(); i++) {
      Config c = plan.get(i);
      SplitLimits limits =
          c.maxTrain() > 0 ? SplitLimits.NONE.withMaxTrain(c.maxTrain()) : SplitLimits.NONE;
      DataSplits data = DatasetSource.parse("digits").load(installer, new Streams(SEED), limits);
      Budget budget = new Budget(c.epochs(), c.learningRate(), 128, c.patience(), c.maxTrain(), 0);
      Arm arm = new Arm("CNN2+aug", ModelRef.of("cnn2"), AugmentSpec.parse(c.augment()));
      long t0 = System.nanoTime();
      ShiftedDigitsReport.Result r =
          ShiftedDigits.run(
              new Settings("digits", budget, SEED, opts.seeds()),
              List.of(arm),
              data,
              work.resolve("c" + i),
              (a, run) -> TrainingListener.NONE);
      ArmResult a = r.arms().get(0);
      double epochsRun =
          a.runs().stream().mapToInt(x -> x.train().epochsRun()).average().orElseThrow();
      Outcome o =
          new Outcome(
              c,
              ShiftedDigitsReport.drop(a),
              a.clean(),
              a.shift(),
              epochsRun,
              epochsRun * data.train().size(),
              (System.nanoTime() - t0) / 1e9);
      outcomes.add(o);
      log(
          "%s: drop %.1f [%.1f, %.1f] pts, clean %.1f%%, %.1f epochs, %.0f s; total %.0f s%n",
          c.setting(),
          o.drop().value(),
          o.drop().lo(),
          o.drop().hi(),
          100 * o.clean(),
          epochsRun,
          o.seconds(),
          (System.nanoTime() - start) / 1e9);
      // written after every configuration, so a run cut short keeps what it measured
      write(outcomes, opts.seeds(), t, opts.csv(), opts.md(), opts.img());
    }
    System.out.println(markdown(outcomes, opts.seeds(), t));
  }

  private static void write(
      List<Outcome> outcomes, int seeds, int threads, Path csv, Path md, Path img)
      throws IOException {
    Files.createDirectories(csv.toAbsolutePath().getParent());
    Files.writeString(
        csv,
        StudyCsv.of(
            "series,augment,max_train,epochs_cap,patience,learning_rate,seeds,epochs_run,"
                + "image_epochs,clean,shift,drop_pts,drop_lo,drop_hi,seconds\n",
            outcomes,
            "\"%s\",%s,%d,%d,%d,%s,%d,%.2f,%.0f,%.4f,%.4f,%.2f,%.2f,%.2f,%.0f%n",
            o -> {
              Config c = o.config();
              return new Object[] {
                c.series(),
                c.augment(),
                c.maxTrain() == 0 ? 3500 : c.maxTrain(),
                c.epochs(),
                c.patience(),
                Float.toString(c.learningRate()),
                seeds,
                o.epochsRun(),
                o.imageEpochs(),
                o.clean(),
                o.shift(),
                o.drop().value(),
                o.drop().lo(),
                o.drop().hi(),
                o.seconds()
              };
            }));
    if (md != null) {
      Files.writeString(md, markdown(outcomes, seeds, threads));
    }
    Files.createDirectories(img);
    LineChart chart = chart(outcomes);
    chart.writePng(img.resolve("shifted-digits-budget.png"));
    chart.writeSvg(img.resolve("shifted-digits-budget.svg"));
  }

  static String markdown(List<Outcome> outcomes, int seeds, int threads) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "CNN2 with shift augmentation on digits: the clean-to-Shift drop (points, 95%% interval"
                + " over %d seeds x 1000 test images, the experiment's own interval) against the"
                + " training; the check asks for a drop below %.1f; the article's MNIST drop is"
                + " %.2f (reference, not ours). %d threads.%n%n",
            seeds,
            THRESHOLD,
            PUBLISHED,
            threads));
    sb.append(
        "| augmentation | images | epochs cap (run) | Adam lr | clean % | Shift % | drop (pts) |"
            + " 95% interval | below 2.5? |\n");
    sb.append("|:--|--:|--:|--:|--:|--:|--:|:--|:--|\n");
    for (Outcome o : outcomes) {
      Config c = o.config();
      Estimate d = o.drop();
      String decided =
          d.hi() < THRESHOLD ? "held" : d.lo() >= THRESHOLD ? "not held" : "inconclusive";
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d (%.1f) | %s | %.1f | %.1f | %.1f | [%.1f, %.1f] | %s |%n",
              c.augment().equals(KERAS) ? "Keras ±2.8 px" : "±4x±3 px",
              c.maxTrain() == 0 ? 3500 : c.maxTrain(),
              c.epochs(),
              o.epochsRun(),
              c.learningRate() < 5e-4f ? "1e-4" : "1e-3",
              100 * o.clean(),
              100 * o.shift(),
              d.value(),
              d.lo(),
              d.hi(),
              decided));
    }
    return sb.toString();
  }

  static LineChart chart(List<Outcome> outcomes) {
    double xMax = 0;
    for (Outcome o : outcomes) {
      xMax = Math.max(xMax, o.imageEpochs() / 1000);
    }
    LineChart.Builder b =
        LineChart.builder("CNN2+aug: Shift drop vs training")
            .xTitle("training images x epochs trained (thousands, mean over seeds)")
            .yTitle("drop clean → Shift (points)");
    for (Line line : LINES) {
      List<Outcome> os =
          outcomes.stream()
              .filter(o -> line.on().test(o.config()))
              .sorted((p, q) -> Double.compare(p.imageEpochs(), q.imageEpochs()))
              .toList();
      if (!os.isEmpty()) {
        double[] x = os.stream().mapToDouble(o -> o.imageEpochs() / 1000).toArray();
        double[] y = os.stream().mapToDouble(o -> o.drop().value()).toArray();
        b.series(LineSeries.of(line.name(), x, y));
      }
    }
    double[] span = {0, xMax};
    b.series(
        new LineSeries(
            "check: below 2.5", span, new double[] {THRESHOLD, THRESHOLD}, SeriesStyle.DASHED));
    b.series(
        new LineSeries(
            "article, MNIST (reference)",
            span,
            new double[] {PUBLISHED, PUBLISHED},
            SeriesStyle.DASHED));
    return b.build();
  }

  /**
   * Redraws the chart from a study's CSV, without training.
   *
   * @param csv the CSV the study wrote
   * @return the outcomes it holds (drop intervals, means, epochs; seconds)
   * @throws IOException if it cannot be read
   */
  static List<Outcome> readCsv(Path csv) throws IOException {
    List<Outcome> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(csv);
    for (String line : lines.subList(1, lines.size())) {
      int q = line.indexOf('"', 1);
      String series = line.substring(1, q);
      String[] f = line.substring(q + 2).split(",");
      int images = Integer.parseInt(f[1]);
      Config c =
          new Config(
              series,
              Integer.parseInt(f[2]),
              Float.parseFloat(f[4]),
              Integer.parseInt(f[3]),
              images == 3500 ? 0 : images,
              f[0]);
      int seeds = Integer.parseInt(f[5]);
      Estimate drop =
          new Estimate(
              Double.parseDouble(f[10]),
              Double.parseDouble(f[11]),
              Double.parseDouble(f[12]),
              seeds,
              seeds + " seeds x 1000 images");
      out.add(
          new Outcome(
              c,
              drop,
              Double.parseDouble(f[8]),
              Double.parseDouble(f[9]),
              Double.parseDouble(f[6]),
              Double.parseDouble(f[7]),
              Double.parseDouble(f[13])));
    }
    return out;
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "shifted-digits-study: " + format, args);
  }
}
