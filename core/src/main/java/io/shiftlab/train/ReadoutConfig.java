package io.shiftlab.train;

/**
 * How a position read-out is trained (PROTOCOLS card 6): MSE to a fixed target map, mini-batches in
 * a seeded order, a fixed number of epochs.
 *
 * @param epochs passes over the training features, at least 1
 * @param batchSize images per step, at least 1
 * @param optimizer the optimiser (the card: SGD 0.1, momentum 0.9, weight decay 1e-4)
 * @param seed the seed of the read-out's {@code init} and {@code order} streams
 */
public record ReadoutConfig(int epochs, int batchSize, OptimizerSettings optimizer, long seed) {
  /** Validates the values. */
  public ReadoutConfig {
    if (epochs < 1 || batchSize < 1) {
      throw new IllegalArgumentException("read-out epochs and batch size must be >= 1");
    }
    if (optimizer == null) {
      throw new IllegalArgumentException("read-out optimizer is required");
    }
  }

  /**
   * The card's optimiser: SGD, learning rate 0.1, momentum 0.9, weight decay 1e-4.
   *
   * @return the settings
   */
  public static OptimizerSettings cardSgd() {
    return new OptimizerSettings(OptimizerKind.SGD, 0.1f, 0.9f, 0.999f, 1e-7f, 0.9f, 1e-4f);
  }
}
