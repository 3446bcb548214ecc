package io.shiftlab.experiment;

import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.GridTask;
import io.shiftlab.data.synthetic.LocationGrid;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.random.Streams;
import io.shiftlab.train.AugmentSpec;
import io.shiftlab.train.BatchOrder;
import io.shiftlab.train.OptimizerKind;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.TrainResult;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Path;
import java.util.Map;

/**
 * Trains one model of {@link io.shiftlab.nn.zoo.LocationGridModels} on location-grid data
 * (PROTOCOLS card 7), shared by the location-grid and position-channels experiments.
 *
 * <p>Every epoch places the same training tiles in fresh cells drawn from the stream {@code
 * train.cells/EPOCH}; the validation tiles are placed once from {@code val.cells}; the held-out
 * test set is every cell of the grid ({@code LocationGrid.everyCell}). All arms of one seed
 * therefore see the same cells in the same epochs. Adam with the card's betas (0.5, 0.999) and
 * PyTorch's epsilon 1e-8, no early stopping, no augmentation (the card's CIFAR h-flip is left out:
 * a flip moves the tile to the mirrored column, which would change the location label).
 *
 * @param grid the grid
 * @param epochs epochs
 * @param batchSize mini-batch size
 * @param learningRate Adam's step size
 */
public record GridTraining(LocationGrid grid, int epochs, int batchSize, float learningRate) {
  /** The stream of the training cells, one sub-stream per epoch. */
  public static final String TRAIN_CELLS = Streams.TRAIN + ".cells";

  /** The stream of the validation cells. */
  public static final String VAL_CELLS = Streams.VAL + ".cells";

  /** The stream of the random test cells (position-channels). */
  public static final String TEST_CELLS = Streams.test("cells");

  /** Validates the values. */
  public GridTraining {
    if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
      throw new IllegalArgumentException("epochs, batch size and learning rate must be positive");
    }
  }

  /** The card's optimiser: Adam 1e-3 with betas (0.5, 0.999). */
  public OptimizerSettings optimizer() {
    return new OptimizerSettings(OptimizerKind.ADAM, learningRate, 0.5f, 0.999f, 1e-8f, 0f, 0f);
  }

  /**
   * Trains a model and leaves its run directory behind.
   *
   * @param model the model
   * @param task the label
   * @param train the training tiles
   * @param val the validation tiles
   * @param seed the master seed (cells, order, initialisation)
   * @param runDir the new run directory
   * @param listener progress
   * @return the training result
   */
  public TrainResult train(
      ModelRef model,
      GridTask task,
      ImageSet train,
      ImageSet val,
      long seed,
      Path runDir,
      TrainingListener listener) {
    return train(new ArmTrainer(runDir, Map.of()), "", model, task, train, val, seed, listener)
        .result();
  }

  /**
   * Trains a model with an experiment's trainer, in the run directory {@code dirName} below its
   * output directory.
   *
   * @param trainer the experiment's trainer
   * @param dirName the new run directory, relative to the trainer's output directory
   * @param model the model
   * @param task the label
   * @param train the training tiles
   * @param val the validation tiles
   * @param seed the master seed (cells, order, initialisation)
   * @param listener progress
   * @return the finished run
   */
  ArmTrainer.Trained train(
      ArmTrainer trainer,
      String dirName,
      ModelRef model,
      GridTask task,
      ImageSet train,
      ImageSet val,
      long seed,
      TrainingListener listener) {
    Streams streams = new Streams(seed);
    String data = "digits-grid" + grid.cells() + "-" + task.id();
    TrainConfig config =
        new TrainConfig(
            model,
            data,
            epochs,
            batchSize,
            optimizer(),
            AugmentSpec.NONE,
            0,
            seed,
            train.size(),
            BatchOrder.SHUFFLED);
    ImageSet valSet = grid.random(data + "/val", val, task, streams.stream(VAL_CELLS)).images();
    return trainer.train(
        dirName,
        config,
        epoch ->
            grid.random(data + "/train", train, task, streams.stream(TRAIN_CELLS, epoch)).images(),
        valSet,
        listener);
  }
}
