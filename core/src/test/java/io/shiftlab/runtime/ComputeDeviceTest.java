package io.shiftlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.shiftlab.UserInputException;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.nn.zoo.Network;
import org.junit.jupiter.api.Test;

class ComputeDeviceTest {
  @Test
  void parsesTheTwoNamesInAnyCase() {
    assertThat(ComputeDevice.parse("--device", "cpu")).isEqualTo(ComputeDevice.CPU);
    assertThat(ComputeDevice.parse("--device", "GPU")).isEqualTo(ComputeDevice.GPU);
    assertThat(ComputeDevice.GPU.djl()).isEqualTo(Device.gpu(0));
  }

  @Test
  void anythingElseNamesTheOptionAndTheChoices() {
    assertThatThrownBy(() -> ComputeDevice.parse("--device", "tpu"))
        .isInstanceOf(UserInputException.class)
        .hasMessage("--device: unknown device 'tpu'; choose cpu or gpu");
    assertThatThrownBy(() -> ComputeDevice.parse("--device", null))
        .isInstanceOf(UserInputException.class);
  }

  @Test
  void modelsAndManagersLiveOnTheDeviceInForce() {
    TorchRuntime.configure(TorchRuntime.threads(), null);
    assertThat(TorchRuntime.device()).isEqualTo(ComputeDevice.CPU);
    try (var m = TorchRuntime.newManager();
        Network net = Network.create(ModelCatalog.get("cnn2"), InputShape.MNIST, 10, 1)) {
      assertThat(m.getDevice()).isEqualTo(Device.cpu());
      assertThat(net.manager().getDevice()).isEqualTo(Device.cpu());
      assertThat(net.block().getParameters().get(0).getValue().getArray().getDevice())
          .isEqualTo(Device.cpu());
    }
  }

  @Test
  void askingForAGpuTheEngineLacksIsBadInput() {
    // the default build carries libtorch's CPU library
    assertThatThrownBy(
            () -> TorchRuntime.configure(TorchRuntime.threads(), null, ComputeDevice.GPU))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("device: gpu: the PyTorch engine sees no CUDA GPU");
    assertThat(TorchRuntime.device()).isEqualTo(ComputeDevice.CPU);
  }
}
