package io.shiftlab.examples;

import ai.djl.ndarray.NDManager;
import io.shiftlab.data.ClassMap;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.RedGreen;
import io.shiftlab.data.synthetic.RedGreenSizes;
import io.shiftlab.nn.Classifier;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.TorchScriptClassifier;
import io.shiftlab.nn.TorchScriptSpec;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.probe.ProbeContext;
import io.shiftlab.probe.ProbeParams;
import io.shiftlab.probe.SweepProbe;
import io.shiftlab.random.Streams;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.train.Augmentation;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.RunDirectory;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.TrainResult;
import io.shiftlab.train.Training;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * shiftlab as a library: train a catalog model on a seeded synthetic task, then run the sweep probe
 * on it and on a TorchScript file, reading the results as values.
 *
 * <p>Usage: {@code TrainAndProbe OUT_DIR MODEL.pt}, where the TorchScript model takes 3x32x32
 * inputs in [0, 1] (the tests pass {@code core/src/test/resources/io/shiftlab/golden/rgb_cnn.pt}).
 */
public final class TrainAndProbe {
  private TrainAndProbe() {}

  /**
   * Runs the example.
   *
   * @param args the output folder and a TorchScript file
   * @throws Exception if anything fails
   */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    TorchRuntime.configure(2, null); // the engine is checked once, on first use
    var data = RedGreen.generate(7, new RedGreenSizes(400, 100, 100)); // 3x32x32, 2 classes
    var config =
        TrainConfig.of(ModelRef.of("cnn2"), "red-green", 3, 32, OptimizerSettings.adam(1e-3f), 7);
    TrainResult trained =
        new Training(config, data.train(), data.val(), Augmentation.NONE, new TrainingListener() {})
            .start(RunDirectory.create(out.resolve("run")), Map.of());
    System.out.printf("trained %s: val accuracy %.3f%n", trained.model(), trained.valAccuracy());
    try (Network net = TrainResult.load(RunDirectory.open(out.resolve("run")))) {
      print("cnn2", sweep(net, data.testSimilar(), out.resolve("sweep-cnn2")));
    }
    var spec = TorchScriptSpec.of(Path.of(args[1]), new InputShape(3, 32, 32), 1f);
    try (TorchScriptClassifier ts = TorchScriptClassifier.load(spec)) {
      // the file has 10 logits, the task 2 classes: map them
      var splits = new DataSplits(data.train(), data.val(), data.testSimilar(), Map.of());
      ImageSet test = ClassMap.parse("map", "0=0,1=1").apply("map", data.testSimilar(), splits, 10);
      print(spec.file().getFileName().toString(), sweep(ts, test, out.resolve("sweep-ts")));
    }
  }

  private static SweepProbe.Result sweep(Classifier model, ImageSet test, Path dir)
      throws Exception {
    SweepProbe probe = new SweepProbe();
    var params = new ProbeParams("sweep", probe.params(), Map.of("range", "2"));
    try (NDManager m = TorchRuntime.newManager()) {
      // measuring writes nothing; the writer renders the value as CSV, JSON and PNG files
      var result = probe.measure(new ProbeContext(model, "m", test, new Streams(7), m, params));
      probe.writer().write(result, Files.createDirectories(dir));
      return result;
    }
  }

  private static void print(String name, SweepProbe.Result r) {
    System.out.printf(
        "%s: accuracy %.3f unshifted, %.3f at worst over [-2..2]^2%n",
        name, r.accuracyAt(0, 0), r.minAccuracy());
  }
}
