package io.shiftlab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.shiftlab.data.Batches;
import io.shiftlab.data.DataInstaller;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.DataStore;
import io.shiftlab.data.DatasetSource;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.SplitLimits;
import io.shiftlab.io.AtomicFiles;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.probe.Probe;
import io.shiftlab.probe.ProbeContext;
import io.shiftlab.probe.ProbeJob;
import io.shiftlab.probe.ProbeParams;
import io.shiftlab.probe.ProbeRegistry;
import io.shiftlab.random.Streams;
import io.shiftlab.runtime.TorchRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * What does a shift sweep cost, against the plain forward passes it replaces?
 *
 * <p>The {@code sweep} probe evaluates every test image at 81 offsets (a 9 x 9 box, range 4). The
 * baseline runs the same model on the same images 81 times without shifting, in batches of the same
 * size, reading the predicted class back to Java as the probe does. The ratio sweep / baseline is
 * the price of shifting, of the per-offset bookkeeping and of the probe's outputs; the issue's
 * target is at most 1.3.
 *
 * <p>Usage: {@code bench/sweep-cost [--images N] [--repeats R] [--threads T]}; runs on
 * Fashion-MNIST's test set (installed on first use) with an untrained cnn2 (cost does not depend on
 * the weights).
 */
public final class SweepCost {
  private SweepCost() {}

  /**
   * Runs the benchmark.
   *
   * @param args {@code --images N}, {@code --repeats R}, {@code --threads T}
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    ToolArgs opts = ToolArgs.parse(args, "--images", "--repeats", "--threads");
    int images = opts.intOr("--images", 10_000);
    int repeats = opts.intOr("--repeats", 3);
    int threads = opts.intOr("--threads", 0);
    int t = TorchRuntime.configure(threads, null);
    DataStore store = DataStore.fromEnvironment();
    DataSplits data =
        DatasetSource.parse("fashion-mnist")
            .load(
                DataInstaller.apt(store, m -> System.err.println("data: " + m)),
                new Streams(1),
                SplitLimits.NONE.withMaxTest(images));
    ImageSet test = data.test();
    Probe<?> sweep = ProbeRegistry.parse("probe", "sweep").get(0);
    double[] plain = new double[repeats];
    double[] swept = new double[repeats];
    try (Network net = Network.create(ModelCatalog.get("cnn2"), InputShape.MNIST, 10, 1);
        NDManager manager = TorchRuntime.newManager()) {
      int offsets = 81;
      plainPasses(net, test, offsets, manager); // warm-up
      for (int r = 0; r < repeats; r++) {
        long t0 = System.nanoTime();
        plainPasses(net, test, offsets, manager);
        plain[r] = (System.nanoTime() - t0) / 1e9;
        Path out = Files.createTempDirectory("sweep-cost");
        try {
          ProbeParams params = new ProbeParams("sweep", sweep.params(), Map.of("range", "4"));
          long t1 = System.nanoTime();
          ProbeJob.write(
              sweep, new ProbeContext(net, "cnn2", test, new Streams(1), manager, params), out);
          swept[r] = (System.nanoTime() - t1) / 1e9;
        } finally {
          AtomicFiles.deleteRecursively(out);
        }
        System.err.printf(
            Locale.ROOT, "repeat %d: plain %.2f s, sweep %.2f s%n", r + 1, plain[r], swept[r]);
      }
    }
    double p = median(plain);
    double s = median(swept);
    System.out.printf(
        Locale.ROOT,
        "sweep cost: %d images x 81 offsets, cnn2, %d threads, median of %d%n"
            + "  plain forward passes: %.2f s (%.0f images/s)%n"
            + "  sweep probe:          %.2f s (%.0f images/s)%n"
            + "  ratio sweep / plain:  %.3f (target <= 1.3)%n",
        test.size(),
        t,
        repeats,
        p,
        81.0 * test.size() / p,
        s,
        81.0 * test.size() / s,
        s / p);
  }

  /** The same images, 81 times, unshifted, in batches of the sweep's size. */
  private static void plainPasses(Network net, ImageSet test, int times, NDManager manager) {
    int batch = io.shiftlab.probe.Predictor.BATCH;
    for (int from = 0; from < test.size(); from += batch) {
      int to = Math.min(test.size(), from + batch);
      try (NDManager bm = manager.newSubManager()) {
        NDArray x = Batches.images(test, null, from, to, bm);
        for (int k = 0; k < times; k++) {
          try (NDManager step = bm.newSubManager()) {
            // results attach to the input's manager: lend x to this step so they are freed with it
            x.tempAttach(step);
            NDArray logits = net.logits(x);
            logits.argMax(1).toLongArray();
          }
        }
      }
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
