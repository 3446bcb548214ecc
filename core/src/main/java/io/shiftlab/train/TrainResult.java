package io.shiftlab.train;

import io.shiftlab.UserInputException;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.nn.zoo.ModelEntry;
import io.shiftlab.nn.zoo.Network;
import java.nio.file.Path;

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
 * @param failure null for a finished run; for a run that stopped on a non-finite loss or gradient,
 *     the one-line reason (epoch and batch), and the run's parameters are not to be used
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
    double trainSeconds,
    String failure) {

  /** Whether the run stopped on a non-finite value (see {@link #failure()}). */
  public boolean failed() {
    return failure != null;
  }

  /** The input shape as a value. */
  public InputShape inputShape() {
    return InputShape.parse("metrics.json input", input);
  }

  /**
   * Checks a record read from {@code metrics.json}: a known model, a well-formed input shape of at
   * most {@link Integer#MAX_VALUE} values, at least one class.
   *
   * @param file the file it was read from, named in the error
   * @return this record
   * @throws UserInputException naming the file if a field is missing or impossible
   */
  public TrainResult validate(Path file) {
    String subject = file.toString();
    if (model == null || model.isBlank()) {
      throw new UserInputException(subject, "no model");
    }
    ModelCatalog.get(subject, model);
    if (input == null) {
      throw new UserInputException(subject, "no input shape");
    }
    InputShape shape;
    try {
      shape = InputShape.parse(subject, input);
    } catch (UserInputException e) {
      throw new UserInputException(subject, "input " + e.reason(), e);
    }
    if ((long) shape.channels() * shape.height() * shape.width() > Integer.MAX_VALUE) {
      throw new UserInputException(
          subject, "input " + input + " is too large (more than 2^31 - 1 values per image)");
    }
    if (numClasses < 1) {
      throw new UserInputException(subject, "numClasses must be at least 1, got " + numClasses);
    }
    return this;
  }

  /**
   * Rebuilds the trained network of a finished run.
   *
   * @param run the run directory
   * @return the network with the run's final parameters
   * @throws UserInputException if {@code metrics.json} names another model than {@code
   *     config.json}, or its model cannot be built with the shape, classes and parameter count it
   *     records
   */
  public static Network load(RunDirectory run) {
    TrainResult r = run.result();
    String metrics = run.metricsFile().toString();
    if (r.failed()) {
      throw new UserInputException(
          metrics, "the run failed (" + r.failure() + "); it has no model");
    }
    String configured = run.config().model().name();
    if (!configured.equals(r.model())) {
      throw new UserInputException(
          metrics,
          "names model "
              + r.model()
              + " but "
              + run.configFile()
              + " names "
              + configured
              + "; the two files are not of the same run");
    }
    ModelEntry entry = ModelCatalog.get(metrics, r.model());
    Network net;
    try {
      net = Network.create(entry, r.inputShape(), r.numClasses(), 0L);
    } catch (UserInputException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new UserInputException(
          metrics,
          "model "
              + r.model()
              + " cannot be built for input "
              + r.input()
              + " and "
              + r.numClasses()
              + " classes ("
              + String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip()
              + ")",
          e);
    }
    try {
      long count = net.parameterCount();
      if (count != r.parameters()) {
        throw new UserInputException(
            metrics,
            "says "
                + r.parameters()
                + " parameters, but model "
                + r.model()
                + " for input "
                + r.input()
                + " and "
                + r.numClasses()
                + " classes has "
                + count);
      }
      ParameterFile.load(run.paramsFile(), r.model(), net.block(), net.manager());
    } catch (RuntimeException e) {
      net.close();
      throw e;
    }
    return net;
  }
}
