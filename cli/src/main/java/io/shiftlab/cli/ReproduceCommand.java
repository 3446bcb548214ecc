package io.shiftlab.cli;

import io.shiftlab.UserInputException;
import io.shiftlab.experiment.BudgetLevel;
import io.shiftlab.experiment.Experiment;
import io.shiftlab.experiment.ExperimentContext;
import io.shiftlab.experiment.ExperimentJob;
import io.shiftlab.experiment.Experiments;
import io.shiftlab.experiment.Outcome;
import io.shiftlab.experiment.ReproductionReport;
import io.shiftlab.io.OutputFolder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shiftlab reproduce}: run a published experiment, or all of them, with one command. */
@Command(
    name = "reproduce",
    description = {
      "Reproduce a published experiment and write its report (Markdown table beside the published"
          + " numbers, CSV, JSON, figures, outcome.json with the verdict). With no EXPERIMENT, run"
          + " every one and write report.html and report.md beside their directories."
    })
final class ReproduceCommand extends EngineCommand {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "EXPERIMENT",
      completionCandidates = Names.class,
      description =
          "The experiment, one of ${COMPLETION-CANDIDATES} (default: all of them, then the"
              + " combined report).")
  String experiment;

  @Option(
      names = "--dataset",
      paramLabel = "SET",
      description =
          "digits, fashion-mnist or idx:DIR, for the experiments that take a data set (default:"
              + " each experiment's own).")
  String dataset;

  @Option(
      names = "--quick",
      description = "The small budget of every experiment: a first look in about 2 minutes each.")
  boolean quick;

  @Option(
      names = "--smoke",
      description =
          "A seconds-long plumbing check of every file and code path; its numbers mean nothing.")
  boolean smoke;

  @Option(
      names = "--budget",
      paramLabel = "LEVEL",
      description =
          "smoke, quick, full (the default budget, under 10 minutes per experiment on 2 cores) or"
              + " paper (the protocol cards' schedules and sizes as far as the offline data allow:"
              + " minutes to hours; see the README's budget table). --quick and --smoke are"
              + " shorthands.")
  String budget;

  @Mixin MasterSeed seed;

  @Option(
      names = "--seeds",
      paramLabel = "N",
      description =
          "Models trained per arm (run seeds 0..N-1), each check decided from the 95%% interval"
              + " over them (default: the experiment's, at least 1 at --smoke, 2 at --quick and 3"
              + " otherwise).")
  Integer seeds;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Output directory, replaced when the run completes: the experiment's own directory"
              + " (default shiftlab-out/EXPERIMENT), or with no EXPERIMENT the parent of all of"
              + " them and of report.html (default shiftlab-out). A folder shiftlab did not write"
              + " is refused unless --force.")
  Path out;

  @Option(
      names = "--force",
      description =
          "Replace experiment folders, report.html and report.md even if shiftlab did not write"
              + " them, and write into an --out folder that holds other files.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    List<Experiment<?>> todo =
        experiment == null ? Experiments.all() : List.of(Experiments.get("EXPERIMENT", experiment));
    if (dataset != null) {
      if (!dataset.equals("digits")
          && !dataset.equals("fashion-mnist")
          && !dataset.startsWith("idx:")) {
        throw new UserInputException(
            "--dataset",
            "unknown data set '" + dataset + "'; choose digits, fashion-mnist or idx:DIR");
      }
      if (experiment != null && todo.get(0).datasets().isEmpty()) {
        throw new UserInputException(
            "--dataset", experiment + " makes its own data and takes no --dataset");
      }
    }
    if (seeds != null && (seeds < 1 || seeds > 100)) {
      throw new UserInputException("--seeds", "must be between 1 and 100, got " + seeds);
    }
    if (quick && smoke) {
      throw new UserInputException("--smoke", "cannot be combined with --quick");
    }
    if (budget != null && (quick || smoke)) {
      throw new UserInputException(
          "--budget", "cannot be combined with " + (quick ? "--quick" : "--smoke"));
    }
    BudgetLevel level =
        budget != null
            ? BudgetLevel.parse("--budget", budget)
            : smoke ? BudgetLevel.SMOKE : quick ? BudgetLevel.QUICK : BudgetLevel.FULL;
    Path parent = experiment == null && out != null ? out : Path.of("shiftlab-out");
    Map<Experiment<?>, Path> targets = new LinkedHashMap<>();
    for (Experiment<?> e : todo) {
      String ds = e.datasets().isEmpty() ? null : dataset;
      Path target = experiment != null && out != null ? out : parent.resolve(directoryName(e, ds));
      // every folder checked before the first experiment runs
      OutputFolder.claim(target, out != null ? "--out" : target.toString(), force);
      targets.put(e, target);
    }
    if (experiment == null) {
      // the report goes beside the experiment folders: never over a user's own report.html
      ReportFiles.claimParent(
          parent, out != null ? "--out" : parent.toString(), force, targets.values());
    }
    common.configureRuntime();
    PrintStream err = log();
    PrintWriter stdout = out();
    List<ReproductionReport.Entry> done = new ArrayList<>();
    for (Experiment<?> e : todo) {
      String ds = e.datasets().isEmpty() ? null : dataset;
      Path target = targets.get(e);
      ExperimentContext ctx =
          new ExperimentContext(
              level,
              seed.value,
              ds,
              (set, s, maxTrain, maxTest) ->
                  DataOptions.load(common.data(), set, s, maxTrain, maxTest, err),
              label -> common.progress(err(), label),
              err);
      Outcome o = ExperimentJob.run(e, seeds == null ? ctx : ctx.withSeeds(seeds), target);
      done.add(new ReproductionReport.Entry(target, o));
      print(stdout, target, o);
    }
    if (experiment == null) {
      ReproductionReport.Files files = ReproductionReport.write(parent, done, level);
      stdout.println();
      stdout.println(ReproductionReport.verdictTable(done).toMarkdown());
      stdout.println("report: " + files.html());
      stdout.println("        " + files.markdown());
    }
    return 0;
  }

  /** {@code NAME}, or {@code NAME-DATASET} for an experiment that takes a data set. */
  static String directoryName(Experiment<?> e, String dataset) {
    if (e.datasets().isEmpty()) {
      return e.name();
    }
    String ds = dataset != null ? dataset : e.datasets().get(0);
    return e.name() + "-" + ds.replaceAll("[^A-Za-z0-9]+", "_");
  }

  private static void print(PrintWriter stdout, Path target, Outcome o) {
    stdout.println();
    stdout.println("## " + o.experiment());
    stdout.println(o.table().markdown());
    stdout.printf(Locale.ROOT, "Verdict: %s (%s).%n", o.verdict().label(), o.tally());
    o.checks().forEach(c -> stdout.println("  " + c.line()));
    if (!o.ownHypotheses().isEmpty()) {
      stdout.println(ReproductionReport.OWN_HYPOTHESES + ":");
      o.ownHypotheses().forEach(c -> stdout.println("  " + c.line()));
    }
    stdout.println("report: " + target.resolve("results.md"));
    stdout.flush();
  }

  /** Completion candidates: the experiment names. */
  static final class Names implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Experiments.names().iterator();
    }
  }
}
