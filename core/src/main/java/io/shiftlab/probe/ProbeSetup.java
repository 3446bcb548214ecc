package io.shiftlab.probe;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every probe result records of how it was measured.
 *
 * @param model how the model is named in outputs (run directory or TorchScript file)
 * @param params the probe's options in force, key to value
 */
public record ProbeSetup(String model, Map<String, String> params) {
  /** Copies the options. */
  public ProbeSetup {
    params = Map.copyOf(params);
  }

  /**
   * The start of a probe's JSON file: the probe's name and the model's, in that order; the writer
   * puts the rest after them.
   *
   * @param probe the probe's name
   * @return a mutable, ordered map
   */
  public Map<String, Object> json(String probe) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("probe", probe);
    json.put("model", model);
    return json;
  }
}
