package io.shiftlab.bench;

import ai.djl.ndarray.NDManager;
import io.shiftlab.data.DataInstaller;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.DataStore;
import io.shiftlab.data.DatasetSource;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.SplitLimits;
import io.shiftlab.experiment.ShiftRobust;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.probe.Metrics;
import io.shiftlab.probe.Predictor;
import io.shiftlab.random.Streams;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.train.BatchNormRecalibration;
import io.shiftlab.train.RunDirectory;
import io.shiftlab.train.TrainResult;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Diagnoses stale batch-norm statistics in shift-robust's models (vgg-small on Fashion-MNIST padded
 * to 32 x 32, the default budget's 8000 training and 1500 test images of master seed 1): for each
 * run directory given, the eval-mode test accuracy as trained, then after {@link
 * BatchNormRecalibration} (100 training-mode batches of 32 un-augmented training images). The model
 * files are not changed. Usage: {@code bench/java io.shiftlab.bench.BatchNormCheck RUN_DIR...}
 */
public final class BatchNormCheck {
  private BatchNormCheck() {}

  /**
   * Runs the check.
   *
   * @param args run directories of {@code reproduce shift-robust}
   */
  public static void main(String[] args) {
    TorchRuntime.configure(0, null);
    DataSplits d =
        DatasetSource.parse("fashion-mnist")
            .load(
                DataInstaller.apt(DataStore.fromEnvironment(), m -> {}),
                new Streams(1),
                SplitLimits.NONE.withMaxTrain(8000).withMaxTest(1500));
    ImageSet train = ShiftRobust.pad(d.train());
    ImageSet test = ShiftRobust.pad(d.test());
    for (String run : args) {
      try (Network net = TrainResult.load(RunDirectory.open(Path.of(run)));
          NDManager m = TorchRuntime.newManager()) {
        double before = Metrics.accuracy(Predictor.predict(net, test, m), test.labels());
        int batches = new BatchNormRecalibration(100, 32).apply(net, p -> train);
        double after = Metrics.accuracy(Predictor.predict(net, test, m), test.labels());
        System.out.printf(
            Locale.ROOT,
            "%s: test accuracy %.2f%% in eval mode as trained, %.2f%% after recomputing the"
                + " batch-norm statistics (%d batches)%n",
            run,
            100 * before,
            100 * after,
            batches);
      }
    }
  }
}
