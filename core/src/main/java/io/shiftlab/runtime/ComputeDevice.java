package io.shiftlab.runtime;

import ai.djl.Device;
import io.shiftlab.Choices;
import io.shiftlab.UserInputException;
import java.util.Locale;

/**
 * Where tensors live and kernels run: the CPU (the default, and the only device the default build
 * can use) or the first CUDA GPU, which needs the {@code -Pcuda} build (README, "GPU").
 *
 * <p>Bit-for-bit reproducibility holds on the CPU at a fixed thread count. On a GPU, cuDNN may pick
 * different algorithms from run to run, so repeated runs can differ in the last bits; runs on
 * different devices are never bit-comparable.
 */
public enum ComputeDevice implements Choices.Id {
  /** The CPU, through libtorch's CPU kernels (the default). */
  CPU,
  /** The first CUDA GPU. */
  GPU;

  /** DJL's device: {@code cpu()} or {@code gpu(0)}. */
  public Device djl() {
    return this == CPU ? Device.cpu() : Device.gpu(0);
  }

  /**
   * Parses a device name.
   *
   * @param option the option being parsed, named in the error
   * @param name {@code cpu} or {@code gpu}, any case
   * @return the device
   * @throws UserInputException naming the option and the choices for anything else
   */
  public static ComputeDevice parse(String option, String name) {
    String id = name == null ? null : name.toLowerCase(Locale.ROOT);
    return Choices.withId(ComputeDevice.class, id)
        .orElseThrow(
            () ->
                new UserInputException(
                    option, Choices.unknown("device", name, Choices.ids(ComputeDevice.class))));
  }
}
