package io.shiftlab.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A reproduced experiment: {@code shiftlab reproduce NAME}. An implementation only measures: it
 * trains and evaluates at the budget the context asks for and returns its typed result. Its {@link
 * Report} renders that result; {@link ExperimentJob} times the run, has the report write its files,
 * and adds {@code outcome.json} and {@code manifest.json} beside them.
 *
 * <p>Adding an experiment takes three files: the experiment, its report (which also declares the
 * result's types), and one line in {@link Experiments}.
 *
 * @param <R> the result type
 */
public interface Experiment<R> {
  /** What the experiment is: name, card, claim and data sets. */
  ExperimentInfo info();

  /** The name on the command line, e.g. {@code red-green}. */
  default String name() {
    return info().name();
  }

  /** The protocol card it follows, e.g. {@code PROTOCOLS card 5}. */
  default String card() {
    return info().card();
  }

  /** The claim being tested, one or two sentences with its source. */
  default String claim() {
    return info().claim();
  }

  /**
   * The data sets of 28x28 grey images that every experiment on digit-like images accepts: the
   * OpenCV digits, Fashion-MNIST and any IDX folder.
   */
  List<String> GREY_28 = List.of("digits", "fashion-mnist", "idx:DIR");

  /**
   * The data sets the experiment's dataset setting may name; empty if it makes its own data and
   * ignores the setting.
   */
  default List<String> datasets() {
    return info().datasets();
  }

  /**
   * The run seeds per arm at a budget level when the user does not set them: {@link
   * BudgetLevel#seeds()} unless the experiment's card asks for more. The runner puts the number
   * into the context ({@link ExperimentContext#seeds()}); experiments never choose it themselves.
   *
   * @param level the budget level
   * @return at least 1
   */
  default int seeds(BudgetLevel level) {
    return level.seeds();
  }

  /**
   * Measures.
   *
   * @param ctx budget, seed, data and progress
   * @param dir an empty directory for the run directories of the models it trains (a staging
   *     directory: the runner moves it into place when the report is written)
   * @return the result
   * @throws IOException if a run directory cannot be written
   */
  R measure(ExperimentContext ctx, Path dir) throws IOException;

  /** The report that renders this experiment's result. */
  Report<R> report();
}
