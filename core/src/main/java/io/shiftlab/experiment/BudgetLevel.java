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
  FULL;

  /** The lower-case name. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a level.
   *
   * @param option the option, for the error
   * @param text smoke, quick or full
   * @return the level
   */
  public static BudgetLevel parse(String option, String text) {
    return Choices.parse(BudgetLevel.class, option, "budget", text);
  }
}
