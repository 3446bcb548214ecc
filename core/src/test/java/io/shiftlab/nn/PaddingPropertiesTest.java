package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.shift.BatchShifter;
import io.shiftlab.shift.ShiftMode;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class PaddingPropertiesTest {
  private static float[] uniform(SplittableRandom rng, long n, double lo, double hi) {
    float[] a = new float[(int) n];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) rng.nextDouble(lo, hi);
    }
    return a;
  }

  @Property(tries = 20)
  void circularConvolutionCommutesWithCircularShifts(
      @ForAll @IntRange(min = 3, max = 7) int h,
      @ForAll @IntRange(min = 3, max = 7) int w,
      @ForAll @IntRange(min = 0, max = 1) int halfKernel,
      @ForAll @IntRange(min = 1, max = 2) int dilation,
      @ForAll @IntRange(min = 1, max = 2) int channels,
      @ForAll @IntRange(min = -8, max = 8) int dx,
      @ForAll @IntRange(min = -8, max = 8) int dy,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int k = 2 * halfKernel + 1;
    Shape in = new Shape(2, channels, h, w);
    try (NDManager m = PaddedConv2dTest.manager()) {
      PaddedConv2d conv = new PaddedConv2d(PaddingMode.CIRCULAR, 2, k, 1, dilation, true);
      float[] weights = uniform(rng, 2L * channels * k * k, -1, 1);
      conv.setInitializer((mg, s, dt) -> mg.create(weights, s), Parameter.Type.WEIGHT);
      conv.initialize(m, DataType.FLOAT32, in);
      NDArray x = m.create(uniform(rng, in.size(), 0, 1), in);
      BatchShifter roll = new BatchShifter(ShiftMode.CIRCULAR);
      float[] convOfRolled =
          PaddedConv2dTest.forward(conv, roll.applyAll(x, dx, dy)).toFloatArray();
      float[] rolledConv = roll.applyAll(PaddedConv2dTest.forward(conv, x), dx, dy).toFloatArray();
      assertThat(convOfRolled).hasSize(rolledConv.length);
      for (int i = 0; i < rolledConv.length; i++) {
        assertThat(convOfRolled[i]).as("element " + i).isCloseTo(rolledConv[i], within(1e-5f));
      }
    }
  }

  @Property(tries = 20)
  void reflectPaddingKeepsLeftRightSymmetry(
      @ForAll @IntRange(min = 2, max = 6) int h,
      @ForAll @IntRange(min = 2, max = 7) int w,
      @ForAll @IntRange(min = 0, max = 5) int top,
      @ForAll @IntRange(min = 0, max = 5) int bottom,
      @ForAll @IntRange(min = 0, max = 6) int side,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Pad2d pad =
        new Pad2d(
            PaddingMode.REFLECT,
            Math.min(top, h - 1),
            Math.min(bottom, h - 1),
            Math.min(side, w - 1),
            Math.min(side, w - 1));
    try (NDManager m = PaddedConv2dTest.manager()) {
      Shape in = new Shape(1, 2, h, w);
      NDArray x = m.create(uniform(rng, in.size(), 0, 1), in);
      NDArray symmetric = x.add(x.flip(3));
      NDArray y = pad.pad(symmetric);
      assertThat(y.toFloatArray()).containsExactly(y.flip(3).toFloatArray());
    }
  }

  @Property(tries = 30)
  void fullAndValidOutputSizesFollowTheFormula(
      @ForAll @IntRange(min = 1, max = 12) int n,
      @ForAll @IntRange(min = 1, max = 5) int k,
      @ForAll @IntRange(min = 1, max = 3) int s,
      @ForAll @IntRange(min = 1, max = 2) int d) {
    int kEff = d * (k - 1) + 1;
    PaddedConv2d full = new PaddedConv2d(PaddingMode.FULL, 1, k, s, d, false);
    Shape in = new Shape(1, 1, n, n + 1);
    Shape out = full.getOutputShapes(new Shape[] {in})[0];
    assertThat(out.get(2)).isEqualTo((n + kEff - 2) / s + 1);
    if (s == 1) {
      assertThat(out.get(2)).isEqualTo(n + kEff - 1);
    }
    PaddedConv2d valid = new PaddedConv2d(PaddingMode.NONE, 1, k, s, d, false);
    if (n >= kEff) {
      assertThat(valid.getOutputShapes(new Shape[] {in})[0].get(2)).isEqualTo((n - kEff) / s + 1);
    }
    try (NDManager m = PaddedConv2dTest.manager()) {
      full.initialize(m, DataType.FLOAT32, in);
      NDArray y = PaddedConv2dTest.forward(full, m.ones(in));
      assertThat(y.getShape()).isEqualTo(out);
    }
  }

  @Provide
  Arbitrary<PaddingMode> padModes() {
    return Arbitraries.of(
        PaddingMode.ZERO, PaddingMode.REFLECT, PaddingMode.REPLICATE, PaddingMode.CIRCULAR);
  }

  @Property(tries = 16)
  void padInputGradientMatchesCentralDifferences(
      @ForAll("padModes") PaddingMode mode,
      @ForAll @IntRange(min = 3, max = 5) int h,
      @ForAll @IntRange(min = 3, max = 5) int w,
      @ForAll @IntRange(min = 0, max = 2) int top,
      @ForAll @IntRange(min = 0, max = 2) int bottom,
      @ForAll @IntRange(min = 0, max = 2) int left,
      @ForAll @IntRange(min = 0, max = 2) int right,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Pad2d pad = new Pad2d(mode, top, bottom, left, right);
    Shape in = new Shape(1, 1, h, w);
    Shape outShape = pad.getOutputShapes(new Shape[] {in})[0];
    try (NDManager m = PaddedConv2dTest.manager()) {
      double[] xs = rng.doubles(in.size(), -1, 1).toArray();
      NDArray r = m.create(rng.doubles(outShape.size(), -1, 1).toArray(), outShape);
      NDArray x = m.create(xs, in);
      x.setRequiresGradient(true);
      double[] analytic;
      try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
        gc.backward(pad.pad(x).mul(r).sum());
        analytic = x.getGradient().toDoubleArray();
      }
      for (int i = 0; i < xs.length; i++) {
        double numeric =
            GradCheck.centralDifference(
                xs, i, 1e-6, v -> pad.pad(m.create(v, in)).mul(r).sum().getDouble());
        assertThat(analytic[i]).as(mode + " input " + i).isCloseTo(numeric, within(1e-7));
      }
    }
  }
}
