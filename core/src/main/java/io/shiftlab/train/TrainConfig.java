package io.shiftlab.train;

import io.shiftlab.Setting;
import io.shiftlab.UserInputException;
import io.shiftlab.nn.zoo.ModelRef;

/**
 * Everything that decides what a training run computes. Written to {@code config.json} in the run
 * directory, read back by {@code train --resume} and {@code eval}.
 *
 * @param model the model, resolved against the catalog (its name in JSON)
 * @param dataset the data set: {@code digits}, {@code fashion-mnist} or {@code idx:DIR}
 * @param epochs the maximum number of epochs, at least 1
 * @param batchSize the mini-batch size, at least 1
 * @param optimizer the optimiser and its hyper-parameters
 * @param augment the training-time shift augmentation, {@code none}, {@code keras} or a shift spec
 *     such as {@code zero:4x3:int} (its text in JSON; null means none)
 * @param patience early stopping: stop after this many epochs without a lower validation loss and
 *     keep the best parameters; 0 turns early stopping off (the last epoch's parameters are kept)
 * @param seed the master seed of every random stream
 * @param maxTrain use at most this many training images (drawn from the {@code train} stream); 0
 *     for all
 * @param order the order of the training images within an epoch ({@link BatchOrder#SHUFFLED} is the
 *     default); {@code null} (as read from a {@code config.json} written before this field existed)
 *     means {@link BatchOrder#SHUFFLED}
 */
public record TrainConfig(
    ModelRef model,
    String dataset,
    int epochs,
    int batchSize,
    OptimizerSettings optimizer,
    AugmentSpec augment,
    int patience,
    long seed,
    int maxTrain,
    BatchOrder order) {

  /**
   * The plain configuration: no augmentation, no early stopping, every training image, shuffled
   * batches.
   *
   * @param model the model
   * @param dataset the data set
   * @param epochs the number of epochs
   * @param batchSize the mini-batch size
   * @param optimizer the optimiser
   * @param seed the master seed
   * @return the configuration
   */
  public static TrainConfig of(
      ModelRef model,
      String dataset,
      int epochs,
      int batchSize,
      OptimizerSettings optimizer,
      long seed) {
    return new TrainConfig(
        model,
        dataset,
        epochs,
        batchSize,
        optimizer,
        AugmentSpec.NONE,
        0,
        seed,
        0,
        BatchOrder.SHUFFLED);
  }

  /** Validates the values; a bad value is reported against the option that sets it. */
  public TrainConfig {
    if (model == null) {
      throw new UserInputException(Setting.MODEL.id(), "is required");
    }
    if (dataset == null || dataset.isBlank()) {
      throw new UserInputException(Setting.DATASET.id(), "is required");
    }
    if (epochs < 1 || epochs > 100_000) {
      throw new UserInputException(
          Setting.EPOCHS.id(), "must be between 1 and 100000, got " + epochs);
    }
    if (batchSize < 1 || batchSize > 1_000_000) {
      throw new UserInputException(Setting.BATCH_SIZE.id(), "must be positive, got " + batchSize);
    }
    if (optimizer == null) {
      throw new UserInputException(Setting.OPTIMIZER.id(), "is required");
    }
    if (augment == null) {
      augment = AugmentSpec.NONE;
    }
    if (patience < 0) {
      throw new UserInputException(Setting.PATIENCE.id(), "must be >= 0, got " + patience);
    }
    if (maxTrain < 0) {
      throw new UserInputException(Setting.MAX_TRAIN.id(), "must be >= 0, got " + maxTrain);
    }
    if (order == null) {
      order = BatchOrder.SHUFFLED;
    }
  }
}
