package io.shiftlab.train;

/** Receives progress from a training run; the library itself never prints. */
public interface TrainingListener {
  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /**
   * An epoch starts.
   *
   * @param epoch the epoch number, from 1
   * @param epochs the maximum number of epochs
   * @param steps the number of training batches in the epoch
   */
  default void epochStarted(int epoch, int epochs, int steps) {}

  /**
   * A training batch finished.
   *
   * @param step the batch number within the epoch, from 1
   * @param runningLoss the mean loss so far in the epoch
   * @param runningAccuracy the accuracy so far in the epoch
   * @param imagesPerSecond the throughput so far in the epoch
   */
  default void batchFinished(
      int step, double runningLoss, double runningAccuracy, double imagesPerSecond) {}

  /**
   * An epoch finished, validation included.
   *
   * @param record what it did
   */
  default void epochFinished(EpochRecord record) {}

  /**
   * A message for the user (resuming, skipping a corrupt checkpoint, stopping early).
   *
   * @param message one line
   */
  default void info(String message) {}

  /**
   * Training stopped on an error (a non-finite loss or gradient); a console listener ends its
   * progress line so the error prints on a line of its own.
   */
  default void stopped() {}
}
