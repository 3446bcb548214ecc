package io.shiftlab.experiment;

import java.util.Objects;

/**
 * One expected outcome of a protocol card, compared with what a run measured.
 *
 * @param expected the expectation, e.g. {@code circular: Similar = Dissimilar exactly}
 * @param held whether the measured numbers show it
 * @param measured the evidence, e.g. {@code 73.1% vs 73.1%}
 */
public record Check(String expected, boolean held, String measured) {
  /** Validates the fields. */
  public Check {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(measured, "measured");
  }

  /** One line for terminals and Markdown: {@code held: EXPECTED — MEASURED}. */
  public String line() {
    return (held ? "held: " : "did NOT hold: ") + expected + " — " + measured;
  }
}
