package io.shiftlab.probe;

import ai.djl.ndarray.NDManager;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.Classifier;
import io.shiftlab.random.Streams;

/**
 * Everything a probe measures with.
 *
 * @param model the classifier under test
 * @param modelName how to name it in outputs (run directory or TorchScript file)
 * @param test the test images, already limited by {@code --limit}
 * @param streams the probe's random streams (offset pairs come from {@code probe.<name>})
 * @param manager a parent manager; probes open one sub-manager per batch
 * @param params the probe's options
 */
public record ProbeContext(
    Classifier model,
    String modelName,
    ImageSet test,
    Streams streams,
    NDManager manager,
    ProbeParams params) {
  /** The model's name and the options, as the result records them. */
  public ProbeSetup setup() {
    return new ProbeSetup(modelName, params.asMap());
  }
}
