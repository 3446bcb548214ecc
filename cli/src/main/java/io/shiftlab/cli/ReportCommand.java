package io.shiftlab.cli;

import io.shiftlab.UserInputException;
import io.shiftlab.experiment.BudgetLevel;
import io.shiftlab.experiment.ExperimentJob;
import io.shiftlab.experiment.Experiments;
import io.shiftlab.experiment.ReproductionReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shiftlab report [DIR]}: rebuild report.html and report.md from experiment directories that
 * {@code reproduce} left under DIR (each with its outcome.json), without running anything; for
 * experiments reproduced one at a time.
 */
@Command(
    name = "report",
    description =
        "Rebuild the combined report (report.html, report.md) from the experiment directories"
            + " under DIR, each holding the outcome.json that reproduce wrote. Runs nothing.")
final class ReportCommand extends Subcommand {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      defaultValue = "shiftlab-out",
      description = "The parent of the experiment directories (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--budget",
      paramLabel = "LEVEL",
      description =
          "The budget the runs used, stated in the report: smoke, quick, full or paper (default: the"
              + " one each run recorded in its outcome.json).")
  String budget;

  @Option(
      names = "--force",
      description = "Replace report.html and report.md in DIR even if shiftlab did not write them.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    BudgetLevel given = budget == null ? null : BudgetLevel.parse("--budget", budget);
    if (!Files.isDirectory(dir)) {
      throw new UserInputException(dir.toString(), "not a directory");
    }
    List<String> order = Experiments.names();
    List<Path> found = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> Files.isRegularFile(p.resolve(ExperimentJob.OUTCOME)))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .forEach(found::add);
    }
    if (found.isEmpty()) {
      throw new UserInputException(
          dir.toString(),
          "holds no experiment directory with an outcome.json; run reproduce first");
    }
    found.sort(
        Comparator.comparingInt((Path p) -> rank(order, p.getFileName().toString()))
            .thenComparing(p -> p.getFileName().toString()));
    List<ReproductionReport.Entry> entries;
    try {
      entries = ReproductionReport.read(found);
    } catch (RuntimeException e) {
      throw new UserInputException(dir.toString(), "unreadable outcome.json: " + e.getMessage(), e);
    }
    BudgetLevel level = given != null ? given : recordedBudget(dir, entries);
    ReportFiles.claim(dir, force);
    ReproductionReport.Files files = ReproductionReport.write(dir, entries, level);
    PrintWriter out = out();
    out.println(ReproductionReport.verdictTable(entries).toMarkdown());
    out.println("report: " + files.html());
    out.println("        " + files.markdown());
    out.flush();
    return 0;
  }

  /** Report order: the registry's, by the longest experiment name the directory starts with. */
  private static int rank(List<String> order, String dirName) {
    int best = order.size();
    int bestLength = -1;
    for (int i = 0; i < order.size(); i++) {
      String n = order.get(i);
      if (dirName.startsWith(n) && n.length() > bestLength) {
        best = i;
        bestLength = n.length();
      }
    }
    return best;
  }

  /** The budget all the runs recorded; one line naming the folder when they differ or lack it. */
  private static BudgetLevel recordedBudget(Path dir, List<ReproductionReport.Entry> entries) {
    Set<String> levels = new TreeSet<>();
    for (ReproductionReport.Entry e : entries) {
      levels.add(e.outcome().budget() == null ? "unrecorded" : e.outcome().budget());
    }
    if (levels.size() != 1 || levels.contains("unrecorded")) {
      throw new UserInputException(
          dir.toString(),
          "the runs' budgets are "
              + String.join(", ", levels)
              + "; rerun them at one budget, or state it with --budget");
    }
    return BudgetLevel.parse("outcome.json budget", levels.iterator().next());
  }
}
