package io.shiftlab.nn;

import ai.djl.ndarray.NDArray;

/**
 * The output of one layer of a model, as exposed for per-layer probes.
 *
 * @param name a stable name, e.g. {@code 02-maxPool2d} or {@code logits}
 * @param value the output; (N, C, H, W) for spatial maps, (N, K) for vectors
 */
public record LayerOutput(String name, NDArray value) {}
