package io.shiftlab.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.shiftlab.TestData;
import io.shiftlab.UserInputException;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.PositionTarget;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.ReadoutSpec;
import io.shiftlab.nn.TorchScriptClassifier;
import io.shiftlab.nn.TorchScriptSpec;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.probe.FeatureMaps.Features;
import io.shiftlab.probe.FeatureMaps.Level;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.train.ParameterFile;
import io.shiftlab.train.ReadoutConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Feature levels of catalog and TorchScript models, and a frozen encoder that stays frozen. */
class FeatureMapsTest {
  private static final ImageSet IMAGES = TestData.squares("sq", 12, 4, 7);

  private static Path fixture(String name) throws Exception {
    return Path.of(TorchScriptClassifier.class.getResource(name).toURI());
  }

  @Test
  void posencLevelsAreTheThreeReluStagesAndTheEncoderStaysFrozen() {
    for (String model : List.of("posenc-zero", "posenc-none")) {
      try (Network net = Network.create(ModelCatalog.get(model), InputShape.MNIST, 4, 1);
          NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
        byte[] before = ParameterFile.toBytes(model, net.block());
        Features f = FeatureMaps.extract(net, model, IMAGES, List.of(), 14, m);
        int[] sides = model.equals("posenc-zero") ? new int[] {28, 14, 14} : new int[] {24, 8, 6};
        assertThat(f.levels())
            .extracting(Level::name, Level::channels, Level::height, Level::firstChannel)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("f1", 20, sides[0], 0),
                org.assertj.core.groups.Tuple.tuple("f2", 40, sides[1], 20),
                org.assertj.core.groups.Tuple.tuple("f3", 40, sides[2], 60));
        assertThat(f.channels()).isEqualTo(100);
        assertThat(f.source()).isEqualTo(model + " f1+f2+f3");
        Features f3 = f.select(List.of(2));
        assertThat(f3.channels()).isEqualTo(40);
        assertThat(f3.source()).isEqualTo(model + " f3");
        // the selected level is a copy of channels 60..99 of the concatenation
        assertThat(f3.data()[0]).isEqualTo(f.data()[60 * 14 * 14]);
        assertThat(FeatureMaps.extract(net, model, IMAGES, List.of(3), 14, m).data())
            .containsExactly(f3.data());

        var fit =
            PositionReadout.fit(
                f,
                Map.of("sq", f),
                PositionTarget.H,
                28,
                28,
                ReadoutSpec.DEFAULT,
                new ReadoutConfig(2, 4, ReadoutConfig.cardSgd(), 1));
        assertThat(fit.scores()).hasSize(1);
        assertThat(ParameterFile.toBytes(model, net.block()))
            .as("the read-out's training leaves the encoder untouched")
            .isEqualTo(before);
      }
    }
  }

  @Test
  void aTorchScriptModuleExposesTheMapsItReturns() throws Exception {
    io.shiftlab.TestData.assumeTorchScriptRuns();
    try (TorchScriptClassifier ts =
            TorchScriptClassifier.load(
                new TorchScriptSpec(
                    fixture("tiny_cnn_maps.pt"), InputShape.MNIST, 1f, null, null, 10));
        NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      Features f = FeatureMaps.extract(ts, "tiny_cnn_maps.pt", IMAGES, List.of(), 7, m);
      assertThat(f.levels()).containsExactly(new Level("f1", 4, 28, 28, 0));
      assertThat(f.data()).hasSize(12 * 4 * 7 * 7);
      assertThatThrownBy(() -> FeatureMaps.extract(ts, "t", IMAGES, List.of(2), 7, m))
          .isInstanceOf(UserInputException.class)
          .hasMessageStartingWith("param readout.levels")
          .hasMessageContaining("f1..f1");
    }
    try (TorchScriptClassifier plain =
            TorchScriptClassifier.load(
                new TorchScriptSpec(fixture("tiny_cnn.pt"), InputShape.MNIST, 1f, null, null, 10));
        NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      assertThatThrownBy(() -> FeatureMaps.extract(plain, "tiny_cnn.pt", IMAGES, List.of(), 7, m))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("exposes no spatial feature map");
    }
  }

  @Test
  void theRawImageIsItsOwnLevel() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      Features f = FeatureMaps.raw(IMAGES, 28, m);
      assertThat(f.levels()).containsExactly(new Level("image", 1, 28, 28, 0));
      assertThat(f.data()[0]).isEqualTo((IMAGES.pixels()[0] & 0xff) / 255f);
    }
  }
}
