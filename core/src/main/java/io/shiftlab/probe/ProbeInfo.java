package io.shiftlab.probe;

import java.util.List;

/**
 * What a probe is, for the registry and {@code probe --list}.
 *
 * @param name the name used with {@code --probe}, e.g. {@code sweep}
 * @param description one line for {@code probe --list}
 * @param params the options it takes, with defaults
 * @param outputs the files its writer writes (at most these)
 */
public record ProbeInfo(
    String name, String description, List<ProbeParam> params, List<String> outputs) {
  /** Copies the lists. */
  public ProbeInfo {
    params = List.copyOf(params);
    outputs = List.copyOf(outputs);
  }
}
