package io.shiftlab.experiment;

import java.util.List;

/**
 * What an experiment is, for the registry, {@code reproduce --help} and the report's header.
 *
 * @param name the name on the command line, e.g. {@code red-green}
 * @param card the protocol card it follows, e.g. {@code PROTOCOLS card 5}
 * @param claim the claim being tested, one or two sentences with its source
 * @param datasets the data sets its dataset setting may name, the default first; empty if it makes
 *     its own data and ignores the setting
 */
public record ExperimentInfo(String name, String card, String claim, List<String> datasets) {
  /** Copies the list. */
  public ExperimentInfo {
    datasets = List.copyOf(datasets);
  }
}
