package io.shiftlab.bench;

import io.shiftlab.data.DataInstaller;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.DataStore;
import io.shiftlab.data.DatasetSource;
import io.shiftlab.data.SplitLimits;
import io.shiftlab.data.synthetic.CanvasGrid.Colour;
import io.shiftlab.data.synthetic.CanvasGrid.Task;
import io.shiftlab.experiment.BorderDistanceExperiment;
import io.shiftlab.experiment.BorderDistanceReport;
import io.shiftlab.experiment.BorderDistanceReport.ArmResult;
import io.shiftlab.experiment.BorderDistanceReport.Budget;
import io.shiftlab.experiment.BorderDistanceReport.RunSpec;
import io.shiftlab.experiment.Check;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.random.Streams;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How border-distance's location task (PROTOCOLS card 9) responds to training: the zero-padded (and
 * reflect-padded) LOC models on a black canvas at the default budget's 12-px cells with more
 * epochs, and at the card's 28-px cells with its 5000 images and 5 epochs (the paper budget's
 * size). Every configuration runs {@link BorderDistanceExperiment#run} with only these arms and
 * decides the experiment's own checks on them ({@link BorderDistanceReport#checks}).
 *
 * <p>Options ({@link StudyOptions}): {@code --threads T}, {@code --seeds N} (default 3), {@code
 * --quick}, {@code --csv FILE}, {@code --md FILE}, {@code --work DIR}.
 */
public final class BorderDistanceStudy {
  /** The experiment's master seed. */
  public static final long SEED = 1;

  /**
   * One configuration.
   *
   * @param cell the cell side in pixels (the canvas is 5 cells wide)
   * @param train training images
   * @param epochs epochs
   * @param paddings the LOC arms' paddings, black canvas
   */
  public record Config(int cell, int train, int epochs, List<PaddingMode> paddings) {
    /** A readable description. */
    public String setting() {
      return String.format(Locale.ROOT, "%d px cells, %d images, %d epochs", cell, train, epochs);
    }
  }

  /**
   * One arm of one configuration.
   *
   * @param config the configuration
   * @param padding the arm's padding
   * @param accuracy overall LOC accuracy, mean over runs
   * @param rings A(0), A(1), A(2), means over runs
   * @param checks the experiment's checks decided on this configuration's arms
   * @param seconds wall time of the configuration
   */
  public record Outcome(
      Config config,
      PaddingMode padding,
      double accuracy,
      double[] rings,
      List<Check> checks,
      double seconds) {}

  private BorderDistanceStudy() {}

  /**
   * The configurations, cheap first.
   *
   * @param quick the smoke version
   * @return the configurations
   */
  public static List<Config> plan(boolean quick) {
    List<PaddingMode> zeroReflect = List.of(PaddingMode.ZERO, PaddingMode.REFLECT);
    if (quick) {
      return List.of(new Config(12, 64, 1, zeroReflect));
    }
    return List.of(
        new Config(12, 2500, 6, zeroReflect),
        new Config(12, 2500, 12, zeroReflect),
        new Config(28, 5000, 5, List.of(PaddingMode.ZERO)));
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
            args, Path.of("bench/results/border-distance-study.csv"), 3, 2, Set.of());
    int t = TorchRuntime.configure(opts.threads(), null);
    Path work = opts.workOrTemp("border-distance-study");
    DataSplits data =
        DatasetSource.parse("digits")
            .load(
                DataInstaller.apt(DataStore.fromEnvironment(), m -> log("%s%n", m)),
                new Streams(SEED),
                SplitLimits.NONE);
    List<Outcome> outcomes = new ArrayList<>();
    List<Config> plan = plan(opts.quick());
    log("%d configurations x %d seeds, %d threads%n", plan.size(), opts.seeds(), t);
    for (int i = 0; i < plan.size(); i++) {
      Config c = plan.get(i);
      List<RunSpec> arms =
          c.paddings().stream().map(p -> new RunSpec(Task.LOC, p, Colour.BLACK)).toList();
      Budget budget = new Budget(c.cell(), c.train(), 500, 2500, c.epochs(), 20, arms);
      long t0 = System.nanoTime();
      BorderDistanceReport.Result r =
          BorderDistanceExperiment.run(
              budget,
              opts.seeds(),
              SEED,
              data.train(),
              data.val(),
              data.test(),
              data.sha256(),
              work.resolve("c" + i),
              (spec, run) -> TrainingListener.NONE);
      double seconds = (System.nanoTime() - t0) / 1e9;
      List<Check> checks = BorderDistanceReport.checks(r);
      for (ArmResult a : r.arms()) {
        Outcome o =
            new Outcome(
                c,
                a.spec().padding(),
                a.accuracy(),
                new double[] {a.ring(0), a.ring(1), a.ring(2)},
                checks,
                seconds);
        outcomes.add(o);
        log(
            "%s, %s: accuracy %.1f%%, A(0..2) %.1f / %.1f / %.1f%%, %.0f s%n",
            c.setting(),
            o.padding().id(),
            100 * o.accuracy(),
            100 * o.rings()[0],
            100 * o.rings()[1],
            100 * o.rings()[2],
            seconds);
      }
      for (Check k : checks) {
        log("  %s: %s — %s%n", k.decision(), k.expected(), k.measured());
      }
      // written after every configuration, so a run cut short keeps what it measured
      write(outcomes, opts, t);
    }
    System.out.println(markdown(outcomes, opts.seeds(), t));
  }

  private static void write(List<Outcome> outcomes, StudyOptions opts, int threads)
      throws IOException {
    Files.createDirectories(opts.csv().toAbsolutePath().getParent());
    StringBuilder sb =
        new StringBuilder("cell,train,epochs,padding,seeds,accuracy,a0,a1,a2,seconds\n");
    for (Outcome o : outcomes) {
      Config c = o.config();
      sb.append(
          String.format(
              Locale.ROOT,
              "%d,%d,%d,%s,%d,%.4f,%.4f,%.4f,%.4f,%.0f%n",
              c.cell(),
              c.train(),
              c.epochs(),
              o.padding().id(),
              opts.seeds(),
              o.accuracy(),
              o.rings()[0],
              o.rings()[1],
              o.rings()[2],
              o.seconds()));
    }
    Files.writeString(opts.csv(), sb.toString());
    if (opts.md() != null) {
      Files.writeString(opts.md(), markdown(outcomes, opts.seeds(), threads));
    }
  }

  static String markdown(List<Outcome> outcomes, int seeds, int threads) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "border-distance, location task on a black canvas (5 x 5 cells, chance 4%%): accuracy"
                + " and A(d) by ring, means over %d seeds%s; then the experiment's checks decided"
                + " on these arms.%n%n",
            seeds,
            threads == 1 ? ", 1 thread" : ", " + threads + " threads"));
    sb.append("| cells | images | epochs | padding | accuracy % | A(0) % | A(1) % | A(2) % |\n");
    sb.append("|--:|--:|--:|:--|--:|--:|--:|--:|\n");
    Config last = null;
    StringBuilder checks = new StringBuilder();
    for (Outcome o : outcomes) {
      Config c = o.config();
      sb.append(
          String.format(
              Locale.ROOT,
              "| %d px | %d | %d | %s | %.1f | %.1f | %.1f | %.1f |%n",
              c.cell(),
              c.train(),
              c.epochs(),
              o.padding().id(),
              100 * o.accuracy(),
              100 * o.rings()[0],
              100 * o.rings()[1],
              100 * o.rings()[2]));
      if (!c.equals(last)) {
        checks.append("\n").append(c.setting()).append(":\n\n");
        for (Check k : o.checks()) {
          checks
              .append("- ")
              .append(k.decision().name().toLowerCase(Locale.ROOT).replace('_', ' '))
              .append(": ")
              .append(k.expected())
              .append(" — ")
              .append(k.measured())
              .append('\n');
        }
        last = c;
      }
    }
    return sb.append(checks).toString();
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "border-distance-study: " + format, args);
  }
}
