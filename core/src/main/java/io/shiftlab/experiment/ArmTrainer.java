package io.shiftlab.experiment;

import ai.djl.ndarray.NDManager;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.train.Augmentation;
import io.shiftlab.train.EpochData;
import io.shiftlab.train.RunDirectory;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.TrainResult;
import io.shiftlab.train.Training;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Trains one run of an experiment's arm into its own run directory and opens the trained network
 * for evaluation: the step every experiment repeats per arm and run (the grid experiments through
 * {@link GridTraining}, which adds the per-epoch cells). The caller keeps what is its own: the
 * {@link TrainConfig} (model and augmentation, already resolved; optimiser, budget, seed), the data
 * and what it measures.
 *
 * <p>A network with batch norm gets its running statistics recomputed for the final parameters by
 * {@link Training} before they are saved; grid experiments hand it their own recalibration images.
 *
 * <pre>{@code
 * ArmTrainer trainer = new ArmTrainer(outDir, Map.of());
 * ArmTrainer.Trained t = trainer.train("runs/a-r0", config, train, val, listener);
 * try (ArmTrainer.Evaluation e = t.open()) {
 *   int[] predicted = Predictor.predict(e.net(), test, e.manager());
 * }
 * }</pre>
 *
 * @param outDir the experiment's output directory; run directories are created below it
 * @param dataSha256 the data files' digests written to every run's manifest (empty for data
 *     generated from a seed)
 */
record ArmTrainer(Path outDir, Map<String, String> dataSha256) {
  /**
   * Creates the run directory {@code outDir/dirName} and trains the configuration in it, with the
   * augmentation that {@code config.augment()} names, for images of the data's shape.
   *
   * @param dirName the run directory, relative to {@link #outDir}
   * @param config what to train, with its seed and augmentation
   * @param train the training images
   * @param val the validation images
   * @param listener progress
   * @return the run directory and its training result
   */
  Trained train(
      String dirName, TrainConfig config, ImageSet train, ImageSet val, TrainingListener listener) {
    return train(dirName, config, EpochData.fixed(train), val, listener);
  }

  /**
   * Like {@link #train(String, TrainConfig, ImageSet, ImageSet, TrainingListener)}, for training
   * images drawn afresh each epoch.
   *
   * @param dirName the run directory, relative to {@link #outDir}
   * @param config what to train, with its seed and augmentation
   * @param epochs the training images of each epoch; epoch 1's set fixes the shape
   * @param val the validation images
   * @param listener progress
   * @return the run directory and its training result
   */
  Trained train(
      String dirName,
      TrainConfig config,
      EpochData epochs,
      ImageSet val,
      TrainingListener listener) {
    return train(dirName, config, epochs, val, listener, null);
  }

  /**
   * Like {@link #train(String, TrainConfig, EpochData, ImageSet, TrainingListener)}, with the
   * images of batch-norm recalibration given by the caller, run in their stored order without
   * augmentation.
   *
   * @param dirName the run directory, relative to {@link #outDir}
   * @param config what to train, with its seed and augmentation
   * @param epochs the training images of each epoch; epoch 1's set fixes the shape
   * @param val the validation images
   * @param listener progress
   * @param recalibrationPasses the images of recalibration pass p (0, 1, ...); null for the
   *     training images of each epoch, shuffled and augmented as in training
   * @return the run directory and its training result
   */
  Trained train(
      String dirName,
      TrainConfig config,
      EpochData epochs,
      ImageSet val,
      TrainingListener listener,
      IntFunction<ImageSet> recalibrationPasses) {
    // Training insists that the training and validation images have one shape
    InputShape input = new InputShape(val.channels(), val.height(), val.width());
    RunDirectory run = RunDirectory.create(outDir.resolve(dirName));
    Augmentation augmentation = config.augment().augmentation(input);
    TrainResult result =
        new Training(config, epochs, val, augmentation, listener, recalibrationPasses)
            .start(run, dataSha256);
    return new Trained(run, result);
  }

  /**
   * A finished run.
   *
   * @param run its run directory
   * @param result its training result
   */
  record Trained(RunDirectory run, TrainResult result) {
    /**
     * Loads the trained network with a manager for evaluation; close both with the returned value.
     *
     * @return the network and a sub-manager of its manager
     */
    Evaluation open() {
      Network net = TrainResult.load(run);
      try {
        return new Evaluation(net, net.manager().newSubManager());
      } catch (RuntimeException e) {
        net.close();
        throw e;
      }
    }
  }

  /**
   * A trained network opened for evaluation.
   *
   * @param net the network with the run's final parameters
   * @param manager where evaluation arrays go, a sub-manager of the network's
   */
  record Evaluation(Network net, NDManager manager) implements AutoCloseable {
    /** Closes the manager, then the network. */
    @Override
    public void close() {
      try {
        manager.close();
      } finally {
        net.close();
      }
    }
  }
}
