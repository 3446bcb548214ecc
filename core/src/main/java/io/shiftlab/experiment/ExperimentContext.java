package io.shiftlab.experiment;

import io.shiftlab.data.DataSplits;
import io.shiftlab.train.TrainingListener;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What an experiment gets from its caller: the budget, the seed, where its data come from, and
 * where progress goes. The library never prints on its own; {@code log} is the caller's stream.
 *
 * @param budget how much compute to spend
 * @param seed the master seed
 * @param dataset the data set the user asked for, or null for the experiment's own default
 * @param data loads real data sets by name
 * @param progress makes a training listener for a run, given its label
 * @param log where one-line status messages go (stderr in the CLI)
 * @param seeds run seeds per arm (models trained with run seeds 0 .. seeds-1); 0 until the runner
 *     sets the experiment's default ({@link Experiment#seeds}) or the user's choice
 */
public record ExperimentContext(
    BudgetLevel budget,
    long seed,
    String dataset,
    DataProvider data,
    Function<String, TrainingListener> progress,
    PrintStream log,
    int seeds) {

  /** Loads a named data set's splits. */
  @FunctionalInterface
  public interface DataProvider {
    /**
     * Loads a data set, installing it first if it is a known one that is missing.
     *
     * @param dataset e.g. {@code digits}, {@code fashion-mnist}, {@code idx:DIR}
     * @param seed the master seed (draws the validation split and caps)
     * @param maxTrain training cap, 0 for none
     * @param maxTest test cap, 0 for none
     * @return the splits
     */
    DataSplits load(String dataset, long seed, int maxTrain, int maxTest);
  }

  /** Validates the fields. */
  public ExperimentContext {
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(log, "log");
    if (seeds < 0 || seeds > 100) {
      throw new IllegalArgumentException("seeds must be within 0..100, got " + seeds);
    }
  }

  /**
   * A context whose seeds the runner will set from the experiment's default.
   *
   * @param budget how much compute to spend
   * @param seed the master seed
   * @param dataset the data set, or null for the experiment's default
   * @param data loads real data sets
   * @param progress makes a training listener per run
   * @param log where status lines go
   */
  public ExperimentContext(
      BudgetLevel budget,
      long seed,
      String dataset,
      DataProvider data,
      Function<String, TrainingListener> progress,
      PrintStream log) {
    this(budget, seed, dataset, data, progress, log, 0);
  }

  /**
   * A copy with another number of run seeds per arm.
   *
   * @param n 1 to 100
   * @return the copy
   */
  public ExperimentContext withSeeds(int n) {
    OverRuns.requireSeeds(n);
    return new ExperimentContext(budget, seed, dataset, data, progress, log, n);
  }

  /**
   * The data set to use.
   *
   * @param fallback the experiment's default
   * @return {@link #dataset()} if set, else {@code fallback}
   */
  public String datasetOr(String fallback) {
    return dataset != null ? dataset : fallback;
  }

  /**
   * Makes a training listener per (arm, run index) from {@link #progress}, labelled {@code "<arm>
   * run <r>"}.
   *
   * @param <A> the arm type
   * @param arm the arm's label
   * @return the listener factory
   */
  public <A> BiFunction<A, Integer, TrainingListener> perRun(Function<A, String> arm) {
    return (a, r) -> progress.apply(arm.apply(a) + " run " + r);
  }

  /** A context that runs quietly: no progress and no log (tests). */
  public static ExperimentContext quiet(BudgetLevel budget, long seed, DataProvider data) {
    return new ExperimentContext(
        budget,
        seed,
        null,
        data,
        label -> TrainingListener.NONE,
        new PrintStream(PrintStream.nullOutputStream()));
  }

  /**
   * A copy whose data provider also puts the checksums of every data file it loads into {@code
   * checksums}, so that the run's manifest names exactly the data the experiment read.
   *
   * @param checksums file name to SHA-256, filled as data sets load
   * @return the copy
   */
  public ExperimentContext recordingData(Map<String, String> checksums) {
    DataProvider recording =
        (name, s, maxTrain, maxTest) -> {
          DataSplits splits = data.load(name, s, maxTrain, maxTest);
          checksums.putAll(splits.sha256());
          return splits;
        };
    return new ExperimentContext(budget, seed, dataset, recording, progress, log, seeds);
  }

  /** A copy with another data set. */
  public ExperimentContext withDataset(String name) {
    return new ExperimentContext(budget, seed, name, data, progress, log, seeds);
  }
}
