package io.shiftlab.experiment;

import io.shiftlab.report.Table;
import java.util.List;
import java.util.Objects;

/**
 * What one experiment's result shows, independent of how long it took and which experiment ran it:
 * the part of an {@link Outcome} a {@link Report} decides.
 *
 * @param setup one paragraph: data, models, budget, and what the published columns are
 * @param table the main table
 * @param figures the figures, paths relative to the experiment directory
 * @param checks the checks of the card's expected outcomes: they decide the verdict
 * @param notes decisions and deviations from the card, one per item
 * @param ownHypotheses checks of our own hypotheses beyond the card, decided by the same rule and
 *     shown beside the verdict, never part of it (empty for most experiments)
 */
public record Findings(
    String setup,
    Outcome.TableData table,
    List<Figure> figures,
    List<Check> checks,
    List<String> notes,
    List<Check> ownHypotheses) {
  /** Validates and copies the fields. */
  public Findings {
    Objects.requireNonNull(setup, "setup");
    Objects.requireNonNull(table, "table");
    figures = List.copyOf(figures);
    checks = List.copyOf(checks);
    notes = List.copyOf(notes);
    ownHypotheses = ownHypotheses == null ? List.of() : List.copyOf(ownHypotheses);
  }

  /**
   * Findings with a table to format.
   *
   * @param setup the setup paragraph
   * @param table the main table
   * @param figures the figures
   * @param checks the checks
   * @param notes the decisions
   * @param ownHypotheses the checks of our own hypotheses beyond the card
   */
  public Findings(
      String setup,
      Table table,
      List<Figure> figures,
      List<Check> checks,
      List<String> notes,
      List<Check> ownHypotheses) {
    this(setup, Outcome.TableData.of(table), figures, checks, notes, ownHypotheses);
  }
}
