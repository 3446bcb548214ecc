package io.shiftlab.experiment;

/**
 * A published figure, always shown labelled as such beside our measured one, never in place of it.
 *
 * @param value the number as published
 * @param source where it was published, e.g. {@code Soni 2019, MNIST}
 */
public record Published(double value, String source) {}
