package io.shiftlab.cli;

import io.shiftlab.UserInputException;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.InputShape;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which test images a command evaluates on: {@code --dataset} and {@code --limit}. */
final class TestSetOptions {
  @Option(
      names = "--dataset",
      paramLabel = "SET",
      description =
          "Test images: digits, fashion-mnist, idx:DIR, folder:DIR (ImageFolder layout, fitted to"
              + " the model's input), cifar10:PATH, cifar100:PATH or cifar100-coarse:PATH (default:"
              + " the run's data set).")
  String dataset;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "0",
      description = "Use only the first N test images, in file order; 0 = all.")
  int limit;

  /** Rejects a negative limit before anything is loaded. */
  void validate() {
    if (limit < 0) {
      throw new UserInputException("--limit", "must be >= 0, got " + limit);
    }
  }

  /**
   * The data set to use: {@code --dataset} if given, else the fallback.
   *
   * @param fallback the run's data set, or null when there is none (a TorchScript model)
   * @return the data set value
   */
  String datasetOr(String fallback) {
    if (dataset != null) {
      return dataset;
    }
    if (fallback == null) {
      throw new UserInputException("--dataset", "is required with --torchscript");
    }
    return fallback;
  }

  /**
   * Loads the data (installing a known set if missing), keeps the first {@code --limit} test
   * images, and checks that they fit the model.
   *
   * @param dataDir the {@code --data} directory or null
   * @param set the data set value
   * @param seed the seed of the splits
   * @param model the model's input shape
   * @param err where installer messages go
   * @return the splits; the test split is limited
   */
  DataSplits load(Path dataDir, String set, long seed, InputShape model, PrintStream err) {
    DataSplits data = DataOptions.load(dataDir, set, model, seed, 0, limit, err);
    if (data.test().size() == 0) {
      throw new UserInputException("--dataset", set + " has no test images");
    }
    ImageSet test = data.test();
    if (test.channels() != model.channels()
        || test.height() != model.height()
        || test.width() != model.width()) {
      throw new UserInputException(
          "--dataset",
          set
              + " images are "
              + test.channels()
              + "x"
              + test.height()
              + "x"
              + test.width()
              + ", the model takes "
              + model);
    }
    return data;
  }
}
