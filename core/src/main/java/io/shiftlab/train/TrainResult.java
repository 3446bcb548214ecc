package io.shiftlab.train;

import io.shiftlab.nn.Network;
import io.shiftlab.nn.zoo.InputShape;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.nn.zoo.ModelEntry;

/**
 * The outcome of a training run; {@code metrics.json}.
 *
 * @param model the model's catalog name
 * @param input the input shape, {@code CxHxW}
 * @param numClasses the number of classes
 * @param parameters its number of scalar parameters
 * @param epochsRun the epochs actually run
 * @param bestEpoch the epoch whose parameters were kept (the lowest validation loss with early
 *     stopping, else the last)
 * @param stoppedEarly whether early stopping ended the run before the maximum epochs
 * @param valLoss validation loss of the kept parameters
 * @param valAccuracy validation accuracy of the kept parameters
 * @param trainSeconds wall-clock seconds spent training, summed over sessions
 */
public record TrainResult(
    String model,
    String input,
    int numClasses,
    long parameters,
    int epochsRun,
    int bestEpoch,
    boolean stoppedEarly,
    double valLoss,
    double valAccuracy,
    double trainSeconds) {

  /** The input shape as a value. */
  public InputShape inputShape() {
    return InputShape.parse("metrics.json input", input);
  }

  /**
   * Rebuilds the trained network of a finished run.
   *
   * @param run the run directory
   * @return the network with the run's final parameters
   */
  public static Network load(RunDirectory run) {
    TrainResult r = run.result();
    ModelEntry entry = ModelCatalog.get(run.configFile().toString(), r.model());
    Network net = Network.create(entry, r.inputShape(), r.numClasses(), 0L);
    try {
      ParameterFile.load(run.paramsFile(), r.model(), net.block(), net.manager());
    } catch (RuntimeException e) {
      net.close();
      throw e;
    }
    return net;
  }
}
