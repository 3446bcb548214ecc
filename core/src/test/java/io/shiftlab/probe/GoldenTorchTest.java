package io.shiftlab.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.Classifier;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.LayerOutput;
import io.shiftlab.nn.TorchScriptClassifier;
import io.shiftlab.nn.TorchScriptSpec;
import io.shiftlab.random.Streams;
import io.shiftlab.runtime.ConvGeometry;
import io.shiftlab.runtime.EngineCheckException;
import io.shiftlab.runtime.TorchRuntime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * shiftlab against PyTorch itself: a cnn2-shaped network (20 and 40 output channels, the case
 * libtorch 2.7.1's oneDNN kernels got wrong on some hosts) made, run and differentiated by PyTorch
 * ({@code golden/make_golden.py}), evaluated here at batch 64 in two ways:
 *
 * <ul>
 *   <li>the TorchScript file through shiftlab's probe path (libtorch's own convolution, refused
 *       when the engine self-check found it wrong on this host);
 *   <li>the same weights through shiftlab's verified convolution ({@link TorchRuntime#conv()}),
 *       which is a fallback where libtorch's own is wrong.
 * </ul>
 *
 * Logits and input gradients must agree within 1e-5, the sweep's correct counts at all 25 offsets
 * of [-2..2]^2 exactly (the fixture's images keep a top-logit lead of 1e-3 at every offset).
 */
class GoldenTorchTest {
  private static final int N = 64;
  private static final int R = 2;
  private static final double TOL = 1e-5;

  private static Path fixture(String name) throws Exception {
    return Path.of(GoldenTorchTest.class.getResource("/io/shiftlab/golden/" + name).toURI());
  }

  private static float[] floats(String name) throws Exception {
    ByteBuffer b =
        ByteBuffer.wrap(Files.readAllBytes(fixture(name))).order(ByteOrder.LITTLE_ENDIAN);
    float[] f = new float[b.remaining() / 4];
    b.asFloatBuffer().get(f);
    return f;
  }

  private static ImageSet images() throws Exception {
    int[] labels =
        Arrays.stream(Files.readString(fixture("labels.txt")).strip().split(" "))
            .mapToInt(Integer::parseInt)
            .toArray();
    return new ImageSet("golden", Files.readAllBytes(fixture("images.u8")), labels, 10, 1, 28, 28);
  }

  private static Map<String, Integer> expectedSweep() throws Exception {
    Map<String, Integer> m = new HashMap<>();
    for (String line : Files.readAllLines(fixture("sweep.txt"))) {
      if (!line.startsWith("#")) {
        String[] c = line.split(" ");
        m.put(c[0] + "," + c[1], Integer.parseInt(c[2]));
      }
    }
    assertThat(m).hasSize(25);
    return m;
  }

  private static void assertClose(String what, float[] actual, float[] expected) {
    assertThat(actual).as(what + " size").hasSameSizeAs(expected);
    double worst = 0;
    int at = -1;
    for (int i = 0; i < expected.length; i++) {
      double err = Math.abs(actual[i] - expected[i]);
      if (!(err <= worst) || Float.isNaN(actual[i])) {
        worst = Float.isNaN(actual[i]) ? Double.NaN : err;
        at = i;
        if (Double.isNaN(worst)) {
          break;
        }
      }
    }
    // the measured agreement, in the test log for the record
    System.out.printf(
        java.util.Locale.ROOT, "golden: %s: worst |shiftlab - PyTorch| = %.3g%n", what, worst);
    assertThat(worst)
        .as(
            "%s: worst |shiftlab - PyTorch| at %d (%s vs %s)",
            what, at, at < 0 ? "" : actual[at], at < 0 ? "" : expected[at])
        .isLessThanOrEqualTo(TOL);
  }

  /** The sweep probe's correct counts for a model over the fixture images. */
  private static Map<String, Integer> sweep(Classifier model, Path out) throws IOException {
    try (NDManager m = TorchRuntime.newManager()) {
      SweepProbe probe = new SweepProbe();
      ProbeParams params =
          new ProbeParams("sweep", probe.params(), Map.of("range", "" + R, "mode", "zero"));
      ProbeJob.write(
          probe,
          new ProbeContext(model, "golden", imagesUnchecked(), new Streams(1), m, params),
          out);
    }
    List<String> lines = Files.readAllLines(out.resolve("sweep.csv"));
    List<String> header = List.of(lines.get(0).strip().split(","));
    Map<String, Integer> got = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.strip().split(",");
      got.put(
          c[header.indexOf("dx")] + "," + c[header.indexOf("dy")],
          Integer.parseInt(c[header.indexOf("correct")]));
    }
    return got;
  }

  private static ImageSet imagesUnchecked() {
    try {
      return images();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theTorchScriptFileGivesPyTorchsLogitsGradientsAndSweepCounts(@TempDir Path out)
      throws Exception {
    Path file = fixture("cnn2_golden.pt");
    TorchScriptSpec spec = TorchScriptSpec.of(file, InputShape.MNIST, 1f);
    if (!TorchRuntime.engineVerdict().nativeConvCorrect()) {
      // on a host where libtorch's convolution is wrong, the graph must be refused, not run
      assertThatThrownBy(() -> TorchScriptClassifier.load(spec))
          .isInstanceOf(EngineCheckException.class);
      return;
    }
    ImageSet set = images();
    try (TorchScriptClassifier model = TorchScriptClassifier.load(spec);
        NDManager m = TorchRuntime.newManager()) {
      NDArray x = Batches.images(set, null, 0, N, m);
      assertClose("TorchScript logits", model.logits(x).toFloatArray(), floats("logits.f32"));
      List<LayerOutput> layers = model.layers(x);
      assertThat(layers.get(layers.size() - 1).name()).isEqualTo("logits");
    }
    try (Model model = Model.newInstance("golden", Device.cpu(), TorchRuntime.ENGINE);
        NDManager m = TorchRuntime.newManager()) {
      // parameters loaded as ordinary tensors (not inference tensors), so autograd can run
      model.load(file, null, Map.of("trainParam", "true"));
      NDArray x = Batches.images(set, null, 0, N, m);
      x.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getEngine(TorchRuntime.ENGINE).newGradientCollector()) {
        NDArray logits =
            model.getBlock().forward(new ParameterStore(m, false), new NDList(x), true).head();
        gc.backward(labelLogitSum(logits, set, m));
      }
      assertClose("TorchScript input gradient", x.getGradient().toFloatArray(), floats("grad.f32"));
    }
    try (TorchScriptClassifier model = TorchScriptClassifier.load(spec)) {
      assertThat(sweep(model, out)).isEqualTo(expectedSweep());
    }
  }

  @Test
  void shiftlabsVerifiedConvolutionGivesPyTorchsLogitsGradientsAndSweepCounts(@TempDir Path out)
      throws Exception {
    ImageSet set = images();
    float[] w = floats("weights.f32");
    try (FunctionalCnn2 model = new FunctionalCnn2(w);
        NDManager m = TorchRuntime.newManager()) {
      NDArray x = Batches.images(set, null, 0, N, m);
      assertClose("logits", model.logits(x).toFloatArray(), floats("logits.f32"));
      x.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getEngine(TorchRuntime.ENGINE).newGradientCollector()) {
        gc.backward(labelLogitSum(model.forward(x), set, m));
      }
      assertClose("input gradient", x.getGradient().toFloatArray(), floats("grad.f32"));
      assertThat(sweep(model, out)).isEqualTo(expectedSweep());
    }
  }

  private static NDArray labelLogitSum(NDArray logits, ImageSet set, NDManager m) {
    float[] oneHot = new float[N * 10];
    for (int i = 0; i < N; i++) {
      oneHot[i * 10 + set.labels()[i]] = 1f;
    }
    return logits.mul(m.create(oneHot, new Shape(N, 10))).sum();
  }

  /** PyTorch's cnn2 written with shiftlab's operators, over the fixture's weights. */
  private static final class FunctionalCnn2 implements Classifier {
    private final NDManager manager = TorchRuntime.newManager();
    private final NDArray c1w;
    private final NDArray c1b;
    private final NDArray c2w;
    private final NDArray c2b;
    private final NDArray fw;
    private final NDArray fb;

    FunctionalCnn2(float[] w) {
      int[] at = {0};
      c1w = take(w, at, new Shape(20, 1, 5, 5));
      c1b = take(w, at, new Shape(20));
      c2w = take(w, at, new Shape(40, 20, 5, 5));
      c2b = take(w, at, new Shape(40));
      fw = take(w, at, new Shape(10, 640));
      fb = take(w, at, new Shape(10));
      assertThat(at[0]).isEqualTo(w.length);
    }

    private NDArray take(float[] w, int[] at, Shape s) {
      int n = (int) s.size();
      NDArray a = manager.create(Arrays.copyOfRange(w, at[0], at[0] + n), s);
      at[0] += n;
      return a;
    }

    NDArray forward(NDArray x) {
      ConvGeometry valid = ConvGeometry.of(1, 0, 1);
      Shape two = new Shape(2, 2);
      Shape none = new Shape(0, 0);
      NDArray h = TorchRuntime.conv().conv2d(x, c1w, c1b, valid).maximum(0f);
      h = Pool.maxPool2d(h, two, two, none, false);
      h = TorchRuntime.conv().conv2d(h, c2w, c2b, valid).maximum(0f);
      h = Pool.maxPool2d(h, two, two, none, false);
      return Linear.linear(h.reshape(h.getShape().get(0), 640), fw, fb).head();
    }

    @Override
    public InputShape inputShape() {
      return InputShape.MNIST;
    }

    @Override
    public int numClasses() {
      return 10;
    }

    @Override
    public NDArray logits(NDArray batch) {
      return Classifier.requireFinite(forward(batch), "golden", "");
    }

    @Override
    public void close() {
      manager.close();
    }
  }
}
