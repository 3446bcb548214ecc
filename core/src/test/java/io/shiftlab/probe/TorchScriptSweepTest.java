package io.shiftlab.probe;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import io.shiftlab.TestData;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.TorchScriptClassifier;
import io.shiftlab.nn.TorchScriptSpec;
import io.shiftlab.random.Streams;
import io.shiftlab.runtime.TorchRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep probe on an exported TorchScript model gives the same numbers as an independent
 * computation: images shifted pixel by pixel in plain Java, classified through DJL's plain {@code
 * Predictor} with no shiftlab code in between.
 */
class TorchScriptSweepTest {
  private static final int R = 2;

  @Test
  void sweepOfTheTorchScriptFixtureMatchesAnIndependentComputation(@TempDir Path out)
      throws Exception {
    io.shiftlab.TestData.assumeTorchScriptRuns();
    Path file =
        Path.of(TorchScriptSweepTest.class.getResource("/io/shiftlab/nn/tiny_cnn.pt").toURI());
    ImageSet test = TestData.squares("toy", 40, 10, 3);
    Map<String, Integer> viaProbe = new HashMap<>();
    try (TorchScriptClassifier model =
            TorchScriptClassifier.load(TorchScriptSpec.of(file, InputShape.MNIST, 1f));
        NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      SweepProbe probe = new SweepProbe();
      ProbeParams params =
          new ProbeParams("sweep", probe.params(), Map.of("range", "" + R, "mode", "zero"));
      ProbeJob.write(
          probe, new ProbeContext(model, "tiny_cnn", test, new Streams(1), m, params), out);
    }
    List<String> lines = Files.readAllLines(out.resolve("sweep.csv"));
    List<String> header = List.of(lines.get(0).strip().split(","));
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.strip().split(",");
      viaProbe.put(
          c[header.indexOf("dx")] + "," + c[header.indexOf("dy")],
          Integer.parseInt(c[header.indexOf("correct")]));
    }
    assertThat(viaProbe).hasSize((2 * R + 1) * (2 * R + 1));
    // the counts must vary with the offset, or the comparison below would prove little
    assertThat(new java.util.HashSet<>(viaProbe.values())).hasSizeGreaterThan(1);

    try (Model model = Model.newInstance("tiny_cnn", Device.cpu(), TorchRuntime.ENGINE)) {
      model.load(file);
      try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
          NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
        for (int dy = -R; dy <= R; dy++) {
          for (int dx = -R; dx <= R; dx++) {
            float[] shifted = shiftByHand(test, dx, dy);
            NDList logits =
                predictor.predict(new NDList(m.create(shifted, new Shape(test.size(), 1, 28, 28))));
            long[] pred = logits.singletonOrThrow().argMax(1).toLongArray();
            int correct = 0;
            for (int i = 0; i < pred.length; i++) {
              if (pred[i] == test.labels()[i]) {
                correct++;
              }
            }
            assertThat(viaProbe.get(dx + "," + dy))
                .as("offset (%d, %d)", dx, dy)
                .isEqualTo(correct);
          }
        }
      }
    }
  }

  /** out(x, y) = in(x - dx, y - dy), zero outside, scaled to [0, 1]: the convention, by hand. */
  private static float[] shiftByHand(ImageSet set, int dx, int dy) {
    int h = set.height();
    int w = set.width();
    float[] out = new float[set.size() * h * w];
    for (int i = 0; i < set.size(); i++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int sy = y - dy;
          int sx = x - dx;
          if (sy >= 0 && sy < h && sx >= 0 && sx < w) {
            out[(i * h + y) * w + x] = (set.pixels()[(i * h + sy) * w + sx] & 0xff) / 255f;
          }
        }
      }
    }
    return out;
  }
}
