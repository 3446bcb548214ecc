package io.shiftlab.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.shiftlab.data.ImageSet;
import io.shiftlab.io.AtomicFiles;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.probe.Predictor;
import io.shiftlab.probe.Probe;
import io.shiftlab.probe.ProbeContext;
import io.shiftlab.probe.ProbeJob;
import io.shiftlab.probe.ProbeParams;
import io.shiftlab.probe.ProbeRegistry;
import io.shiftlab.random.Streams;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.train.Augmentation;
import io.shiftlab.train.EpochRecord;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.RunDirectory;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.Training;
import io.shiftlab.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The shiftlab side of the benchmark: each workload runs the library's own code path (the training
 * loop, {@link Predictor}, the {@code sweep} probe), never a stripped-down copy, after a warm-up
 * pass, and is measured {@code repeats} times.
 */
public final class Workloads {
  /** The training batch size of workload (a). */
  public static final int TRAIN_BATCH = 128;

  /** Offsets of a full shift sweep (range 4: a 9 x 9 box). */
  public static final int SWEEP_OFFSETS = 81;

  private final int repeats;
  private final Consumer<String> log;

  /**
   * Creates the runner.
   *
   * @param repeats measurements per workload, after one warm-up
   * @param log progress lines
   */
  public Workloads(int repeats, Consumer<String> log) {
    this.repeats = repeats;
    this.log = log;
  }

  /**
   * (a) Training throughput: the real training loop (Adam 1e-3, shuffled batches of 128, no
   * augmentation), one warm-up epoch, then one measurement per epoch; the rate is the loop's own
   * images/s, which leaves out the validation pass and the checkpoint written after each epoch.
   *
   * @param model the catalog model
   * @param train the training images
   * @param val the validation images
   * @return the figure
   */
  public Figure train(String model, ImageSet train, ImageSet val) {
    List<Double> rates = new ArrayList<>();
    List<Double> cpuRates = new ArrayList<>();
    double[] cpu = new double[2];
    TrainConfig config =
        TrainConfig.of(
            ModelRef.of(model),
            "bench",
            repeats + 1,
            TRAIN_BATCH,
            OptimizerSettings.adam(1e-3f),
            1);
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void epochStarted(int epoch, int epochs, int steps) {
            cpu[0] = CpuClock.seconds();
            cpu[1] = steps;
          }

          @Override
          public void batchFinished(int step, double loss, double acc, double imagesPerSecond) {
            if (step == (int) cpu[1]) { // the last batch: the loop ends, validation follows
              cpuRates.add(train.size() / (CpuClock.seconds() - cpu[0]));
            }
          }

          @Override
          public void epochFinished(EpochRecord r) {
            rates.add(r.imagesPerSecond());
            log.accept(
                String.format(
                    java.util.Locale.ROOT,
                    "train %s epoch %d: %.0f images/s",
                    model,
                    r.epoch(),
                    r.imagesPerSecond()));
          }
        };
    Path dir = tempDir("bench-train");
    try {
      new Training(config, train, val, Augmentation.NONE, listener)
          .start(RunDirectory.create(dir.resolve("run")), Map.of());
    } finally {
      delete(dir);
    }
    double flops = FlopCount.TRAIN_FACTOR * forwardFlops(model, train);
    return new Figure(
        "train_" + key(model),
        "images/s",
        Samples.of(afterWarmUp(rates)),
        Samples.of(afterWarmUp(cpuRates)),
        flops,
        train.size(),
        TRAIN_BATCH);
  }

  /**
   * (b) Inference throughput: {@link Predictor#predict} (batches of 1000, predicted classes read
   * back to Java) on an untrained model; the cost does not depend on the weights.
   *
   * @param model the catalog model
   * @param set the images
   * @return the figure
   */
  public Figure infer(String model, ImageSet set) {
    double[] rates = new double[repeats];
    double[] cpuRates = new double[repeats];
    try (Network net = network(model, set);
        NDManager m = TorchRuntime.newManager()) {
      for (int r = -1; r < repeats; r++) {
        long t0 = System.nanoTime();
        double c0 = CpuClock.seconds();
        Predictor.predict(net, set, m);
        double secs = (System.nanoTime() - t0) / 1e9;
        if (r >= 0) {
          rates[r] = set.size() / secs;
          cpuRates[r] = set.size() / (CpuClock.seconds() - c0);
          log.accept(
              String.format(java.util.Locale.ROOT, "infer %s: %.0f images/s", model, rates[r]));
        }
      }
      return new Figure(
          "infer_" + key(model),
          "images/s",
          Samples.of(rates),
          Samples.of(cpuRates),
          FlopCount.forwardPerImage(net.block(), batchOfOne(set)),
          set.size(),
          Predictor.BATCH);
    }
  }

  /**
   * (c) A full shift sweep: the {@code sweep} probe (81 integer offsets, zero fill, range 4) with
   * its outputs (CSV, JSON, heat map, diagonal chart) written to a scratch directory. The rate
   * counts every shifted image evaluated: 81 per test image.
   *
   * @param model the catalog model
   * @param set the test images
   * @return the figure
   */
  public Figure sweep(String model, ImageSet set) {
    Probe<?> sweep = ProbeRegistry.parse("probe", "sweep").get(0);
    double[] rates = new double[repeats];
    double[] cpuRates = new double[repeats];
    try (Network net = network(model, set);
        NDManager m = TorchRuntime.newManager()) {
      for (int r = -1; r < repeats; r++) {
        Path out = tempDir("bench-sweep");
        try {
          ProbeParams params = new ProbeParams("sweep", sweep.params(), Map.of("range", "4"));
          long t0 = System.nanoTime();
          double c0 = CpuClock.seconds();
          ProbeJob.write(sweep, new ProbeContext(net, model, set, new Streams(1), m, params), out);
          double secs = (System.nanoTime() - t0) / 1e9;
          if (r >= 0) {
            rates[r] = SWEEP_OFFSETS * (double) set.size() / secs;
            cpuRates[r] = SWEEP_OFFSETS * (double) set.size() / (CpuClock.seconds() - c0);
            log.accept(
                String.format(
                    java.util.Locale.ROOT, "sweep %s: %.0f shifted images/s", model, rates[r]));
          }
        } finally {
          delete(out);
        }
      }
      return new Figure(
          "sweep_" + key(model),
          "shifted images/s",
          Samples.of(rates),
          Samples.of(cpuRates),
          FlopCount.forwardPerImage(net.block(), batchOfOne(set)),
          set.size(),
          Predictor.BATCH);
    }
  }

  private static double[] afterWarmUp(List<Double> perEpoch) {
    return perEpoch.subList(1, perEpoch.size()).stream().mapToDouble(d -> d).toArray();
  }

  private static Network network(String model, ImageSet set) {
    return Network.create(
        ModelCatalog.get(model),
        new InputShape(set.channels(), set.height(), set.width()),
        set.numClasses(),
        1);
  }

  private static double forwardFlops(String model, ImageSet set) {
    try (Network net = network(model, set)) {
      return FlopCount.forwardPerImage(net.block(), batchOfOne(set));
    }
  }

  private static Shape batchOfOne(ImageSet set) {
    return new Shape(1, set.channels(), set.height(), set.width());
  }

  /** The model name as a JSON key: {@code resnet18-cifar} becomes {@code resnet18_cifar}. */
  static String key(String model) {
    return model.replaceAll("[^A-Za-z0-9]+", "_");
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try {
      AtomicFiles.deleteRecursively(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
