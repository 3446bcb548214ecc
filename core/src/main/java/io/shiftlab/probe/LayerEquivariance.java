package io.shiftlab.probe;

/**
 * The equivariance of one layer, as {@link EquivarianceProbe} reports it.
 *
 * @param index the layer's position, 1 for the first layer
 * @param name the layer's name, e.g. {@code 01Conv2d} or {@code logits}
 * @param shape the output shape of one image, e.g. {@code 20x24x24} or {@code 10}
 * @param spatial whether it was compared as a map (shifted at its resolution) or as a vector
 * @param sizeRatio input height / map height (the naive stride); NaN for vectors
 * @param strideY the inferred cumulative stride along rows (1 for vectors)
 * @param strideX the inferred cumulative stride along columns (1 for vectors)
 * @param meanRelativeError the mean relative error over every (image, draw) pair where it is
 *     defined; NaN when none is
 * @param pairs the number of (image, draw) pairs averaged
 * @param undefined the number of pairs skipped because the reference was zero under the mask
 */
public record LayerEquivariance(
    int index,
    String name,
    String shape,
    boolean spatial,
    double sizeRatio,
    int strideY,
    int strideX,
    double meanRelativeError,
    long pairs,
    long undefined) {}
