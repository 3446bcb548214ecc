package io.shiftlab.probe;

import java.util.List;

/**
 * A measurement of how a classifier deals with position. A probe only measures: it runs the model
 * and returns its typed result, a value that knows nothing of files (the numbers come from pure
 * functions over plain arrays, tested without an engine). Its {@link ProbeWriter} renders that
 * result into CSV, JSON and PNG files and the summary; {@link ProbeJob} runs the probes of a
 * command and publishes their files.
 *
 * @param <R> the result type
 */
public interface Probe<R> {
  /** The probe's name, description, options and files. */
  ProbeInfo info();

  /** The name used with {@code --probe}, e.g. {@code sweep}. */
  default String name() {
    return info().name();
  }

  /** One line for {@code probe --list}. */
  default String description() {
    return info().description();
  }

  /** The options it takes, with defaults. */
  default List<ProbeParam> params() {
    return info().params();
  }

  /** The files its writer writes, for {@code probe --list}. */
  default List<String> outputs() {
    return info().outputs();
  }

  /**
   * Measures.
   *
   * @param ctx the model, data, streams and options
   * @return the result
   */
  R measure(ProbeContext ctx);

  /** The writer that renders this probe's result. */
  ProbeWriter<R> writer();
}
