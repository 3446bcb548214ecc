package io.shiftlab.experiment;

import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.train.AugmentSpec;

/**
 * One trained model of an experiment, declared with its model and augmentation already resolved. In
 * JSON the model and augmentation are their texts.
 *
 * @param label the name shown in tables and legends, e.g. {@code CNN2+aug}
 * @param model the model
 * @param augment the training augmentation
 */
public record Arm(String label, ModelRef model, AugmentSpec augment) {

  /**
   * The stem of the arm's run directories: the model's name, with {@code -aug} for an augmented
   * arm, e.g. {@code cnn2-aug} (run {@code r} goes to {@code runs/<stem>-r<r>}).
   */
  public String runStem() {
    return model.name() + (augment.isNone() ? "" : "-aug");
  }
}
