package io.shiftlab.nn.zoo;

import ai.djl.nn.Block;
import io.shiftlab.nn.InputShape;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One model of the catalog: a name, what it is, where it comes from, and how to build it.
 *
 * <p>Building an entry must not touch the engine: the catalog and the experiments' arms are built
 * before {@link io.shiftlab.runtime.TorchRuntime#configure} runs, and PyTorch keeps the thread
 * settings it starts with. So a count that needs a built block (the parameterised backbones) is
 * computed on first use ({@link #referenceParameters()}).
 *
 * @param name the catalog name, e.g. {@code cnn2}
 * @param description one line for {@code --help} and reports
 * @param source the paper or article the architecture follows
 * @param referenceCount the parameter count for the reference input (1x28x28, 10 classes), computed
 *     when first asked for
 * @param factory builds a fresh, uninitialised block
 */
public record ModelEntry(
    String name, String description, String source, LongSupplier referenceCount, Factory factory) {

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

  /**
   * An entry whose parameter count is known without building it.
   *
   * @param name the catalog name
   * @param description one line for {@code --help} and reports
   * @param source the paper or article the architecture follows
   * @param referenceParameters the parameter count for the reference input, positive
   * @param factory builds a fresh, uninitialised block
   */
  public ModelEntry(
      String name, String description, String source, long referenceParameters, Factory factory) {
    this(name, description, source, positive(referenceParameters), factory);
  }

  /** Validates the fields. */
  public ModelEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(referenceCount, "referenceCount");
    referenceCount = memoized(referenceCount);
  }

  /** The parameter count for the reference input (1x28x28, 10 classes), always positive. */
  public long referenceParameters() {
    long n = referenceCount.getAsLong();
    if (n < 1) {
      throw new IllegalStateException(
          name + ": reference parameter count " + n + " is not positive");
    }
    return n;
  }

  private static LongSupplier positive(long n) {
    if (n < 1) {
      throw new IllegalArgumentException("referenceParameters must be positive");
    }
    return () -> n;
  }

  /** The supplier's value, computed once, on first use, by the first thread that asks. */
  private static LongSupplier memoized(LongSupplier s) {
    long[] value = {0};
    return () -> {
      synchronized (value) {
        if (value[0] == 0) {
          value[0] = s.getAsLong();
        }
        return value[0];
      }
    };
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
