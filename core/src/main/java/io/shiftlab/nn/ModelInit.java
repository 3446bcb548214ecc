package io.shiftlab.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import io.shiftlab.runtime.TorchRuntime;

/**
 * Seeded initialisation of a block's parameters.
 *
 * <p>Weights get Glorot/Xavier uniform, U(&minus;l, l) with l = &radic;(6 / (fan_in + fan_out)),
 * and biases zeros: the Keras defaults the shifted-digits article trained with. DJL's {@link
 * XavierInitializer} with factor {@code AVG} and magnitude 3 is exactly that bound. libtorch's
 * generator is seeded first, so the same seed gives the same parameters bit for bit.
 */
public final class ModelInit {
  private ModelInit() {}

  /**
   * Initialises every parameter of {@code block} for a batch of {@code input}.
   *
   * @param block the block
   * @param manager the manager the parameters live in
   * @param input the input shape
   * @param seed the seed of the {@code init} stream
   */
  public static void initialize(Block block, NDManager manager, InputShape input, long seed) {
    block.setInitializer(
        new XavierInitializer(
            XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3f),
        Parameter.Type.WEIGHT);
    block.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
    TorchRuntime.seedTorch(seed);
    block.initialize(manager, DataType.FLOAT32, input.batch(1));
  }

  /**
   * Counts the scalar parameters of an initialised block.
   *
   * @param block the block
   * @return the number of parameters
   */
  public static long countParameters(Block block) {
    long n = 0;
    for (var p : block.getParameters()) {
      n += p.getValue().getArray().getShape().size();
    }
    return n;
  }
}
