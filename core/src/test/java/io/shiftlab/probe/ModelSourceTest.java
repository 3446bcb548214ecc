package io.shiftlab.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.shiftlab.TestData;
import io.shiftlab.UserInputException;
import io.shiftlab.nn.Classifier;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.TorchScriptClassifier;
import io.shiftlab.nn.TorchScriptSpec;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.train.Augmentation;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.RunDirectory;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.Training;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSourceTest {
  @TempDir Path tmp;

  private static Path fixture() throws URISyntaxException {
    return Path.of(ModelSourceTest.class.getResource("/io/shiftlab/nn/tiny_cnn.pt").toURI());
  }

  private static ModelSource torchscript(
      Path file, String input, String scale, String mean, String std, Integer classes) {
    return ModelSource.resolve(null, file, input, scale, mean, std, classes);
  }

  @Test
  void resolvesATorchScriptSpec() throws Exception {
    io.shiftlab.TestData.assumeTorchScriptRuns();
    Path file = fixture();
    ModelSource s = torchscript(file, "1x28x28", "255", "33", "78", 10);
    assertThat(s)
        .isEqualTo(
            new ModelSource.TorchScript(
                new TorchScriptSpec(
                    file, InputShape.MNIST, 255f, new float[] {33f}, new float[] {78f}, 10)));
    assertThat(s.displayName()).isEqualTo("tiny_cnn.pt");
    try (Classifier c = s.open();
        NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      assertThat(c).isInstanceOf(TorchScriptClassifier.class);
      assertThat(c.numClasses()).isEqualTo(10);
      assertThat(c.logits(m.zeros(InputShape.MNIST.batch(2))).getShape().getShape())
          .containsExactly(2, 10);
    }
  }

  @Test
  void resolvesAFinishedRun() {
    Path dir = tmp.resolve("toy-run");
    TrainConfig config =
        TrainConfig.of(ModelRef.of("cnn2"), "toy", 1, 32, OptimizerSettings.adam(3e-3f), 11);
    new Training(
            config,
            TestData.squares("toy/train", 64, 4, 1),
            TestData.squares("toy/val", 32, 4, 2),
            Augmentation.NONE,
            new io.shiftlab.train.TrainingListener() {})
        .start(RunDirectory.create(dir), Map.of());
    ModelSource s = ModelSource.resolve(dir, null, null, null, null, null, null);
    assertThat(s).isEqualTo(new ModelSource.Run(dir));
    assertThat(s.displayName()).isEqualTo("toy-run");
    try (Classifier c = s.open()) {
      assertThat(c).isInstanceOf(Network.class);
      assertThat(c.numClasses()).isEqualTo(4);
    }
  }

  @Test
  void refusesAMissingRunDirectoryOnOpen() {
    Path dir = tmp.resolve("missing");
    assertThatThrownBy(() -> new ModelSource.Run(dir).open())
        .isInstanceOf(UserInputException.class)
        .hasMessage(dir + ": no such run directory");
  }

  @Test
  void needsExactlyOneModel() throws Exception {
    Path file = fixture();
    assertThatThrownBy(() -> ModelSource.resolve(tmp, file, null, null, null, null, null))
        .hasMessage("torchScript: give either a run directory or a TorchScript file, not both");
    assertThatThrownBy(() -> ModelSource.resolve(null, null, null, null, null, null, null))
        .hasMessage("torchScript: no model given: pass a run directory or a TorchScript file");
  }

  @Test
  void refusesTorchScriptOptionsWithARun() {
    assertThatThrownBy(() -> ModelSource.resolve(tmp, null, null, "255", null, null, null))
        .hasMessage(
            "scale: applies only to a TorchScript file; a run directory records its own input");
    assertThatThrownBy(() -> ModelSource.resolve(tmp, null, null, null, null, null, 10))
        .hasMessageStartingWith("classes: applies only to a TorchScript file");
  }

  @Test
  void requiresInputAndScaleWithTorchScript() throws Exception {
    Path file = fixture();
    assertThatThrownBy(() -> torchscript(file, null, "1", null, null, null))
        .hasMessage("input: required with a TorchScript file: the image shape CxHxW, e.g. 1x28x28");
    assertThatThrownBy(() -> torchscript(file, "1x28x28", null, null, null, null))
        .hasMessage(
            "scale: required with a TorchScript file: 1 if the model was trained on pixels in"
                + " [0, 1], 255 if on [0, 255]");
  }

  @Test
  void parseErrorsNameTheOption() throws Exception {
    Path file = fixture();
    assertThatThrownBy(() -> torchscript(file, "28x28", "1", null, null, null))
        .isInstanceOf(UserInputException.class)
        .hasMessage("input: '28x28': expected CxHxW, e.g. 1x28x28");
    assertThatThrownBy(() -> torchscript(file, "1x28x28", "-1", null, null, null))
        .hasMessage("scale: '-1': expected a positive number, e.g. 1 or 255");
    assertThatThrownBy(() -> torchscript(file, "1x28x28", "abc", null, null, null))
        .hasMessage("scale: 'abc': expected a positive number, e.g. 1 or 255");
    assertThatThrownBy(() -> torchscript(file, "1x28x28", "1", "0.5,,1", null, null))
        .hasMessage(
            "mean: '0.5,,1': expected comma-separated numbers, one per channel, e.g. 0.1307");
    assertThatThrownBy(() -> torchscript(file, "1x28x28", "1", null, "NaN", null))
        .hasMessageStartingWith("std: 'NaN': expected comma-separated numbers");
    assertThatThrownBy(() -> torchscript(file, "1x28x28", "1", "0.5,0.5", null, null))
        .hasMessage("mean: 2 values given, expected 1 (one per channel of the input 1x28x28)");
  }

  @Test
  void parsesNumbers() {
    assertThat(ModelSource.parseFloats("--mean", "0.485, 0.456,0.406"))
        .containsExactly(0.485f, 0.456f, 0.406f);
    assertThat(ModelSource.parseScale("--scale", " 255 ")).isEqualTo(255f);
    assertThat(ModelSource.parseInput("--input", "3x32x32")).isEqualTo(new InputShape(3, 32, 32));
  }
}
