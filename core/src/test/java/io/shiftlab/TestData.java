package io.shiftlab;

import io.shiftlab.data.DataSplits;
import io.shiftlab.data.ImageSet;
import io.shiftlab.experiment.BudgetLevel;
import io.shiftlab.experiment.ExperimentContext;
import java.util.Map;
import java.util.SplittableRandom;

/** Small synthetic data sets that tests write themselves. */
public final class TestData {
  private TestData() {}

  /**
   * A learnable toy task: class c puts a bright 6x6 square at a class-specific place on a noisy
   * background.
   *
   * @param name the set name
   * @param n the number of images
   * @param classes the number of classes (at most 16)
   * @param seed the seed
   * @return the set, 1x28x28
   */
  public static ImageSet squares(String name, int n, int classes, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] px = new byte[n * 784];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(classes);
      labels[i] = c;
      int top = 3 + (c / 4) * 6;
      int left = 3 + (c % 4) * 6;
      for (int p = 0; p < 784; p++) {
        px[i * 784 + p] = (byte) rng.nextInt(40);
      }
      for (int r = top; r < top + 6; r++) {
        for (int col = left; col < left + 6; col++) {
          px[i * 784 + r * 28 + col] = (byte) 230;
        }
      }
    }
    return new ImageSet(name, px, labels, classes, 1, 28, 28);
  }

  /**
   * Skips a test that runs a TorchScript graph on a host where libtorch's own convolution failed
   * the engine self-check: shiftlab refuses such graphs there (README, "Engine self-check"), so the
   * test has nothing to check.
   */
  public static void assumeTorchScriptRuns() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        io.shiftlab.runtime.TorchRuntime.engineVerdict().nativeConvCorrect(),
        "libtorch's own convolution failed the engine self-check here; TorchScript is refused");
  }

  /**
   * A quiet smoke-budget experiment context with {@code seeds} runs per arm, whose data provider
   * returns square images (train 120, val 40, test {@code test}) whatever data set is named.
   *
   * @param masterSeed the master seed
   * @param classes classes of the squares
   * @param test test images
   * @param seeds runs per arm
   * @return the context
   */
  public static ExperimentContext squaresContext(
      long masterSeed, int classes, int test, int seeds) {
    return ExperimentContext.quiet(
            BudgetLevel.SMOKE,
            masterSeed,
            (name, s, maxTrain, maxTest) ->
                new DataSplits(
                    squares("train", 120, classes, 1),
                    squares("val", 40, classes, 2),
                    squares("test", test, classes, 3),
                    Map.of()))
        .withSeeds(seeds);
  }
}
