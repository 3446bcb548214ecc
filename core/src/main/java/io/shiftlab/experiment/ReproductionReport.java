package io.shiftlab.experiment;

import io.shiftlab.report.Column;
import io.shiftlab.report.HtmlDoc;
import io.shiftlab.report.MarkdownDoc;
import io.shiftlab.report.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The combined report of every reproduced experiment: one self-contained {@code report.html}
 * (figures embedded) and its Markdown twin {@code report.md}. It reads only what the experiments
 * wrote: each directory's {@code outcome.json}, {@code manifest.json} and figures. Each experiment
 * gets a section with the claim, the setup, our table beside the published one, the figures, the
 * checks, the verdict (by {@link Verdict#RULE}), the decisions and the run manifest.
 */
public final class ReproductionReport {
  /** The HTML file name. */
  public static final String HTML = "report.html";

  /** The Markdown file name. */
  public static final String MARKDOWN = "report.md";

  /**
   * The heading of the section that lists an experiment's checks of our own hypotheses: questions
   * we added beyond the protocol card, decided by the same rule and kept out of the verdict.
   */
  public static final String OWN_HYPOTHESES =
      "Our own hypotheses (beyond the card; decided by the same rule, not part of the verdict)";

  private ReproductionReport() {}

  /**
   * One finished experiment.
   *
   * @param dir its directory
   * @param outcome its outcome
   */
  public record Entry(Path dir, Outcome outcome) {}

  /**
   * The written files.
   *
   * @param html report.html
   * @param markdown report.md
   */
  public record Files(Path html, Path markdown) {}

  /**
   * Reads the entries back from experiment directories (each holding {@code outcome.json}).
   *
   * @param dirs the directories
   * @return the entries
   */
  public static List<Entry> read(List<Path> dirs) {
    return dirs.stream().map(d -> new Entry(d, ExperimentJob.read(d))).toList();
  }

  /**
   * The verdict table: one row per experiment.
   *
   * @param entries the experiments
   * @return the table
   */
  public static Table verdictTable(List<Entry> entries) {
    Table.Builder t =
        Table.builder(
            Column.text("experiment"),
            Column.text("card"),
            Column.text("verdict"),
            Column.text("checks"),
            Column.fixed("minutes", 1));
    for (Entry e : entries) {
      Outcome o = e.outcome();
      t.row(o.experiment(), o.card(), o.verdict().label(), o.tally(), o.seconds() / 60);
    }
    return t.build();
  }

  /**
   * Writes report.html and report.md into {@code dir}, with figure paths relative to it.
   *
   * @param dir the parent directory of the experiment directories
   * @param entries the experiments, in report order
   * @param budget the budget level of the runs (stated in the report)
   * @return the files
   */
  public static Files write(Path dir, List<Entry> entries, BudgetLevel budget) {
    Path base = dir.toAbsolutePath().normalize();
    String budgetText =
        switch (budget) {
          case SMOKE -> "smoke budget (--smoke): a plumbing check whose numbers mean nothing";
          case QUICK ->
              "quick budget (--quick): small data and few epochs, a first look, not the full"
                  + " protocol";
          case FULL -> "default budget of each experiment";
          case PAPER ->
              "paper budget (--budget paper): the protocol cards' schedules and sizes as far as the"
                  + " offline data allow";
        };
    Table verdicts = verdictTable(entries);
    HtmlDoc html = new HtmlDoc("shiftlab: reproduction report");
    MarkdownDoc md = new MarkdownDoc();
    html.heading(1, "shiftlab: reproduction report", null)
        .paragraph(
            "How do convolutional networks deal with position? Each section below tests one"
                + " published claim, following its protocol card (data, model, training and metric,"
                + " given in the section's setup), at the "
                + budgetText
                + ". Our numbers are measured by this run; published numbers appear only in columns"
                + " labelled published, as reference values.")
        .heading(2, "Verdicts", "verdicts")
        .table(verdicts)
        .paragraph("Rule: " + Verdict.RULE);
    md.heading(1, "shiftlab: reproduction report")
        .paragraph(
            "Each section tests one published claim with its protocol card, at the "
                + budgetText
                + ". Published numbers appear only in columns labelled published.")
        .heading(2, "Verdicts")
        .table(verdicts)
        .paragraph("Rule: " + Verdict.RULE);
    for (Entry e : entries) {
      Outcome o = e.outcome();
      Path expDir = e.dir().toAbsolutePath().normalize();
      String rel = base.relativize(expDir).toString().replace('\\', '/');
      String verdictRest = "(" + o.tally() + ")";
      html.heading(2, o.experiment(), o.experiment())
          .paragraph("Claim (" + o.card() + "): " + o.claim())
          .paragraph(o.setup())
          .badge("Verdict", o.verdict().label(), o.verdict().label().replace(' ', '-'), verdictRest)
          .table(o.table().header(), o.table().rows());
      md.heading(2, o.experiment())
          .paragraph("Claim (" + o.card() + "): " + o.claim())
          .paragraph(o.setup())
          .paragraph("**Verdict: " + o.verdict().label() + "** " + verdictRest)
          .raw(o.table().markdown().lines().toList());
      html.heading(3, "Expected outcomes", null)
          .bullets(
              o.checks().stream().map(Check::line).toList(),
              o.checks().stream().map(c -> c.decision().name().toLowerCase(Locale.ROOT)).toList());
      md.heading(3, "Expected outcomes").bullets(o.checks().stream().map(Check::line).toList());
      if (!o.ownHypotheses().isEmpty()) {
        List<String> lines = o.ownHypotheses().stream().map(Check::line).toList();
        html.heading(3, OWN_HYPOTHESES, null)
            .bullets(
                lines,
                o.ownHypotheses().stream()
                    .map(c -> c.decision().name().toLowerCase(Locale.ROOT))
                    .toList());
        md.heading(3, OWN_HYPOTHESES).bullets(lines);
      }
      if (!o.figures().isEmpty()) {
        html.heading(3, "Figures", null);
        md.heading(3, "Figures");
        for (Figure f : o.figures()) {
          html.image(expDir.resolve(f.file()), f.caption());
          md.image(rel.isEmpty() ? f.file() : rel + "/" + f.file(), f.caption());
        }
      }
      if (!o.notes().isEmpty()) {
        html.heading(3, "Decisions", null).bullets(o.notes(), null);
        md.heading(3, "Decisions").bullets(o.notes());
      }
      String manifest = readOrEmpty(expDir.resolve("manifest.json"));
      html.pre("Run manifest (" + rel + "/manifest.json)", manifest);
      md.paragraph(
          String.format(
              Locale.ROOT,
              "Files: `%s/` (results.md, results.csv, results.json, manifest.json); %.1f minutes.",
              rel,
              o.seconds() / 60));
    }
    Path htmlFile = dir.resolve(HTML);
    Path mdFile = dir.resolve(MARKDOWN);
    html.write(htmlFile);
    md.write(mdFile);
    return new Files(htmlFile, mdFile);
  }

  private static String readOrEmpty(Path file) {
    try {
      return java.nio.file.Files.exists(file) ? java.nio.file.Files.readString(file) : "(missing)";
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read " + file, ex);
    }
  }
}
