package io.shiftlab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.UserInputException;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed model and augmentation of a {@link TrainConfig}, and its unchanged JSON form. */
class TrainConfigJsonTest {
  @TempDir Path dir;

  /** {@code config.json} as shiftlab wrote it before the model and augmentation were typed. */
  private static final String WRITTEN_BEFORE =
      """
      {
        "augment" : "circular:4x4:int",
        "batchSize" : 64,
        "dataset" : "digits",
        "epochs" : 2,
        "maxTrain" : 0,
        "model" : "vgg-small:padding=circular",
        "optimizer" : {
          "beta1" : 0.9,
          "beta2" : 0.999,
          "epsilon" : 1.0E-7,
          "kind" : "ADAM",
          "learningRate" : 0.001,
          "momentum" : 0.0,
          "weightDecay" : 0.0
        },
        "order" : "SHUFFLED",
        "patience" : 0,
        "seed" : 7
      }""";

  @Test
  void aConfigWrittenBeforeReadsBackAndWritesTheSameText() throws Exception {
    Path f = dir.resolve("config.json");
    Files.writeString(f, WRITTEN_BEFORE);
    TrainConfig c = Json.read(f, TrainConfig.class);
    assertThat(c.model().name()).isEqualTo("vgg-small:padding=circular");
    assertThat(c.model().entry().name()).startsWith("vgg-small");
    assertThat(c.augment().text()).isEqualTo("circular:4x4:int");
    assertThat(c.augment().isNone()).isFalse();
    Path again = dir.resolve("again.json");
    Json.write(again, c);
    assertThat(Files.readString(again).strip()).isEqualTo(WRITTEN_BEFORE.strip());
    assertThat(Json.read(again, TrainConfig.class)).isEqualTo(c);
  }

  @Test
  void aMissingAugmentationIsNone() throws Exception {
    Path f = dir.resolve("config.json");
    Files.writeString(f, WRITTEN_BEFORE.replace("\"augment\" : \"circular:4x4:int\",", ""));
    assertThat(Json.read(f, TrainConfig.class).augment()).isEqualTo(AugmentSpec.NONE);
  }

  @Test
  void anUnknownModelInAConfigNamesTheFileAndTheModelSetting() throws Exception {
    Path f = dir.resolve("config.json");
    Files.writeString(f, WRITTEN_BEFORE.replace("vgg-small:padding=circular", "resnet"));
    assertThatThrownBy(() -> Json.read(f, TrainConfig.class))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("model: unknown model 'resnet'; choose one of");
  }

  @Test
  void augmentationValuesParseOnceAndKeepTheirText() {
    assertThat(AugmentSpec.parse(null)).isSameAs(AugmentSpec.NONE);
    assertThat(AugmentSpec.parse(" ")).isSameAs(AugmentSpec.NONE);
    assertThat(AugmentSpec.parse("none").isNone()).isTrue();
    assertThat(AugmentSpec.parse("None").isNone()).isTrue();
    assertThat(AugmentSpec.parse("None").text()).isEqualTo("None");
    assertThat(AugmentSpec.parse("none").augmentation(InputShape.MNIST))
        .isSameAs(Augmentation.NONE);
    // keras: a tenth of the image size, fill nearest, real offsets
    assertThat(AugmentSpec.parse("keras").augmentation(InputShape.MNIST))
        .hasToString("replicate:2.8x2.8:real");
    assertThat(AugmentSpec.parse("zero:4x3:int").augmentation(InputShape.MNIST))
        .hasToString("zero:4x3:int");
  }

  @Test
  void aBadAugmentationFailsAtOnceAgainstTheAugmentSetting() {
    assertThatThrownBy(() -> AugmentSpec.parse("zero:4y3"))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("augment: zero:4y3: expected");
  }

  @Test
  void modelReferencesResolveOnceAndCompareByName() {
    ModelRef cnn2 = ModelRef.of("cnn2");
    assertThat(cnn2.entry()).isSameAs(ModelCatalog.get("cnn2"));
    assertThat(ModelRef.of("vgg-small:padding=circular"))
        .isEqualTo(ModelRef.of("vgg-small:padding=circular"));
    assertThatThrownBy(() -> ModelRef.of("--model", "resnet"))
        .hasMessageStartingWith("--model: unknown model 'resnet'; choose one of");
    assertThatThrownBy(() -> ModelRef.of(" "))
        .isInstanceOf(UserInputException.class)
        .hasMessage("model: is required");
  }
}
