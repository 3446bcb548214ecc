package io.shiftlab.probe;

/**
 * One option of a probe, set on the command line as {@code --param PROBE.KEY=VALUE}.
 *
 * @param key the key without the probe prefix, e.g. {@code range}
 * @param defaultValue the value used when it is not set
 * @param description one line for {@code probe --list}
 */
public record ProbeParam(String key, String defaultValue, String description) {}
