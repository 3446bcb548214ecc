package io.shiftlab.train;

/**
 * What one epoch did; one row of {@code epochs.csv}.
 *
 * @param epoch the epoch number, from 1
 * @param trainLoss mean training cross-entropy over the epoch
 * @param trainAccuracy training accuracy over the epoch, in [0, 1], with augmentation and dropout
 *     on
 * @param valLoss validation cross-entropy
 * @param valAccuracy validation accuracy, in [0, 1]
 * @param seconds wall-clock seconds of the epoch (training and validation)
 * @param imagesPerSecond training images per second
 */
public record EpochRecord(
    int epoch,
    double trainLoss,
    double trainAccuracy,
    double valLoss,
    double valAccuracy,
    double seconds,
    double imagesPerSecond) {

  /** The CSV header matching {@link #csvRow()}. */
  public static final String CSV_HEADER =
      "epoch,train_loss,train_accuracy,val_loss,val_accuracy,seconds,images_per_second";

  /** The record as one CSV row, numbers at full precision. */
  public String csvRow() {
    return epoch
        + ","
        + trainLoss
        + ","
        + trainAccuracy
        + ","
        + valLoss
        + ","
        + valAccuracy
        + ","
        + seconds
        + ","
        + imagesPerSecond;
  }
}
