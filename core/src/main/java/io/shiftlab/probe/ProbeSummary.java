package io.shiftlab.probe;

import java.util.List;
import java.util.Map;

/**
 * What a probe reports back for the command's {@code summary.md} and {@code summary.json}; the full
 * numbers are in the files the probe wrote.
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
    List<String> files) {}
