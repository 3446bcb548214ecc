package io.shiftlab.nn.zoo;

import ai.djl.nn.Block;
import io.shiftlab.nn.InputShape;
import java.util.Objects;

/**
 * One model of the catalog: a name, what it is, where it comes from, and how to build it.
 *
 * @param name the catalog name, e.g. {@code cnn2}
 * @param description one line for {@code --help} and reports
 * @param source the paper or article the architecture follows
 * @param referenceParameters the parameter count for the reference input (1x28x28, 10 classes)
 * @param factory builds a fresh, uninitialised block
 */
public record ModelEntry(
    String name, String description, String source, long referenceParameters, Factory factory) {

  /** Builds an uninitialised block for an input shape and a number of classes. */
  @FunctionalInterface
  public interface Factory {
    /**
     * Builds the block.
     *
     * @param input the input shape
     * @param numClasses the number of output logits
     * @return a fresh block
     */
    Block build(InputShape input, int numClasses);
  }

  /** Validates the fields. */
  public ModelEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(factory, "factory");
    if (referenceParameters < 1) {
      throw new IllegalArgumentException("referenceParameters must be positive");
    }
  }

  /**
   * Builds a fresh, uninitialised block.
   *
   * @param input the input shape
   * @param numClasses the number of output logits
   * @return the block
   */
  public Block build(InputShape input, int numClasses) {
    return factory.build(input, numClasses);
  }
}
