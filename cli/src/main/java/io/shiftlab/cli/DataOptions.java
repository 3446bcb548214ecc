package io.shiftlab.cli;

import io.shiftlab.data.DataInstaller;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.DataStore;
import io.shiftlab.data.DatasetSource;
import io.shiftlab.data.SplitLimits;
import io.shiftlab.nn.InputShape;
import io.shiftlab.random.Streams;
import java.io.PrintStream;
import java.nio.file.Path;

/** Opens the data store named by {@code --data} (or the default) and loads data sets from it. */
final class DataOptions {
  private DataOptions() {}

  static DataStore store(Path dataDir) {
    return dataDir != null ? new DataStore(dataDir) : DataStore.fromEnvironment();
  }

  static DataInstaller installer(Path dataDir, PrintStream err) {
    return DataInstaller.apt(store(dataDir), msg -> err.println("data: " + msg));
  }

  /**
   * Loads a data set, installing it first if it is a known one that is missing.
   *
   * @param dataDir the {@code --data} value or null
   * @param dataset the {@code --dataset} value
   * @param seed the run's seed
   * @param maxTrain training cap, 0 for none
   * @param maxTest test cap, 0 for none
   * @param err where installer messages go
   * @return the splits
   */
  static DataSplits load(
      Path dataDir, String dataset, long seed, int maxTrain, int maxTest, PrintStream err) {
    return load(dataDir, dataset, null, seed, maxTrain, maxTest, err);
  }

  /**
   * Loads a data set for a model of a known input shape (an image folder is fitted to it).
   *
   * @param dataDir the {@code --data} value or null
   * @param dataset the {@code --dataset} value
   * @param shape the model's input shape, or null
   * @param seed the run's seed
   * @param maxTrain training cap, 0 for none
   * @param maxTest test cap, 0 for none
   * @param err where installer messages go
   * @return the splits
   */
  static DataSplits load(
      Path dataDir,
      String dataset,
      InputShape shape,
      long seed,
      int maxTrain,
      int maxTest,
      PrintStream err) {
    SplitLimits limits = SplitLimits.NONE;
    if (maxTrain > 0) {
      limits = limits.withMaxTrain(maxTrain);
    }
    if (maxTest > 0) {
      limits = limits.withMaxTest(maxTest);
    }
    return DatasetSource.parse(dataset, shape)
        .load(installer(dataDir, err), new Streams(seed), limits);
  }
}
