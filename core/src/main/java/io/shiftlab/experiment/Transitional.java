package io.shiftlab.experiment;

import io.shiftlab.report.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Transitional (to be removed when every experiment returns its result): an experiment that still
 * writes its own files and builds its outcome in {@code run}.
 */
abstract class Transitional implements Experiment<Outcome>, Report<Outcome> {
  /**
   * The old entry point: measures, writes and returns the outcome.
   *
   * @param ctx the context
   * @param dir the directory
   * @return the outcome
   * @throws IOException if an output cannot be written
   */
  public abstract Outcome run(ExperimentContext ctx, Path dir) throws IOException;

  @Override
  public Outcome measure(ExperimentContext ctx, Path dir) throws IOException {
    return run(ctx, dir);
  }

  @Override
  public Report<Outcome> report() {
    return this;
  }

  @Override
  public void write(Outcome result, Path dir) {}

  @Override
  public Findings findings(Outcome o) {
    return new Findings(o.setup(), o.table(), o.figures(), o.checks(), o.notes());
  }

  static Outcome outcome(
      Experiment<?> e,
      String setup,
      Table table,
      List<Figure> figures,
      List<Check> checks,
      List<String> notes,
      double seconds) {
    return Outcome.of(e, new Findings(setup, table, figures, checks, notes), seconds);
  }
}
