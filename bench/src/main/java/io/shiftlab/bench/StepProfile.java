package io.shiftlab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.probe.Predictor;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.shift.BatchShifter;
import io.shiftlab.shift.ShiftMode;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.StatefulOptimizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the time goes: the phases of one {@code cnn2} training step (the steps of {@code
 * Training.runEpoch}, timed one by one), the forward pass at several batch sizes, and the two ways
 * of shifting a batch by whole pixels. CPU seconds of the process per phase, so the figures hold up
 * on a shared machine. A profiling aid for {@code bench/README.md}, not part of {@code bench/run}.
 *
 * <p>Usage: {@code bench/java io.shiftlab.bench.StepProfile [--steps S] [--threads T]}.
 */
public final class StepProfile {
  private StepProfile() {}

  /**
   * Runs the profile.
   *
   * @param args {@code --steps S}, {@code --threads T}
   */
  public static void main(String[] args) {
    ToolArgs opts = ToolArgs.parse(args, "--steps", "--threads");
    int steps = opts.intOr("--steps", 60);
    int threads = opts.intOr("--threads", 1);
    TorchRuntime.configure(threads, null);
    ImageSet set = Bench.randomImages("profile", 1000, 1, 28, 5);
    trainingStep(set, steps);
    layers(set);
    forwardBatches(set);
    shifting(set);
  }

