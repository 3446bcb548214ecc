package io.shiftlab.cli;

import io.shiftlab.UserInputException;
import io.shiftlab.data.DataSplits;
import io.shiftlab.experiment.PatchLocationExperiment;
import io.shiftlab.experiment.PatchLocationReport;
import io.shiftlab.experiment.ShiftedDigits;
import io.shiftlab.experiment.ShiftedDigitsReport;
import io.shiftlab.io.AtomicFiles;
import io.shiftlab.report.Json;
import io.shiftlab.train.ConsoleProgress;
import io.shiftlab.train.Manifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shiftlab reproduce}: run a published experiment with one command. */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    description =
        "Reproduce a published experiment and write its report (Markdown table beside the"
            + " published numbers, CSV, JSON, chart). Experiments: shifted-digits, patch-location.")
final class ReproduceCommand implements Callable<Integer> {
  /** The experiments that can be reproduced. */
  static final List<String> EXPERIMENTS = List.of(ShiftedDigits.NAME, PatchLocationExperiment.NAME);

  @Spec CommandSpec spec;

  @Mixin Options common;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "EXPERIMENT",
      completionCandidates = Names.class,
      description = "The experiment (default: all of them).")
  String experiment;

  @Option(
      names = "--dataset",
      paramLabel = "SET",
      defaultValue = "digits",
      description =
          "digits or fashion-mnist (default: ${DEFAULT-VALUE}); shifted-digits only,"
              + " patch-location uses its own two images.")
  String dataset;

  @Option(names = "--quick", description = "A small budget for a first look (under 3 minutes).")
  boolean quick;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Master seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Output directory, replaced when the run completes (default: shiftlab-out/EXPERIMENT-DATASET).")
  Path out;

  @Override
  public Integer call() throws IOException {
    List<String> todo = experiment == null ? EXPERIMENTS : List.of(experiment);
    for (String e : todo) {
      if (!EXPERIMENTS.contains(e)) {
        throw new UserInputException(
            "EXPERIMENT",
            "unknown experiment '" + e + "'; choose " + String.join(", ", EXPERIMENTS));
      }
    }
    if (!dataset.equals("digits")
        && !dataset.equals("fashion-mnist")
        && !dataset.startsWith("idx:")) {
      throw new UserInputException(
          "--dataset", "unknown data set '" + dataset + "'; choose digits or fashion-mnist");
    }
    common.configureRuntime();
    for (String e : todo) {
      if (e.equals(PatchLocationExperiment.NAME)) {
        runPatchLocation();
      } else {
        runShiftedDigits(e);
      }
    }
    return 0;
  }

  private void runShiftedDigits(String name) throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    ShiftedDigits.Budget budget = ShiftedDigits.budget(dataset, quick);
    DataSplits data =
        DataOptions.load(
            common.data, dataset, seed, budget.maxTrain(), budget.maxTest(), Main.err(spec));
    Path target =
        out != null
            ? out
            : Path.of("shiftlab-out", name + "-" + dataset.replaceAll("[^A-Za-z0-9]+", "_"));
    Path staging = AtomicFiles.stagingDirectory(target);
    try {
      ShiftedDigits.Settings settings = new ShiftedDigits.Settings(dataset, budget, seed);
      Main.err(spec)
          .printf(
              "%s on %s: %d train, %d val, %d test images; up to %d epochs per model%n",
              name,
              dataset,
              data.train().size(),
              data.val().size(),
              data.test().size(),
              budget.epochs());
      ShiftedDigits.Result r =
          ShiftedDigits.run(
              settings,
              data.train(),
              data.val(),
              data.test(),
              data.sha256(),
              staging,
              arm -> new ConsoleProgress(Main.err(spec), arm.label()));
      Json.write(staging.resolve("manifest.json"), Manifest.capture(seed, data.sha256()));
      ShiftedDigitsReport.write(r, staging);
      AtomicFiles.publishDirectory(staging, target);
      stdout.println();
      stdout.println(ShiftedDigitsReport.table(r).toMarkdown());
      stdout.println(ShiftedDigitsReport.verdict(r));
      ShiftedDigitsReport.checkLines(r).forEach(l -> stdout.println("  " + l));
      stdout.println();
      stdout.println("report: " + target.resolve("results.md"));
      stdout.println("chart:  " + target.resolve(ShiftedDigitsReport.CHART + ".png"));
      stdout.println(
          "data:   " + target.resolve("results.csv") + ", " + target.resolve("results.json"));
    } finally {
      AtomicFiles.deleteRecursively(staging);
    }
  }

  private void runPatchLocation() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    String name = PatchLocationExperiment.NAME;
    PatchLocationExperiment.Budget budget = PatchLocationExperiment.budget(quick);
    // --dataset does not apply: the experiment has its own two images. With no experiment named,
    // --out is the shifted-digits directory, so this one goes beside it.
    Path target =
        out == null
            ? Path.of("shiftlab-out", name)
            : experiment != null ? out : out.resolveSibling(out.getFileName() + "-" + name);
    Path staging = AtomicFiles.stagingDirectory(target);
    try {
      Main.err(spec)
          .printf(
              "%s: 2 images (train = val = test), %d seeds x 4 paddings, %d epochs each%n",
              name, budget.seeds(), budget.epochs());
      PatchLocationExperiment.Result r =
          PatchLocationExperiment.run(
              budget,
              staging,
              (padding, s) -> new ConsoleProgress(Main.err(spec), padding + " seed " + s));
      Json.write(staging.resolve("manifest.json"), Manifest.capture(0, Map.of()));
      PatchLocationReport.write(r, staging);
      AtomicFiles.publishDirectory(staging, target);
      stdout.println();
      stdout.println(PatchLocationReport.table(r).toMarkdown());
      stdout.println(PatchLocationReport.verdict(r));
      PatchLocationExperiment.verdictLines(r).forEach(l -> stdout.println("  " + l));
      stdout.println();
      stdout.println("report: " + target.resolve("results.md"));
      stdout.println("chart:  " + target.resolve(PatchLocationReport.CHART + ".png"));
      stdout.println(
          "data:   " + target.resolve("results.csv") + ", " + target.resolve("results.json"));
    } finally {
      AtomicFiles.deleteRecursively(staging);
    }
  }

  /** Completion candidates: the experiment names. */
  static final class Names implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return EXPERIMENTS.iterator();
    }
  }
}
