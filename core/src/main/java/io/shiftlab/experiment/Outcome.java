package io.shiftlab.experiment;

import io.shiftlab.report.Table;
import java.util.List;
import java.util.Objects;

/**
 * What an experiment found, in the form every report shows it: the claim, our table beside the
 * published numbers, the figures, the checks of the card's expected outcomes and the verdict they
 * give by {@link Verdict#RULE}. Written to {@code outcome.json} in the experiment's directory.
 *
 * @param experiment the experiment's name
 * @param card the protocol card
 * @param claim the claim tested
 * @param setup one paragraph: data, models, budget, and what the published columns are
 * @param table the main table, formatted ({@link TableData})
 * @param figures the figures, paths relative to the experiment directory
 * @param checks the checks of the card's expected outcomes
 * @param verdict the verdict computed from {@code checks} (never from {@code ownHypotheses})
 * @param notes decisions and deviations from the card, one per item
 * @param seconds wall time of the run
 * @param budget the budget level the run used ({@link BudgetLevel#id()}), set by {@link
 *     ExperimentJob}; null in outcomes written before it was recorded
 * @param ownHypotheses checks of our own hypotheses beyond the card, decided by the same rule,
 *     shown beside the verdict and not part of it; empty in outcomes written before they were kept
 *     apart
 */
public record Outcome(
    String experiment,
    String card,
    String claim,
    String setup,
    TableData table,
    List<Figure> figures,
    List<Check> checks,
    Verdict verdict,
    List<String> notes,
    double seconds,
    String budget,
    List<Check> ownHypotheses) {

  /** Validates the fields and checks the verdict follows from the checks. */
  public Outcome {
    Objects.requireNonNull(experiment, "experiment");
    Objects.requireNonNull(table, "table");
    figures = List.copyOf(figures);
    checks = List.copyOf(checks);
    notes = List.copyOf(notes);
    ownHypotheses = ownHypotheses == null ? List.of() : List.copyOf(ownHypotheses);
    if (verdict != Verdict.of(checks)) {
      throw new IllegalArgumentException("verdict " + verdict + " does not follow from the checks");
    }
  }

  /**
   * Builds an outcome whose verdict is computed from the checks.
   *
   * @param e the experiment
   * @param f what its report found
   * @param seconds wall time
   * @return the outcome
   */
  public static Outcome of(Experiment<?> e, Findings f, double seconds) {
    return new Outcome(
        e.name(),
        e.card(),
        e.claim(),
        f.setup(),
        f.table(),
        f.figures(),
        f.checks(),
        Verdict.of(f.checks()),
        f.notes(),
        seconds,
        null,
        f.ownHypotheses());
  }

  /**
   * The same outcome with the budget level it was run at.
   *
   * @param level the level
   * @return the copy
   */
  public Outcome withBudget(BudgetLevel level) {
    return new Outcome(
        experiment,
        card,
        claim,
        setup,
        table,
        figures,
        checks,
        verdict,
        notes,
        seconds,
        level.id(),
        ownHypotheses);
  }

  /**
   * The checks counted by decision, e.g. {@code 5 of 7 checks held, 1 not held, 1 inconclusive}
   * (counts of zero left out).
   */
  public String tally() {
    StringBuilder b = new StringBuilder();
    b.append(count(Decision.HELD)).append(" of ").append(checks.size()).append(" checks held");
    for (Decision d : List.of(Decision.NOT_HELD, Decision.INCONCLUSIVE)) {
      if (count(d) > 0) {
        b.append(", ").append(count(d)).append(' ').append(d.label());
      }
    }
    return b.toString();
  }

  private long count(Decision d) {
    return checks.stream().filter(c -> c.decision() == d).count();
  }

  /** The main table formatted as cells, as it appears in Markdown and HTML reports. */
  public record TableData(List<String> header, List<List<String>> rows, String markdown) {
    /** Copies the lists. */
    public TableData {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
    }

    /** Formats a table. */
    public static TableData of(Table t) {
      return new TableData(t.header(), t.formattedRows(), t.toMarkdown());
    }
  }
}
