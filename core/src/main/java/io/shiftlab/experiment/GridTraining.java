package io.shiftlab.experiment;

import io.shiftlab.Setting;
import io.shiftlab.UserInputException;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.GridTask;
import io.shiftlab.data.synthetic.LocationGrid;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.random.Streams;
import io.shiftlab.train.AugmentSpec;
import io.shiftlab.train.BatchNormRecalibration;
import io.shiftlab.train.BatchOrder;
import io.shiftlab.train.OptimizerKind;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.TrainResult;
import io.shiftlab.train.Training;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains one model of {@link io.shiftlab.nn.zoo.GapNets} on location-grid data (PROTOCOLS card 7),
 * shared by the location-grid and position-channels experiments.
 *
 * <p>Every epoch places the same training tiles in fresh cells drawn from the stream {@code
 * train.cells/EPOCH}; the validation tiles are placed once from {@code val.cells}; the held-out
 * test set is every cell of the grid ({@code LocationGrid.everyCell}). All arms of one seed
 * therefore see the same cells in the same epochs. Adam with the card's betas (0.5, 0.999) and
 * PyTorch's epsilon 1e-8, no early stopping, no augmentation (the card's CIFAR h-flip is left out:
 * a flip moves the tile to the mirrored column, which would change the location label).
 *
 * <p>After the last epoch, batch norm's running statistics are recomputed for the final parameters
 * over up to {@value #RECALIBRATION_BATCHES} batches of training tiles in fresh cells (stream
 * {@code train.bn/PASS}) and saved with them. The statistics kept during training lagged the
 * parameters: zero-padded GAPNets at 99.6% training accuracy tested at 54.6% and 11.4% in eval mode
 * (and the same on their own training tiles), and at 99.6% and 99.4% once recalibrated (README,
 * location-grid).
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

  /** The stream of the cells of the batch-norm recalibration passes, one sub-stream per pass. */
  public static final String BN_CELLS = Streams.TRAIN + ".bn";

  /**
   * Batches of training tiles, in fresh cells, that recompute batch norm's running statistics for
   * the final parameters ({@link BatchNormRecalibration}); never more than training ran, so a smoke
   * run stays seconds long (the quick budget runs 63, the default 100).
   */
  public static final int RECALIBRATION_BATCHES = Training.RECALIBRATION_BATCHES;

  /** The stream of the random test cells (position-channels). */
  public static final String TEST_CELLS = Streams.test("cells");

  /** Validates the values. */
  public GridTraining {
    if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
      throw new IllegalArgumentException("epochs, batch size and learning rate must be positive");
    }
  }

  /**
   * The tiles of a grid experiment, each split drawn from its own stream of the master seed ({@code
   * train.tiles}, {@code val.tiles}, {@code test.tiles}), so that every arm sees the same tiles.
   *
   * @param train the training tiles
   * @param val the validation tiles
   * @param test the held-out tiles
   */
  record Tiles(ImageSet train, ImageSet val, ImageSet test) {
    /**
     * Draws the tiles of the three splits.
     *
     * @param streams the master seed's streams
     * @param train the training split
     * @param nTrain training tiles to draw
     * @param val the validation split
     * @param nVal validation tiles to draw
     * @param test the test split
     * @param nTest test tiles to draw
     * @return the tiles
     */
    static Tiles draw(
        Streams streams,
        ImageSet train,
        int nTrain,
        ImageSet val,
        int nVal,
        ImageSet test,
        int nTest) {
      ImageSet trainTiles = drawTiles(train, nTrain, streams.stream(Streams.TRAIN + ".tiles"));
      ImageSet valTiles = drawTiles(val, nVal, streams.stream(Streams.VAL + ".tiles"));
      ImageSet testTiles = drawTiles(test, nTest, streams.stream(Streams.test("tiles")));
      return new Tiles(trainTiles, valTiles, testTiles);
    }

    /**
     * Draws {@code n} tiles of a split without replacement, kept in split order (the splits are
     * sorted by digit, so a prefix would miss classes).
     *
     * @param set the split
     * @param n how many (all if {@code n >= set.size()})
     * @param rng the split's tile stream
     * @return the tiles
     */
    static ImageSet drawTiles(ImageSet set, int n, SplittableRandom rng) {
      if (set.height() != LocationGridExperiment.TILE
          || set.width() != LocationGridExperiment.TILE) {
        throw new UserInputException(
            Setting.DATASET.id(), "tiles must be 28x28, got " + set.height() + "x" + set.width());
      }
      if (n >= set.size()) {
        return set;
      }
      int[] pick = Arrays.copyOf(Batches.permutation(set.size(), rng), n);
      Arrays.sort(pick);
      return set.subset(set.name(), pick);
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
   * The name of a run of a model on this grid, {@code g<G>-<model>-<task>-r<run>}; experiments put
   * its run directory at {@code runs/<name>}.
   *
   * @param model the model
   * @param task the label
   * @param run the run index
   * @return the name
   */
  String runName(ModelRef model, GridTask task, int run) {
    return "g" + grid.cells() + "-" + model.name() + "-" + task.id() + "-r" + run;
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
    // batch norm is recalibrated on the training tiles in fresh cells, in their drawn order
    ArmTrainer.Trained trained =
        trainer.train(
            dirName,
            config,
            epoch ->
                grid.random(data + "/train", train, task, streams.stream(TRAIN_CELLS, epoch))
                    .images(),
            valSet,
            listener,
            pass ->
                grid.random(data + "/bn", train, task, streams.stream(BN_CELLS, pass)).images());
    return trained;
  }
}
