package io.shiftlab.experiment;

import io.shiftlab.io.AtomicFiles;
import io.shiftlab.report.Json;
import io.shiftlab.train.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs one experiment: sets its run seeds per arm ({@link Experiment#seeds} unless the context
 * already names them), measures into a staging directory, has its report write the result's files,
 * adds {@code outcome.json} (with the wall time and the budget) and {@code manifest.json} (the
 * master seed, versions, threads, device and the checksum of every data file the experiment loaded
 * through its context), and moves the directory into place only when everything is written: a
 * failed or interrupted run leaves the previous results untouched.
 */
public final class ExperimentRunner {
  /** The outcome's file name in every experiment directory. */
  public static final String OUTCOME = "outcome.json";

  private ExperimentRunner() {}

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
    return AtomicFiles.writeDirectory(
        target,
        staging -> {
          long start = System.nanoTime();
          Map<String, String> checksums = new TreeMap<>();
          ExperimentContext c = ctx.seeds() > 0 ? ctx : ctx.withSeeds(e.seeds(ctx.budget()));
          R result = e.measure(c.recordingData(checksums), staging);
          Report<R> report = e.report();
          report.write(result, staging);
          Outcome outcome =
              Outcome.of(e, report.findings(result), (System.nanoTime() - start) / 1e9)
                  .withBudget(ctx.budget());
          // one manifest per experiment directory: the master seed and every data file read
          Json.write(staging.resolve("manifest.json"), Manifest.capture(ctx.seed(), checksums));
          Json.write(staging.resolve(OUTCOME), outcome);
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
