package io.shiftlab.experiment;

/**
 * One trained model of an experiment.
 *
 * @param label the name shown in tables and legends, e.g. {@code CNN2+aug}
 * @param model the catalog name
 * @param augment the training augmentation ({@code none}, {@code keras} or a shift spec)
 */
public record Arm(String label, String model, String augment) {}
