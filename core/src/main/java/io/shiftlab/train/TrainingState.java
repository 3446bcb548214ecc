package io.shiftlab.train;

import java.util.List;

/**
 * The bookkeeping of a run after a finished epoch, stored in every checkpoint so that a resumed run
 * continues exactly as an uninterrupted one would.
 *
 * @param epochsCompleted the number of finished epochs
 * @param optimizerSteps the optimiser steps taken
 * @param bestEpoch the epoch with the lowest validation loss so far (1-based), 0 if none
 * @param bestValLoss that loss
 * @param bestValAccuracy the validation accuracy at that epoch
 * @param badEpochs epochs since the best one (for early stopping)
 * @param stoppedEarly whether early stopping has triggered
 * @param trainSeconds wall-clock seconds spent so far
 * @param history every finished epoch
 */
public record TrainingState(
    int epochsCompleted,
    long optimizerSteps,
    int bestEpoch,
    double bestValLoss,
    double bestValAccuracy,
    int badEpochs,
    boolean stoppedEarly,
    double trainSeconds,
    List<EpochRecord> history) {

  /** Copies the history. */
  public TrainingState {
    history = List.copyOf(history);
  }

  /**
   * The same state with another training time (a run that stopped between checkpoints).
   *
   * @param seconds wall-clock seconds spent training
   * @return the copy
   */
  public TrainingState withTrainSeconds(double seconds) {
    return new TrainingState(
        epochsCompleted,
        optimizerSteps,
        bestEpoch,
        bestValLoss,
        bestValAccuracy,
        badEpochs,
        stoppedEarly,
        seconds,
        history);
  }

  /** The state before the first epoch. */
  public static TrainingState initial() {
    return new TrainingState(0, 0, 0, Double.MAX_VALUE, 0, 0, false, 0, List.of());
  }
}
