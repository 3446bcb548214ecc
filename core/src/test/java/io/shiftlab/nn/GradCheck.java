package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.shiftlab.runtime.TorchRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Random;

/** Test helpers for the layers: forward, finite-difference gradient check, save/load round trip. */
final class GradCheck {
  private GradCheck() {}

  static NDArray forward(Block block, NDArray x, boolean training) {
    return block.forward(new ParameterStore(x.getManager(), false), new NDList(x), training).head();
  }

  /** A float64 array of the given shape with values from U(-1, 1) drawn from a Java seed. */
  static NDArray random(NDManager m, long seed, Shape shape) {
    Random r = new Random(seed);
    double[] v = new double[(int) shape.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = 2 * r.nextDouble() - 1;
    }
    return m.create(v, shape);
  }

  /**
   * Checks d/dx of L(x) = &Sigma; w &middot; block(x) (w random, fixed) from autograd against
   * central differences with step 1e-6 in float64; returns the autograd gradient.
   */
  static double[] check(Block block, NDArray x64, boolean training) {
    NDManager m = x64.getManager();
    NDArray probe = forward(block, x64, training);
    NDArray w = random(m, 99, probe.getShape());
    NDArray x = x64.duplicate();
    x.setRequiresGradient(true);
    try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
      NDArray loss = forward(block, x, training).mul(w).sum();
      gc.backward(loss);
    }
    double[] grad = x.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
    double[] base = x64.toDoubleArray();
    double eps = 1e-6;
    for (int i = 0; i < base.length; i++) {
      double[] plus = base.clone();
      plus[i] += eps;
      double[] minus = base.clone();
      minus[i] -= eps;
      double lp = loss(block, m.create(plus, x64.getShape()), w, training);
      double lm = loss(block, m.create(minus, x64.getShape()), w, training);
      assertThat(grad[i]).as("d/dx[" + i + "]").isCloseTo((lp - lm) / (2 * eps), within(1e-6));
    }
    return grad;
  }

  private static double loss(Block block, NDArray x, NDArray w, boolean training) {
    return forward(block, x, training).mul(w).sum().getDouble();
  }

  /**
   * Saves a SequentialBlock holding the block, loads the bytes into a fresh one and checks that
   * both write the same bytes and compute the same output.
   */
  static void roundTrips(Block block, Block fresh, NDArray x) throws Exception {
    NDManager m = x.getManager();
    SequentialBlock a = new SequentialBlock().add(block);
    a.initialize(m, x.getDataType(), x.getShape());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.saveParameters(new DataOutputStream(bytes));
    SequentialBlock b = new SequentialBlock().add(fresh);
    b.initialize(m, x.getDataType(), x.getShape());
    b.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    b.saveParameters(new DataOutputStream(again));
    assertThat(again.toByteArray()).containsExactly(bytes.toByteArray());
    assertThat(forward(b, x, false).toType(DataType.FLOAT64, false).toDoubleArray())
        .containsExactly(forward(a, x, false).toType(DataType.FLOAT64, false).toDoubleArray());
  }
}
