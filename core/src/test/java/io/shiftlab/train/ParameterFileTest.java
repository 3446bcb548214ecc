package io.shiftlab.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.UserInputException;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.nn.zoo.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterFileTest {
  @TempDir Path dir;

  private Path saved(String model, InputShape in) {
    Path f = dir.resolve(model + ".params");
    try (Network net = Network.create(ModelCatalog.get(model), in, 10, 1)) {
      ParameterFile.save(f, model, net.block());
    }
    return f;
  }

  private void loadInto(Path f, String model, InputShape in) {
    try (Network net = Network.create(ModelCatalog.get(model), in, 10, 2)) {
      ParameterFile.load(f, model, net.block(), net.manager());
    }
  }

  @Test
  void aFileThatIsNotAParameterFileIsRejected() throws IOException {
    Path f = dir.resolve("notes.txt");
    Files.writeString(f, "hello, this is not a model\n");
    assertThatThrownBy(() -> loadInto(f, "cnn2", InputShape.MNIST))
        .isInstanceOf(UserInputException.class)
        .hasMessage(f + ": not a shiftlab parameter file (bad magic)");
  }

  @Test
  void parametersOfAnotherModelAreRejected() {
    Path f = saved("cnn1", InputShape.MNIST);
    assertThatThrownBy(() -> loadInto(f, "cnn2", InputShape.MNIST))
        .isInstanceOf(UserInputException.class)
        .hasMessage(f + ": holds parameters of model 'cnn1', not 'cnn2'");
  }

  @Test
  void shapesThatDoNotMatchAreRejected() {
    Path f = saved("mlp", new InputShape(1, 20, 20));
    assertThatThrownBy(() -> loadInto(f, "mlp", InputShape.MNIST))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(f + ": parameter ")
        .hasMessageContaining("(100, 400) does not match the model's")
        .hasMessageContaining("(100, 784)");
  }

  @Test
  void truncatedAndTrailingBytesAreRejected() throws IOException {
    Path f = saved("cnn2", InputShape.MNIST);
    byte[] bytes = Files.readAllBytes(f);
    Path cut = dir.resolve("cut.params");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length - 100));
    assertThatThrownBy(() -> loadInto(cut, "cnn2", InputShape.MNIST))
        .isInstanceOf(UserInputException.class)
        .hasMessage(cut + ": truncated parameter file");
    Path longer = dir.resolve("long.params");
    Files.write(longer, Arrays.copyOf(bytes, bytes.length + 3));
    assertThatThrownBy(() -> loadInto(longer, "cnn2", InputShape.MNIST))
        .isInstanceOf(UserInputException.class)
        .hasMessage(longer + ": trailing bytes after the parameters");
  }

  @Test
  void missingFileIsNamed() {
    Path f = dir.resolve("nope.params");
    assertThatThrownBy(() -> loadInto(f, "cnn2", InputShape.MNIST))
        .isInstanceOf(UserInputException.class)
        .hasMessage(f + ": no such file");
  }
}
