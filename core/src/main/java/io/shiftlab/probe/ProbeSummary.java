package io.shiftlab.probe;

import java.util.List;
import java.util.Map;

/**
 * What a probe's writer reports back for the command's {@code summary.md} and {@code summary.json};
 * the full numbers are in the files it wrote.
 *
 * @param probe the probe's name
 * @param params the options in force
 * @param headline the key numbers, name to value (JSON-serialisable)
 * @param markdown Markdown lines for the summary (tables, images relative to the output directory)
 * @param files the files written, relative to the output directory
 */
public record ProbeSummary(
    String probe,
    Map<String, String> params,
    Map<String, Object> headline,
    List<String> markdown,
    List<String> files) {
  /**
   * A summary of a result measured as {@code setup} says.
   *
   * @param probe the probe's name
   * @param setup the result's setup, for its options
   * @param headline the key numbers
   * @param markdown the summary's lines
   * @param files the files written
   * @return the summary
   */
  public static ProbeSummary of(
      String probe,
      ProbeSetup setup,
      Map<String, Object> headline,
      List<String> markdown,
      List<String> files) {
    return new ProbeSummary(probe, setup.params(), headline, markdown, files);
  }
}
