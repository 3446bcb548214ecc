package io.shiftlab.probe;

/**
 * The accuracy of all placements at one distance to the border, as {@link BorderDistanceProbe}
 * reports it.
 *
 * @param distance the distance in pixels between the image frame and the nearest canvas edge;
 *     negative when the frame reaches that far beyond the edge (content cut off)
 * @param positions the number of placements at this distance
 * @param images the number of (image, placement) pairs
 * @param correct how many of them were classified correctly
 * @param accuracy {@code correct / images}; NaN when there are none
 */
public record DistanceBin(
    int distance, int positions, long images, long correct, double accuracy) {}
