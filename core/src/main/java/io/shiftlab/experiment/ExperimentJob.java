package io.shiftlab.experiment;

import io.shiftlab.report.Json;
import io.shiftlab.run.Runner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * An experiment as a {@link Runner} job: sets its run seeds per arm ({@link Experiment#seeds}
 * unless the context already names them), measures into the staging directory with the context
 * recording every data file it loads, has its report write the result's files and adds {@code
 * outcome.json} (the findings, the wall time and the budget). The runner adds the manifest and
 * publishes the directory.
 */
public final class ExperimentJob {
  /** The outcome's file name in every experiment directory. */
  public static final String OUTCOME = "outcome.json";

  private ExperimentJob() {}

  /**
   * Runs an experiment.
   *
   * @param e the experiment
   * @param ctx its context
   * @param target the final directory (replaced when the run completes)
   * @param <R> the experiment's result type
   * @return the outcome
   * @throws IOException if an output cannot be written
   */
  public static <R> Outcome run(Experiment<R> e, ExperimentContext ctx, Path target)
      throws IOException {
    return Runner.run(
        target,
        ctx.seed(),
        staging -> {
          ExperimentContext c = ctx.seeds() > 0 ? ctx : ctx.withSeeds(e.seeds(ctx.budget()));
          R result = e.measure(c.recordingData(staging.dataSha256()), staging.dir());
          Report<R> report = e.report();
          report.write(result, staging.dir());
          Outcome outcome =
              Outcome.of(e, report.findings(result), staging.seconds()).withBudget(ctx.budget());
          Json.write(staging.dir().resolve(OUTCOME), outcome);
          return outcome;
        });
  }

  /**
   * Reads the outcome of a finished experiment directory.
   *
   * @param dir the directory
   * @return the outcome
   * @throws UncheckedIOException if the file is missing or unreadable
   */
  public static Outcome read(Path dir) {
    return Json.read(dir.resolve(OUTCOME), Outcome.class);
  }
}
