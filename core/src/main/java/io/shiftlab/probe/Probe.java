package io.shiftlab.probe;

import java.util.List;

/**
 * A measurement of how a classifier deals with position. A probe runs the model and collects plain
 * arrays; the numbers it reports come from pure functions over those arrays, tested without an
 * engine. It writes its own files (CSV, JSON, PNG) into {@link ProbeContext#outDir()}.
 */
public interface Probe {
  /** The name used with {@code --probe}, e.g. {@code sweep}. */
  String name();

  /** One line for {@code probe --list}. */
  String description();

  /** The options it takes, with defaults. */
  List<ProbeParam> params();

  /** The files it writes, for {@code probe --list}. */
  List<String> outputs();

  /**
   * Runs the probe.
   *
   * @param ctx the model, data, streams and options
   * @return the summary
   */
  ProbeSummary run(ProbeContext ctx);
}
