package io.shiftlab.bench;

import ai.djl.pytorch.jni.JniUtils;
import io.shiftlab.data.DataInstaller;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.DataStore;
import io.shiftlab.data.DatasetSource;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.SplitLimits;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.random.Streams;
import io.shiftlab.report.Json;
import io.shiftlab.runtime.ComputeDevice;
import io.shiftlab.runtime.TorchRuntime;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The shiftlab half of {@code bench/run}: measures the matrix-multiply peak and workloads (a)
 * training, (b) inference and (c) the shift sweep, and writes them as JSON for {@code
 * bench/report.py}, which sets them beside the PyTorch half ({@code bench/torch_bench.py}, same
 * workloads, same sizes, same thread count).
 *
 * <p>Usage: {@code Bench [--quick] [--threads T] [--device cpu|gpu] [--only peak,train,infer,sweep]
 * [--trace FILE] --out FILE}. {@code --only train_cnn2} (or {@code train_resnet18_cifar}) trains
 * that model alone; {@code --trace FILE} profiles the workloads that run (peak excepted) with
 * libtorch's profiler and writes a Chrome trace, which {@code OpProfile} compares with PyTorch's.
 * Data: Fashion-MNIST (28 x 28) for cnn2; seeded random 3 x 32 x 32 images for the CIFAR
 * ResNet-18-style model, which runs only when the catalog has it.
 */
public final class Bench {
  /** The catalog name the CIFAR ResNet-18-style model is expected under. */
  public static final String RESNET = "resnet18-cifar";

  private Bench() {}

  /**
   * The sizes of one benchmark level.
   *
   * @param repeats measurements per workload
   * @param trainImages images per training epoch (cnn2)
   * @param resnetImages images per training epoch (ResNet)
   * @param inferImages images per inference measurement
   * @param sweepImages test images per sweep (x 81 offsets)
   * @param sweepRepeats measurements of the sweep
   */
  record Sizes(
      int repeats,
      int trainImages,
      int resnetImages,
      int inferImages,
      int sweepImages,
      int sweepRepeats) {
    static final Sizes QUICK = new Sizes(3, 2560, 256, 5000, 500, 3);
    static final Sizes FULL = new Sizes(5, 12800, 1280, 10000, 10000, 3);
  }

  /**
   * Runs the benchmark.
   *
   * @param args see the class comment
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    boolean quick = false;
    int threads = 0;
    String device = "cpu";
    String only = "peak,train,infer,sweep";
    Path out = null;
    Path trace = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--device" -> device = args[++i];
        case "--only" -> only = args[++i];
        case "--out" -> out = Path.of(args[++i]);
        case "--trace" -> trace = Path.of(args[++i]);
        default -> fail("unknown option " + args[i]);
      }
    }
    if (out == null) {
      fail("--out FILE is required");
    }
    int t;
    try {
      t = TorchRuntime.configure(threads, null, ComputeDevice.parse("--device", device));
    } catch (io.shiftlab.UserInputException e) {
      fail(e.getMessage());
      return;
    }
    Sizes sizes = quick ? Sizes.QUICK : Sizes.FULL;
    List<String> todo = List.of(only.split(","));
    Workloads w = new Workloads(sizes.repeats(), m -> System.err.println("shiftlab: " + m));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("side", "shiftlab");
    json.put("level", quick ? "quick" : "full");
    json.put("threads", t);
    json.put("device", device);
    json.put("versions", versions());
    Map<String, Object> figures = new LinkedHashMap<>();
    json.put("workloads", figures);
    if (todo.contains("peak")) {
      Samples[] peak = MatmulPeak.measure(1024, 5, sizes.repeats());
      System.err.printf(Locale.ROOT, "shiftlab: matmul peak %.1f GFLOP/s%n", peak[0].median());
      json.put(
          "matmul_peak",
          new Figure("matmul_1024", "GFLOP/s", peak[0], peak[1], Double.NaN, 1, 1024).toMap());
    }
    DataStore store = DataStore.fromEnvironment();
    int testImages = Math.max(sizes.inferImages(), sizes.sweepImages());
    DataSplits data =
        DatasetSource.parse("fashion-mnist")
            .load(
                DataInstaller.apt(store, m -> System.err.println("data: " + m)),
                new Streams(1),
                SplitLimits.NONE.withMaxTrain(sizes.trainImages()).withMaxTest(testImages));
    ImageSet val = data.val().head(Math.min(500, data.val().size()));
    if (trace != null) {
      // libtorch's own profiler over the workloads below: one Chrome-trace event per ATen
      // operator call, the format torch.autograd.profiler exports on the PyTorch side
      JniUtils.startProfile(false, false, false);
    }
    if (todo.contains("train") || todo.contains("train_cnn2")) {
      put(figures, w.train("cnn2", data.train(), val));
    }
    if (todo.contains("train") || todo.contains("train_" + Workloads.key(RESNET))) {
      if (ModelCatalog.names().contains(RESNET)) {
        ImageSet cifar = randomImages("cifar-like/train", sizes.resnetImages(), 3, 32, 2);
        ImageSet cifarVal = randomImages("cifar-like/val", 128, 3, 32, 3);
        put(figures, w.train(RESNET, cifar, cifarVal));
      } else {
        System.err.println("shiftlab: " + RESNET + ": skipped: model not in catalog");
        figures.put("train_" + Workloads.key(RESNET), Map.of("skipped", "model not in catalog"));
      }
    }
    if (todo.contains("infer")) {
      put(figures, w.infer("cnn2", data.test().head(sizes.inferImages())));
    }
    if (todo.contains("sweep")) {
      Workloads ws = new Workloads(sizes.sweepRepeats(), m -> System.err.println("shiftlab: " + m));
      put(figures, ws.sweep("cnn2", data.test().head(sizes.sweepImages())));
    }
    if (trace != null) {
      JniUtils.stopProfile(trace.toAbsolutePath().toString());
    }
    Json.write(out, json);
    System.err.println("shiftlab: wrote " + out);
  }

  private static void put(Map<String, Object> figures, Figure f) {
    figures.put(f.workload(), f.toMap());
  }

  private static Map<String, Object> versions() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("shiftlab", TorchRuntime.shiftlabVersion());
    v.put("djl", TorchRuntime.djlVersion());
    v.put("libtorch", TorchRuntime.libtorchVersion());
    v.put("java", System.getProperty("java.version"));
    return v;
  }

  /** Seeded uniform random images with seeded labels (cost benchmarks only). */
  static ImageSet randomImages(String name, int n, int channels, int side, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] px = new byte[n * channels * side * side];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) rng.nextInt(256);
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(10);
    }
    return new ImageSet(name, px, labels, 10, channels, side, side);
  }

  private static void fail(String message) {
    System.err.println("bench: " + message);
    System.exit(2);
  }
}
