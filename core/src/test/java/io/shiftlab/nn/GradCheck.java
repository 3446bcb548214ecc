package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
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
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/** Test helpers for the layers: forward, finite-difference gradient check, save/load round trip. */
final class GradCheck {
  private GradCheck() {}

  static NDArray forward(Block block, NDArray x, boolean training) {
    return block.forward(new ParameterStore(x.getManager(), false), new NDList(x), training).head();
  }

  /**
   * Runs a block forward for inference and asserts that the output shape the block declares for the
   * input ({@link Block#getOutputShapes}) is the shape it computed.
   */
  static NDArray forwardAsDeclared(Block block, NDArray x) {
    NDArray y = forward(block, x, false);
    assertThat(block.getOutputShapes(new Shape[] {x.getShape()})[0]).isEqualTo(y.getShape());
    return y;
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
    for (int i = 0; i < base.length; i++) {
      double numeric =
          centralDifference(
              base, i, 1e-6, v -> loss(block, m.create(v, x64.getShape()), w, training));
      assertThat(grad[i]).as("d/dx[" + i + "]").isCloseTo(numeric, within(1e-6));
    }
    return grad;
  }

  /**
   * The central difference (f(v + eps e_i) - f(v - eps e_i)) / (2 eps) of a function of an array,
   * evaluating the plus side first.
   *
   * @param v where to differentiate (not changed)
   * @param i the coordinate
   * @param eps the step
   * @param f the function
   * @return the estimate of df/dv_i
   */
  static double centralDifference(double[] v, int i, double eps, ToDoubleFunction<double[]> f) {
    double[] plus = v.clone();
    plus[i] += eps;
    double[] minus = v.clone();
    minus[i] -= eps;
    double lp = f.applyAsDouble(plus);
    double lm = f.applyAsDouble(minus);
    return (lp - lm) / (2 * eps);
  }

  /** A CPU manager of the test engine. */
  static NDManager manager() {
    return NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE);
  }

  /**
   * Asserts that a block saved inside a SequentialBlock and loaded into a fresh one gives the same
   * bytes and the same output on a seeded random float input.
   *
   * @param make makes the block, twice
   * @param seed the input's seed
   * @param shape the input's shape
   */
  static void roundTrips(Supplier<Block> make, long seed, Shape shape) throws Exception {
    try (NDManager m = manager()) {
      NDArray x = random(m, seed, shape).toType(DataType.FLOAT32, false);
      roundTrips(make.get(), make.get(), x);
    }
  }

  /** Asserts that a block refuses an input that is not an (N, C, H, W) image batch. */
  static void assertRejectsNonImages(Block block) {
    try (NDManager m = manager()) {
      assertThatThrownBy(() -> forward(block, m.ones(new Shape(2, 3)), false))
          .hasMessageContaining("(N, C, H, W)");
    }
  }

  /** Circular roll of an (N, C, H, W) array by (dy, dx): out(y, x) = in(y - dy, x - dx). */
  static NDArray roll(NDArray x, int dy, int dx) {
    return rollAxis(rollAxis(x, 2, dy), 3, dx);
  }

  private static NDArray rollAxis(NDArray x, int axis, int d) {
    long n = x.getShape().get(axis);
    long k = Math.floorMod(d, n);
    if (k == 0) {
      return x;
    }
    String lead = ":, ".repeat(axis);
    return x.get(lead + (n - k) + ":").concat(x.get(lead + ":" + (n - k)), axis);
  }

  /**
   * Whether {@code want} is {@code y} rolled by half the input shift (dy, dx), rounded either way
   * on each axis: what a phase-selecting 2x downsampler gives for an input rolled by (dy, dx).
   *
   * @param y the output for the unshifted input
   * @param dy the input's vertical shift
   * @param dx the input's horizontal shift
   * @param want the output for the shifted input
   * @param same when two outputs count as the same
   * @return whether one of the (up to) four half shifts matches
   */
  static boolean isAHalfShift(
      NDArray y, int dy, int dx, double[] want, BiPredicate<double[], double[]> same) {
    boolean found = false;
    for (int sy : new int[] {Math.floorDiv(dy, 2), -Math.floorDiv(-dy, 2)}) {
      for (int sx : new int[] {Math.floorDiv(dx, 2), -Math.floorDiv(-dx, 2)}) {
        found |= same.test(roll(y, sy, sx).toDoubleArray(), want);
      }
    }
    return found;
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
