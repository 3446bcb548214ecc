package io.shiftlab.experiment;

import io.shiftlab.Choices;
import java.util.Locale;

/**
 * How much compute an experiment spends. Every experiment defines what each level means for it and
 * states it in its report.
 */
public enum BudgetLevel {
  /**
   * Seconds: a plumbing check that every file is written and every code path runs. Its numbers mean
   * nothing and its checks usually fail; tests and {@code reproduce --smoke} use it.
   */
  SMOKE,
  /** A first look in under 2 minutes on 2 cores ({@code --quick}). */
  QUICK,
  /** The experiment's default budget, under 10 minutes on 2 cores. */
  FULL,
  /**
   * The protocol card's (the paper's) training schedule and sizes as far as the offline data allow
   * ({@code --budget paper}): minutes to hours on 2 cores; each experiment states where it still
   * departs from the paper (data set, architecture scale) and its measured or estimated time.
   */
  PAPER;

  /**
   * The trained models per arm (run seeds 0 .. n-1) an experiment uses at this level unless it
   * declares more ({@link Experiment#seeds}) or the user asks for more: the interval rule needs at
   * least 2 at the quick budget (with the test images' error) and 3 at the default budget.
   *
   * @return 1, 2 or 3
   */
  public int seeds() {
    return switch (this) {
      case SMOKE -> 1;
      case QUICK -> 2;
      case FULL, PAPER -> 3;
    };
  }

  /**
   * The level's seeds, raised to at least {@code minimum} at the default and paper budgets, for an
   * experiment whose verdict needs more runs than {@link #seeds()} to settle; smoke and quick keep
   * theirs.
   *
   * @param minimum the runs per arm the experiment needs at the default and paper budgets
   * @return {@link #seeds()}, or {@code minimum} where that is more at full and paper
   */
  public int seeds(int minimum) {
    return this == FULL || this == PAPER ? Math.max(seeds(), minimum) : seeds();
  }

  /** The lower-case name. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a level.
   *
   * @param option the option, for the error
   * @param text smoke, quick, full or paper
   * @return the level
   */
  public static BudgetLevel parse(String option, String text) {
    return Choices.parse(BudgetLevel.class, option, "budget", text);
  }
}
