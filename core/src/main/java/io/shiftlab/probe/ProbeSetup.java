package io.shiftlab.probe;

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
}
