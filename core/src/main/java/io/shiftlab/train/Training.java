package io.shiftlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import io.shiftlab.NonFiniteException;
import io.shiftlab.Setting;
import io.shiftlab.UserInputException;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.random.Streams;
import io.shiftlab.runtime.TorchRuntime;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The training loop: mini-batch cross-entropy with Adam or SGD, optional shift augmentation, early
 * stopping on the validation split, atomic checkpoints after every epoch, and resume.
 *
 * <p>Reproducibility: every source of randomness is a named stream of the run's seed ({@link
 * Streams}). Initialisation seeds libtorch from {@code init}; epoch {@code e} visits the training
 * images in an order drawn from {@code order/e} (or in stored order with {@link BatchOrder#FIXED}),
 * augments them from {@code aug/e}, and reseeds libtorch's generator (dropout) from {@code
 * dropout/e}. Nothing in an epoch depends on the epochs before it except through the parameters and
 * the optimiser state, both of which are checkpointed, so a run resumed after {@code kill -9} ends
 * with the same parameters, bit for bit, as one that was never interrupted (same thread count).
 *
 * <p>Batch norm: a network with batch norm gets its running statistics recomputed for the kept
 * parameters ({@link BatchNormRecalibration}) before they are saved. The exponential averages kept
 * during training describe the parameters of a few steps earlier (or of later epochs, when early
 * stopping went back to an earlier one), and with a high learning rate and small batches that costs
 * eval-mode accuracy (shift-robust's vgg-small lost 2 to 7 points on Fashion-MNIST). The passes see
 * the training images the way training did: shuffled from the stream {@code train.bn/PASS},
 * augmented from the same stream, at most {@value #RECALIBRATION_BATCHES} batches of the training
 * batch size and never more than the configured epochs hold (a run that stopped early may get more
 * than it trained on); or the caller's own images. The recorded validation figures stay the ones
 * training measured (they chose the kept epoch); the listener is told the saved model's, and a
 * non-finite validation loss after the recalibration fails the run.
 *
 * <p>Memory: each batch lives in its own sub-manager, closed after the optimiser step; the gradient
 * wrappers are closed by {@link StatefulOptimizer}; so the native footprint stays flat over epochs.
 */
public final class Training {
  /** Batch size used for validation forward passes. */
  public static final int EVAL_BATCH = 1000;

  /** The most batches of a batch-norm recalibration (0.9^100, about 3e-5, of the old averages). */
  public static final int RECALIBRATION_BATCHES = 100;

  /** The stream of recalibration pass p's order and augmentation: {@code train.bn/p}. */
  public static final String RECALIBRATION_STREAM = Streams.TRAIN + ".bn";

  private final TrainConfig config;
  private final ImageSet train;
  private final EpochData epochs;
  private final ImageSet val;
  private final Augmentation augmentation;
  private final TrainingListener listener;
  private final Streams streams;
  private final IntFunction<ImageSet> recalibrationPasses;

  /**
   * Prepares a run.
   *
   * @param config the configuration
   * @param train the training images (already capped to {@code maxTrain})
   * @param val the validation images
   * @param augmentation the training-time augmentation (see {@code config.augment()})
   * @param listener progress receiver
   */
  public Training(
      TrainConfig config,
      ImageSet train,
      ImageSet val,
      Augmentation augmentation,
      TrainingListener listener) {
    this(config, EpochData.fixed(train), val, augmentation, listener);
  }

  /**
   * Prepares a run whose training images are drawn afresh each epoch.
   *
   * @param config the configuration
   * @param epochs the training images of each epoch; epoch 1's set fixes the shape
   * @param val the validation images
   * @param augmentation the training-time augmentation (see {@code config.augment()})
   * @param listener progress receiver
   */
  public Training(
      TrainConfig config,
      EpochData epochs,
      ImageSet val,
      Augmentation augmentation,
      TrainingListener listener) {
    this(config, epochs, val, augmentation, listener, null);
  }

  /**
   * Prepares a run whose batch-norm recalibration runs over the caller's images instead of the
   * training images (e.g. tiles in fresh cells, which the epochs draw themselves).
   *
   * @param config the configuration
   * @param epochs the training images of each epoch; epoch 1's set fixes the shape
   * @param val the validation images
   * @param augmentation the training-time augmentation (see {@code config.augment()})
   * @param listener progress receiver
   * @param recalibrationPasses the images of recalibration pass p (0, 1, ...), run in their stored
   *     order without augmentation; null for the training images of each epoch, shuffled and
   *     augmented as in training
   */
  public Training(
      TrainConfig config,
      EpochData epochs,
      ImageSet val,
      Augmentation augmentation,
      TrainingListener listener,
      IntFunction<ImageSet> recalibrationPasses) {
    ImageSet train = epochs.forEpoch(1);
    if (train.size() == 0) {
      throw new UserInputException(Setting.DATASET.id(), "the training split is empty");
    }
    if (val.size() == 0) {
      throw new UserInputException(Setting.DATASET.id(), "the validation split is empty");
    }
    if (train.numClasses() != val.numClasses()
        || train.channels() != val.channels()
        || train.height() != val.height()
        || train.width() != val.width()) {
      throw new UserInputException(
          Setting.DATASET.id(), "training and validation images differ in shape");
    }
    this.config = config;
    this.train = train;
    this.epochs = epochs;
    this.val = val;
    this.augmentation = augmentation;
    this.listener = listener;
    this.streams = new Streams(config.seed());
    this.recalibrationPasses = recalibrationPasses;
  }

  /**
   * Starts a new run in an empty directory.
   *
   * @param run the run directory, just created
   * @param dataSha256 checksums of the data files, for the manifest
   * @return the result
   */
  public TrainResult start(RunDirectory run, Map<String, String> dataSha256) {
    run.writeConfig(config);
    run.writeManifest(Manifest.capture(config.seed(), dataSha256));
    return execute(run, false);
  }

  /**
   * Continues a run from its newest intact checkpoint (or from scratch if it has none).
   *
   * @param run the run directory
   * @return the result
   */
  public TrainResult resume(RunDirectory run) {
    run.requireCheckpointsDir();
    return execute(run, true);
  }

  private InputShape inputShape() {
    return new InputShape(train.channels(), train.height(), train.width());
  }

  private TrainResult execute(RunDirectory run, boolean resume) {
    var entry = config.model().entry();
    try (Network net =
            Network.create(entry, inputShape(), train.numClasses(), streams.seedOf(Streams.INIT));
        StatefulOptimizer optimizer = new StatefulOptimizer(config.optimizer(), net.manager())) {
      TrainingState state = TrainingState.initial();
      byte[] best = ParameterFile.toBytes(config.model().name(), net.block());
      if (resume) {
        Optional<Checkpoints.Found> found = Checkpoints.newest(run, listener::info);
        if (found.isPresent()) {
          best =
              Checkpoints.restore(
                  found.get(), config.model().name(), net.block(), optimizer, net.manager());
          state = found.get().state();
          listener.info("resuming after epoch " + state.epochsCompleted());
        } else {
          listener.info("no intact checkpoint; starting from epoch 1");
        }
      }
      long started = System.nanoTime();
      double secondsBefore = state.trainSeconds();
      while (state.epochsCompleted() < config.epochs() && !state.stoppedEarly()) {
        int epoch = state.epochsCompleted() + 1;
        EpochRecord rec;
        try {
          rec = runEpoch(net, optimizer, epoch);
        } catch (NonFiniteException e) {
          listener.stopped();
          TrainingState failed =
              state.withTrainSeconds(secondsBefore + (System.nanoTime() - started) / 1e9);
          run.writeResult(result(net, failed, e.getMessage()));
          throw new NonFiniteException(
              e.getMessage() + "; the run is marked failed in " + run.metricsFile());
        }
        List<EpochRecord> history = new ArrayList<>(state.history());
        history.add(rec);
        boolean improved = rec.valLoss() < state.bestValLoss();
        int bestEpoch = improved ? epoch : state.bestEpoch();
        double bestLoss = improved ? rec.valLoss() : state.bestValLoss();
        double bestAcc = improved ? rec.valAccuracy() : state.bestValAccuracy();
        int bad = improved ? 0 : state.badEpochs() + 1;
        boolean stop = config.patience() > 0 && bad >= config.patience();
        if (improved || config.patience() == 0) {
          best = ParameterFile.toBytes(config.model().name(), net.block());
        }
        state =
            new TrainingState(
                epoch,
                optimizer.step(),
                config.patience() == 0 ? epoch : bestEpoch,
                config.patience() == 0 ? rec.valLoss() : bestLoss,
                config.patience() == 0 ? rec.valAccuracy() : bestAcc,
                bad,
                stop,
                secondsBefore + (System.nanoTime() - started) / 1e9,
                history);
        Checkpoints.save(run, config.model().name(), net.block(), optimizer, best, state);
        run.writeEpochs(history);
        listener.epochFinished(rec);
        if (stop) {
          listener.info(
              "early stopping after epoch "
                  + epoch
                  + ": no lower validation loss for "
                  + config.patience()
                  + " epochs; keeping epoch "
                  + state.bestEpoch());
        }
      }
      ParameterFile.read(
          new ByteArrayInputStream(best),
          "best parameters",
          config.model().name(),
          net.block(),
          net.manager());
      if (BatchNormRecalibration.appliesTo(net.block())) {
        String failure = recalibrate(net);
        if (failure != null) {
          listener.stopped();
          run.writeResult(result(net, state, failure));
          throw new NonFiniteException(
              failure + "; the run is marked failed in " + run.metricsFile());
        }
      }
      ParameterFile.save(run.paramsFile(), config.model().name(), net.block());
      TrainResult result = result(net, state, null);
      run.writeResult(result);
      return result;
    }
  }

  /**
   * Recomputes batch norm's running statistics for the kept parameters and tells the listener the
   * validation figures of the model that will be saved.
   *
   * @return null, or why the recalibrated model must not be saved (a non-finite validation loss)
   */
  private String recalibrate(Network net) {
    int bs = config.batchSize();
    int trainingBatches = config.epochs() * ((train.size() + bs - 1) / bs);
    BatchNormRecalibration recalibration =
        new BatchNormRecalibration(Math.min(RECALIBRATION_BATCHES, trainingBatches), bs);
    int batches =
        recalibrationPasses != null
            ? recalibration.apply(net, recalibrationPasses)
            : recalibration.apply(
                net,
                pass -> epochs.forEpoch(pass + 1),
                augmentation,
                pass -> streams.stream(RECALIBRATION_STREAM, pass));
    double[] v = evaluate(net, val);
    if (!Double.isFinite(v[0])) {
      return "the validation loss is "
          + v[0]
          + " after batch norm's statistics were recomputed over "
          + batches
          + " batches; the model is not saved";
    }
    listener.info(
        String.format(
            Locale.ROOT,
            "batch norm recalibrated over %d batches: saved model's val accuracy %.4f, val loss"
                + " %.4f",
            batches,
            v[1],
            v[0]));
    return null;
  }

  /**
   * The run's result from its state: the kept epoch's validation figures, or NaN with the reason
   * for a run that stopped on a non-finite value (whose parameters are not kept).
   */
  private TrainResult result(Network net, TrainingState state, String failure) {
    return new TrainResult(
        config.model().name(),
        inputShape().toString(),
        train.numClasses(),
        net.parameterCount(),
        state.epochsCompleted(),
        state.bestEpoch(),
        failure == null && state.stoppedEarly() && state.epochsCompleted() < config.epochs(),
        failure == null ? state.bestValLoss() : Double.NaN,
        failure == null ? state.bestValAccuracy() : Double.NaN,
        state.trainSeconds(),
        failure);
  }

  private EpochRecord runEpoch(Network net, StatefulOptimizer optimizer, int epoch) {
    ImageSet train = epoch == 1 ? this.train : epochs.forEpoch(epoch);
    if (train.size() != this.train.size()) {
      throw new IllegalStateException("epoch " + epoch + " has a training set of another size");
    }
    int n = train.size();
    int bs = config.batchSize();
    int steps = (n + bs - 1) / bs;
    int[] order =
        config.order() == BatchOrder.FIXED
            ? java.util.stream.IntStream.range(0, n).toArray()
            : Batches.permutation(n, streams.stream(Streams.ORDER, epoch));
    SplittableRandom augRng = streams.stream(Streams.AUG, epoch);
    TorchRuntime.seedTorch(streams.seedOf("dropout/" + epoch));
    Loss loss = Loss.softmaxCrossEntropyLoss();
    listener.epochStarted(epoch, config.epochs(), steps);
    long t0 = System.nanoTime();
    double lossSum = 0;
    long correct = 0;
    int seen = 0;
    for (int s = 0; s < steps; s++) {
      int from = s * bs;
      int to = Math.min(n, from + bs);
      try (NDManager bm = net.manager().newSubManager()) {
        NDArray x = Batches.images(train, order, from, to, bm);
        x = augmentation.apply(x, augRng);
        NDArray y = Batches.labels(train, order, from, to, bm);
        try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
          NDArray logits = net.forward(x, true);
          NDArray l = loss.evaluate(new NDList(y), new NDList(logits));
          float lv = l.getFloat();
          if (!Float.isFinite(lv)) {
            throw stopped(epoch, s + 1, "the training loss is " + lv);
          }
          gc.backward(l);
          lossSum += lv * (to - from);
          correct += logits.argMax(1).eq(y).toType(DataType.INT64, false).sum().getLong();
        }
        try {
          optimizer.step(net.block());
        } catch (NonFiniteException e) {
          throw stopped(epoch, s + 1, e.getMessage());
        }
      }
      seen += to - from;
      double secs = (System.nanoTime() - t0) / 1e9;
      listener.batchFinished(s + 1, lossSum / seen, (double) correct / seen, seen / secs);
    }
    double trainSecs = (System.nanoTime() - t0) / 1e9;
    double[] v = evaluate(net, val);
    if (!Double.isFinite(v[0])) {
      throw stopped("the validation loss is " + v[0] + " after epoch " + epoch);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    return new EpochRecord(
        epoch, lossSum / n, (double) correct / n, v[0], v[1], secs, n / trainSecs);
  }

  private static NonFiniteException stopped(int epoch, int batch, String what) {
    return stopped(what + " at epoch " + epoch + ", batch " + batch);
  }

  private static NonFiniteException stopped(String what) {
    return new NonFiniteException(
        what
            + "; training stopped (a learning rate too high for the model, or inputs far outside"
            + " [0, 1], are the usual causes)");
  }

  /**
   * Mean cross-entropy and accuracy of a network on a set, in inference mode.
   *
   * @param net the network
   * @param set the images
   * @return {loss, accuracy}
   */
  public static double[] evaluate(Network net, ImageSet set) {
    Loss loss = Loss.softmaxCrossEntropyLoss();
    double lossSum = 0;
    long correct = 0;
    for (int from = 0; from < set.size(); from += EVAL_BATCH) {
      int to = Math.min(set.size(), from + EVAL_BATCH);
      try (NDManager bm = net.manager().newSubManager()) {
        NDArray x = Batches.images(set, null, from, to, bm);
        NDArray y = Batches.labels(set, null, from, to, bm);
        NDArray logits = net.forward(x, false);
        lossSum += loss.evaluate(new NDList(y), new NDList(logits)).getFloat() * (to - from);
        correct += logits.argMax(1).eq(y).toType(DataType.INT64, false).sum().getLong();
      }
    }
    return new double[] {lossSum / set.size(), (double) correct / set.size()};
  }
}