  private static void trainingStep(ImageSet set, int steps) {
    String[] phases = {"data", "forward", "loss", "backward", "readback", "optimizer"};
    Map<String, Double> cpu = new LinkedHashMap<>();
    for (String p : phases) {
      cpu.put(p, 0.0);
    }
    Loss loss = Loss.softmaxCrossEntropyLoss();
    int bs = 128;
    try (Network net = Network.create(ModelCatalog.get("cnn2"), InputShape.MNIST, 10, 1);
        StatefulOptimizer opt =
            new StatefulOptimizer(OptimizerSettings.adam(1e-3f), net.manager())) {
      for (int s = -10; s < steps; s++) {
        int from = (Math.floorMod(s, 7)) * bs;
        double[] t = new double[7];
        try (NDManager bm = net.manager().newSubManager()) {
          t[0] = CpuClock.seconds();
          NDArray x = Batches.images(set, null, from, from + bs, bm);
          NDArray y = Batches.labels(set, null, from, from + bs, bm);
          t[1] = CpuClock.seconds();
          try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
            NDArray logits = net.forward(x, true);
            t[2] = CpuClock.seconds();
            NDArray l = loss.evaluate(new NDList(y), new NDList(logits));
            t[3] = CpuClock.seconds();
            gc.backward(l);
            t[4] = CpuClock.seconds();
            l.getFloat();
            logits.argMax(1).eq(y).toType(DataType.INT64, false).sum().getLong();
            t[5] = CpuClock.seconds();
          }
          opt.step(net.block());
          t[6] = CpuClock.seconds();
        }
        if (s >= 0) {
          for (int i = 0; i < phases.length; i++) {
            cpu.merge(phases[i], t[i + 1] - t[i], Double::sum);
          }
        }
      }
    }
    double total = cpu.values().stream().mapToDouble(d -> d).sum();
    System.out.printf(
        Locale.ROOT,
        "training step, cnn2, batch %d, %d steps: %.2f ms CPU per step (%.0f images per CPU-s)%n",
        bs,
        steps,
        1000 * total / steps,
        bs * steps / total);
    System.out.println("| phase | ms CPU per step | share |");
    System.out.println("|---|---:|---:|");
    cpu.forEach(
        (p, v) ->
            System.out.printf(
                Locale.ROOT, "| %s | %.2f | %.1f%% |%n", p, 1000 * v / steps, 100 * v / total));
  }

  /**
   * Prints a blank line and the head of a two-column Markdown table, and builds the cnn2 it times.
   *
   * @param what the first column's title
   * @param unit the second column's title
   * @return a fresh cnn2, seed 1
   */
  private static Network cnn2Table(String what, String unit) {
    System.out.println();
    System.out.println("| " + what + " | " + unit + " |");
    System.out.println("|---|---:|");
    return Network.create(ModelCatalog.get("cnn2"), InputShape.MNIST, 10, 1);
  }

  private static void layers(ImageSet set) {
    try (Network net = cnn2Table("layer, cnn2, inference, batch 128", "ms CPU per pass");
        NDManager m = TorchRuntime.newManager()) {
      ai.djl.training.ParameterStore store = new ai.djl.training.ParameterStore(m, false);
      NDList x = new NDList(Batches.images(set, null, 0, 128, m));
      for (var child : ((ai.djl.nn.SequentialBlock) net.block()).getChildren()) {
        NDList out = null;
        int reps = 20;
        double c0 = CpuClock.seconds();
        for (int r = 0; r < reps; r++) {
          try (NDManager step = m.newSubManager()) {
            out = child.getValue().forward(store, x, false);
            out.attach(m);
          }
        }
        System.out.printf(
            Locale.ROOT,
            "| %s | %.2f |%n",
            child.getKey(),
            1000 * (CpuClock.seconds() - c0) / reps);
        x = out;
      }
    }
  }

  private static void forwardBatches(ImageSet set) {
    try (Network net = cnn2Table("forward pass, cnn2, inference", "images per CPU-s");
        NDManager m = TorchRuntime.newManager()) {
      for (int chunk : new int[] {1000, 500, 256, 128, 64}) {
        double c0 = 0;
        int reps = 4;
        for (int r = -1; r < reps; r++) {
          if (r == 0) {
            c0 = CpuClock.seconds();
          }
          for (int from = 0; from < set.size(); from += chunk) {
            try (NDManager bm = m.newSubManager()) {
              NDArray x = Batches.images(set, null, from, Math.min(set.size(), from + chunk), bm);
              net.forward(x, false).argMax(1).toLongArray();
            }
          }
        }
        System.out.printf(
            Locale.ROOT,
            "| one pass per %d images | %.0f |%n",
            chunk,
            reps * set.size() / (CpuClock.seconds() - c0));
      }
      double c0 = CpuClock.seconds();
      for (int r = 0; r < 4; r++) {
        Predictor.predict(net, set, m);
      }
      System.out.printf(
          Locale.ROOT,
          "| Predictor.predict (batch %d, Network.logits in chunks of %d) | %.0f |%n",
          Predictor.BATCH,
          Network.INFERENCE_CHUNK,
          4 * set.size() / (CpuClock.seconds() - c0));
    }
  }

  private static void shifting(ImageSet set) {
    System.out.println();
    System.out.println("| shift a batch of 1000 by whole pixels, 81 offsets | ms CPU per offset |");
    System.out.println("|---|---:|");
    BatchShifter zero = new BatchShifter(ShiftMode.ZERO);
    try (NDManager m = TorchRuntime.newManager()) {
      NDArray x = Batches.images(set, null, 0, set.size(), m);
      double c0 = CpuClock.seconds();
      for (int d = 0; d < 81; d++) {
        try (NDManager om = m.newSubManager()) {
          x.tempAttach(om);
          zero.applyAll(x, d % 9 - 4, d / 9 - 4);
        }
      }
      double fast = (CpuClock.seconds() - c0) / 81;
      // the matrix path of before: one broadcast pair of 0/1 matrices; replicate fill costs the
      // same products as zero fill and never takes the crop-and-pad path
      BatchShifter matrices = new BatchShifter(ShiftMode.REPLICATE);
      c0 = CpuClock.seconds();
      for (int d = 0; d < 81; d++) {
        try (NDManager om = m.newSubManager()) {
          x.tempAttach(om);
          matrices.applyAll(x, d % 9 - 4, d / 9 - 4);
        }
      }
      double slow = (CpuClock.seconds() - c0) / 81;
      System.out.printf(
          Locale.ROOT, "| applyAll (whole pixels, zero fill) | %.2f |%n", 1000 * fast);
      System.out.printf(
          Locale.ROOT,
          "| two matrix products (the path before; replicate fill) | %.2f |%n",
          1000 * slow);
    }
  }
}
