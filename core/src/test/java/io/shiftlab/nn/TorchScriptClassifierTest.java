package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import io.shiftlab.UserInputException;
import io.shiftlab.runtime.TorchRuntime;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the fixtures written by {@code make_fixtures.py} (PyTorch 1.13) and compares with the logits
 * Python recorded, so no Python is needed here.
 */
class TorchScriptClassifierTest {
  private static final InputShape MNIST = InputShape.MNIST;
  private static Path dir;
  private static Map<String, float[]> expected;

  @TempDir Path tmp;

  @BeforeAll
  static void readExpected() throws IOException, URISyntaxException {
    dir = Path.of(TorchScriptClassifierTest.class.getResource("tiny_cnn.pt").toURI()).getParent();
    expected = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("expected_logits.txt"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.trim().split("\\s+");
      float[] v = new float[parts.length - 1];
      for (int i = 1; i < parts.length; i++) {
        v[i - 1] = Float.parseFloat(parts[i]);
      }
      expected.put(parts[0], v);
    }
    assertThat(expected).containsOnlyKeys("zeros", "ones", "ramp", "ramp_norm");
  }

  private static NDManager manager() {
    return NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE);
  }

  /** arange(784) / 783 as (1, 1, 28, 28), as make_fixtures.py builds it. */
  private static NDArray ramp(NDManager m) {
    return m.arange(784f).div(783f).reshape(1, 1, 28, 28);
  }

  private static TorchScriptClassifier load(String file, InputShape in, Integer classes) {
    return TorchScriptClassifier.load(
        new TorchScriptSpec(dir.resolve(file), in, 1f, null, null, classes));
  }

  private static void assertClose(float[] actual, float[] want) {
    assertThat(actual).hasSize(want.length);
    for (int i = 0; i < want.length; i++) {
      assertThat(actual[i]).as("logit %d", i).isCloseTo(want[i], within(1e-5f));
    }
  }

  @Test
  void givesThePythonLogits() {
    io.shiftlab.TestData.assumeTorchScriptRuns();
    try (TorchScriptClassifier c = load("tiny_cnn.pt", MNIST, null);
        NDManager m = manager()) {
      assertThat(c.inputShape()).isEqualTo(MNIST);
      assertThat(c.numClasses()).isEqualTo(10);
      NDArray batch =
          NDArrays.concat(new NDList(m.zeros(MNIST.batch(1)), m.ones(MNIST.batch(1)), ramp(m)));
      NDArray logits = c.logits(batch);
      assertThat(logits.getShape()).isEqualTo(new Shape(3, 10));
      assertClose(logits.get(0).toFloatArray(), expected.get("zeros"));
      assertClose(logits.get(1).toFloatArray(), expected.get("ones"));
      assertClose(logits.get(2).toFloatArray(), expected.get("ramp"));
      assertThat(logits.getManager()).isSameAs(batch.getManager());
    }
  }

  @Test
  void agreesWithDjlsPlainPredictor() throws Exception {
    io.shiftlab.TestData.assumeTorchScriptRuns();
    Path file = dir.resolve("tiny_cnn.pt");
    try (TorchScriptClassifier c = load("tiny_cnn.pt", MNIST, 10);
        Model model = Model.newInstance("tiny_cnn", Device.cpu(), TorchRuntime.ENGINE);
        NDManager m = manager()) {
      model.load(file);
      try (Predictor<NDList, NDList> p = model.newPredictor(new NoopTranslator())) {
        NDArray x = ramp(m).mul(0.5f).add(0.25f);
        float[] plain = p.predict(new NDList(x)).singletonOrThrow().toFloatArray();
        float[] ours = c.logits(x).toFloatArray();
        assertThat(ours).containsExactly(plain);
        assertThat(c.layers(x)).extracting(LayerOutput::name).containsExactly("logits");
      }
    }
  }

  @Test
  void appliesScaleMeanAndStdAsPythonDoes() {
    io.shiftlab.TestData.assumeTorchScriptRuns();
    TorchScriptSpec spec =
        new TorchScriptSpec(
            dir.resolve("tiny_cnn.pt"), MNIST, 255f, new float[] {33f}, new float[] {78f}, 10);
    try (TorchScriptClassifier c = TorchScriptClassifier.load(spec);
        NDManager m = manager()) {
      assertClose(c.logits(ramp(m)).toFloatArray(), expected.get("ramp_norm"));
    }
  }

  @Test
  void transformMatchesAHandComputedInputAndThePlainPredictorOnIt() throws Exception {
    io.shiftlab.TestData.assumeTorchScriptRuns();
    TorchScriptSpec spec =
        new TorchScriptSpec(
            dir.resolve("tiny_cnn.pt"), MNIST, 255f, new float[] {100f}, new float[] {50f}, null);
    try (TorchScriptClassifier c = TorchScriptClassifier.load(spec);
        Model model = Model.newInstance("tiny_cnn", Device.cpu(), TorchRuntime.ENGINE);
        NDManager m = manager()) {
      // x = 0.2 everywhere and 1.0 on the first row: (0.2*255 - 100)/50 = -0.98, (255-100)/50 = 3.1
      float[] pixels = new float[784];
      Arrays.fill(pixels, 0.2f);
      Arrays.fill(pixels, 0, 28, 1f);
      NDArray x = m.create(pixels, MNIST.batch(1));
      float[] seen = spec.transform(x).toFloatArray();
      assertThat(seen[0]).isCloseTo(3.1f, within(1e-6f));
      assertThat(seen[28]).isCloseTo(-0.98f, within(1e-6f));
      assertThat(seen[783]).isCloseTo(-0.98f, within(1e-6f));

      float[] hand = new float[784];
      for (int i = 0; i < 784; i++) {
        hand[i] = (pixels[i] * 255f - 100f) / 50f;
      }
      assertThat(seen).containsExactly(hand);
      model.load(dir.resolve("tiny_cnn.pt"));
      try (Predictor<NDList, NDList> p = model.newPredictor(new NoopTranslator())) {
        float[] plain =
            p.predict(new NDList(m.create(hand, MNIST.batch(1)))).singletonOrThrow().toFloatArray();
        assertThat(c.logits(x).toFloatArray()).containsExactly(plain);
      }
    }
  }

  @Test
  void transformBroadcastsPerChannel() {
    io.shiftlab.TestData.assumeTorchScriptRuns();
    InputShape rgb = new InputShape(3, 2, 2);
    TorchScriptSpec spec =
        new TorchScriptSpec(
            dir.resolve("tiny_cnn.pt"),
            rgb,
            2f,
            new float[] {0f, 1f, 2f},
            new float[] {1f, 2f, 4f},
            null);
    // the transform needs no module, so a 3-channel spec can be checked with the 1-channel file
    try (NDManager m = manager()) {
      NDArray x = m.ones(rgb.batch(2)).mul(0.5f);
      float[] y = spec.transform(x).toFloatArray();
      // per channel: (0.5*2 - mean) / std = 1/1, 0/2, -1/4
      for (int n = 0; n < 2; n++) {
        for (int ch = 0; ch < 3; ch++) {
          for (int p = 0; p < 4; p++) {
            assertThat(y[n * 12 + ch * 4 + p]).isEqualTo(new float[] {1f, 0f, -0.25f}[ch]);
          }
        }
      }
    }
  }

  @Test
  void layersExposeTheMapAndTheLogits() {
    io.shiftlab.TestData.assumeTorchScriptRuns();
    try (TorchScriptClassifier maps = load("tiny_cnn_maps.pt", MNIST, 10);
        TorchScriptClassifier plain = load("tiny_cnn.pt", MNIST, 10);
        NDManager m = manager()) {
      NDArray x = NDArrays.concat(new NDList(ramp(m), m.ones(MNIST.batch(1))));
      List<LayerOutput> layers = maps.layers(x);
      assertThat(layers).extracting(LayerOutput::name).containsExactly("map0", "logits");
      assertThat(layers.get(0).value().getShape()).isEqualTo(new Shape(2, 4, 28, 28));
      assertThat(layers.get(1).value().getShape()).isEqualTo(new Shape(2, 10));
      // the map is a ReLU output; the logits are the plain module's
      assertThat(layers.get(0).value().min().getFloat()).isGreaterThanOrEqualTo(0f);
      assertThat(layers.get(1).value().toFloatArray())
          .containsExactly(plain.logits(x).toFloatArray());
      assertThat(maps.logits(x).toFloatArray()).containsExactly(plain.logits(x).toFloatArray());
      assertClose(layers.get(1).value().get(0).toFloatArray(), expected.get("ramp"));
    }
  }

  // ---- refusals: each a one-line message naming the file or the option ----

  @Test
  void refusesAMissingFile() {
    Path file = tmp.resolve("nope.pt");
    assertThatThrownBy(() -> TorchScriptClassifier.load(TorchScriptSpec.of(file, MNIST, 1f)))
        .isInstanceOf(UserInputException.class)
        .hasMessage(file + ": no such file");
  }

  @Test
  void refusesAStateDict() {
    Path file = dir.resolve("state_dict.pt");
    assertThatThrownBy(() -> TorchScriptClassifier.load(TorchScriptSpec.of(file, MNIST, 1f)))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            file
                + ": is a state_dict or pickled tensors, not a TorchScript module; export with"
                + " torch.jit.script or torch.jit.trace and torch.jit.save");
  }

  @Test
  void refusesALegacyPickle() throws IOException {
    Path file = tmp.resolve("legacy.pt");
    // protocol-2 pickle header, as torch.save wrote before PyTorch 1.6
    Files.write(file, new byte[] {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c, (byte) 0xfc});
    assertThatThrownBy(() -> TorchScriptClassifier.load(TorchScriptSpec.of(file, MNIST, 1f)))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(file + ": is a state_dict or pickled tensors, not a TorchScript");
  }

  @Test
  void refusesATruncatedCopy() throws IOException {
    byte[] all = Files.readAllBytes(dir.resolve("tiny_cnn.pt"));
    Path file = tmp.resolve("cut.pt");
    Files.write(file, Arrays.copyOf(all, all.length / 2));
    assertThatThrownBy(() -> TorchScriptClassifier.load(TorchScriptSpec.of(file, MNIST, 1f)))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(file + ": truncated or corrupt TorchScript file")
        .hasMessageNotContaining("\n");
  }

  @Test
  void refusesAStorageEntryWithFlippedBytes() throws IOException {
    byte[] all = Files.readAllBytes(dir.resolve("tiny_cnn.pt"));
    byte[] name = "tiny_cnn/data/2".getBytes(StandardCharsets.UTF_8);
    int header = indexOf(all, name) - 30; // the local header comes first in the file
    int extra = (all[header + 28] & 0xff) | (all[header + 29] & 0xff) << 8;
    int start = header + 30 + name.length + extra;
    for (int i = start + 1000; i < start + 1200; i++) {
      all[i] = (byte) ~all[i];
    }
    Path file = tmp.resolve("flipped.pt");
    Files.write(file, all);
    assertThatThrownBy(() -> TorchScriptClassifier.load(TorchScriptSpec.of(file, MNIST, 1f)))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(
            file + ": corrupt TorchScript file: entry tiny_cnn/data/2 fails its CRC check (")
        .hasMessageNotContaining("\n");
  }

  /**
   * Copies {@code tiny_cnn.pt} into {@code tmp} entry by entry, each entry holding what {@code
   * edit} makes of its name and bytes; an entry it maps to null is left out.
   */
  private Path editedCopy(String name, BiFunction<String, byte[], byte[]> edit) throws IOException {
    Path file = tmp.resolve(name);
    try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(dir.resolve("tiny_cnn.pt").toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      for (ZipEntry e : java.util.Collections.list(in.entries())) {
        byte[] bytes = edit.apply(e.getName(), in.getInputStream(e).readAllBytes());
        if (bytes != null) {
          out.putNextEntry(new ZipEntry(e.getName()));
          out.write(bytes);
          out.closeEntry();
        }
      }
    }
    return file;
  }

  @Test
  void refusesAStorageEntryCutShort() throws IOException {
    Path file =
        editedCopy(
            "short.pt",
            (name, bytes) -> name.equals("tiny_cnn/data/0") ? Arrays.copyOf(bytes, 4) : bytes);
    assertThatThrownBy(() -> TorchScriptClassifier.load(TorchScriptSpec.of(file, MNIST, 1f)))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            file
                + ": corrupt TorchScript file: entry tiny_cnn/data/0 holds 4 bytes, its tensor"
                + " storage needs 144 (36 x FloatStorage)");
  }

  @Test
  void refusesAMissingStorageEntry() throws IOException {
    Path file =
        editedCopy("nodata.pt", (name, bytes) -> name.equals("tiny_cnn/data/1") ? null : bytes);
    assertThatThrownBy(() -> TorchScriptClassifier.load(TorchScriptSpec.of(file, MNIST, 1f)))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            file
                + ": corrupt TorchScript file: tiny_cnn/data.pkl refers to tensor storage"
                + " tiny_cnn/data/1, which the archive lacks");
  }

  @Test
  void readsTheStoragesOfAGoodArchive() throws IOException {
    try (java.util.zip.ZipFile zip =
        new java.util.zip.ZipFile(dir.resolve("tiny_cnn.pt").toFile())) {
      byte[] pkl = zip.getInputStream(zip.getEntry("tiny_cnn/data.pkl")).readAllBytes();
      assertThat(PickleStorages.of(pkl))
          .extracting(PickleStorages.Storage::key, PickleStorages.Storage::bytes)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("0", 144L),
              org.assertj.core.groups.Tuple.tuple("1", 16L),
              org.assertj.core.groups.Tuple.tuple("2", 31360L),
              org.assertj.core.groups.Tuple.tuple("3", 40L));
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  void refusesATextFile() throws IOException {
    Path file = tmp.resolve("notes.pt");
    Files.writeString(file, "these are not weights\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TorchScriptClassifier.load(TorchScriptSpec.of(file, MNIST, 1f)))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            file + ": not a TorchScript file (not a ZIP archive written by torch.jit.save)");
  }

  @Test
  void refusesAnOtherZip() throws IOException {
    Path file = tmp.resolve("other.pt");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.putNextEntry(new ZipEntry("other/readme.txt"));
      zip.write("hello".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    assertThatThrownBy(() -> TorchScriptClassifier.load(TorchScriptSpec.of(file, MNIST, 1f)))
        .isInstanceOf(UserInputException.class)
        .hasMessage(file + ": is a ZIP archive but not a TorchScript module (no code/ entries)");
  }

  static Stream<Arguments> inputShapesTheModuleRejects() {
    return Stream.of(
        // the first convolution rejects it
        Arguments.of(
            new InputShape(3, 32, 32),
            "Given groups=1, weight of size [4, 1, 3, 3], expected input[1, 3, 32, 32] to have 1"
                + " channels, but got 3 channels instead"),
        // it breaks the linear layer
        Arguments.of(
            new InputShape(1, 32, 32),
            "mat1 and mat2 shapes cannot be multiplied (1x1024 and 784x10)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputShapesTheModuleRejects")
  void refusesAnInputShapeTheModuleRejects(InputShape input, String reason) {
    io.shiftlab.TestData.assumeTorchScriptRuns();
    Path file = dir.resolve("tiny_cnn.pt");
    assertThatThrownBy(() -> TorchScriptClassifier.load(TorchScriptSpec.of(file, input, 1f)))
        .isInstanceOf(UserInputException.class)
        .hasMessage(file + ": does not accept input " + input + ": " + reason);
  }

  @Test
  void refusesTheWrongNumberOfClasses() {
    io.shiftlab.TestData.assumeTorchScriptRuns();
    Path file = dir.resolve("tiny_cnn.pt");
    assertThatThrownBy(() -> load("tiny_cnn.pt", MNIST, 5))
        .isInstanceOf(UserInputException.class)
        .hasMessage(file + ": returns shape (1, 10), expected (1, 5) logits (classes 5)");
    Path maps = dir.resolve("tiny_cnn_maps.pt");
    assertThatThrownBy(() -> load("tiny_cnn_maps.pt", MNIST, 5))
        .hasMessage(
            maps
                + ": returns shape (1, 10), expected (1, 5) logits as its last output (classes 5)");
  }

  @Test
  void refusesAMeanOfTheWrongLength() {
    assertThatThrownBy(
            () ->
                new TorchScriptSpec(
                    dir.resolve("tiny_cnn.pt"), MNIST, 1f, new float[] {0.5f, 0.5f}, null, null))
        .isInstanceOf(UserInputException.class)
        .hasMessage("mean: 2 values given, expected 1 (one per channel of the input 1x28x28)");
  }

  @Test
  void refusesBadScaleStdAndClasses() {
    Path f = dir.resolve("tiny_cnn.pt");
    assertThatThrownBy(() -> TorchScriptSpec.of(f, MNIST, 0f))
        .hasMessage("scale: must be a positive number, got 0");
    assertThatThrownBy(() -> TorchScriptSpec.of(f, MNIST, Float.NaN))
        .hasMessage("scale: must be a positive number, got NaN");
    assertThatThrownBy(() -> new TorchScriptSpec(f, MNIST, 1f, null, new float[] {0f}, null))
        .hasMessage("std: values must be positive, got 0");
    assertThatThrownBy(() -> new TorchScriptSpec(f, MNIST, 1f, null, null, 0))
        .hasMessage("classes: must be >= 1, got 0");
  }

  @Test
  void specCopiesItsArraysAndComparesByValue() {
    float[] mean = {0.1307f};
    Path f = dir.resolve("tiny_cnn.pt");
    TorchScriptSpec a = new TorchScriptSpec(f, MNIST, 1f, mean, new float[] {0.3081f}, null);
    mean[0] = 9f;
    assertThat(a.mean()).containsExactly(0.1307f);
    assertThat(a)
        .isEqualTo(
            new TorchScriptSpec(f, MNIST, 1f, new float[] {0.1307f}, new float[] {0.3081f}, null));
    assertThat(TorchScriptSpec.of(f, MNIST, 1f).isIdentity()).isTrue();
    assertThat(TorchScriptSpec.of(f, MNIST, 255f).isIdentity()).isFalse();
    assertThat(TorchScriptSpec.of(f, MNIST, 1f).mean()).containsExactly(0f);
    assertThat(TorchScriptSpec.of(f, MNIST, 1f).std()).containsExactly(1f);
  }

  @Test
  void engineReasonPicksTheErrorLine() {
    RuntimeException e =
        new RuntimeException(
            "The following operation failed in the TorchScript interpreter.\n"
                + "Traceback of TorchScript (most recent call last):\n"
                + "  File \"code/__torch__.py\", line 12, in forward\n"
                + "RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x1024 and 784x10)\n");
    assertThat(TorchScriptClassifier.engineReason(e))
        .isEqualTo("mat1 and mat2 shapes cannot be multiplied (1x1024 and 784x10)");
    assertThat(TorchScriptClassifier.engineReason(new RuntimeException("one line\nmore")))
        .isEqualTo("one line");
  }
}
