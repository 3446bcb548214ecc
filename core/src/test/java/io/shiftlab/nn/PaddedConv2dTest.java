package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import io.shiftlab.runtime.TorchRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PaddedConv2dTest {
  static NDManager manager() {
    return GradCheck.manager();
  }

  static NDArray forward(PaddedConv2d conv, NDArray x) {
    return conv.forward(new ParameterStore(x.getManager(), false), new NDList(x), false).head();
  }

  /** A 1 -> 1 convolution with an all-ones k x k kernel and no bias, initialised for {@code x}. */
  static PaddedConv2d ones(NDManager m, PaddingMode mode, int k, Shape in) {
    return ones(m, new PaddedConv2d(mode, 1, k, 1, 1, false), in);
  }

  /** The convolution with all-ones weights, initialised for {@code in}. */
  private static PaddedConv2d ones(NDManager m, PaddedConv2d conv, Shape in) {
    conv.setInitializer(Initializer.ONES, Parameter.Type.WEIGHT);
    conv.initialize(m, DataType.FLOAT32, in);
    return conv;
  }

  /** Runs a 3x3 all-ones kernel over 1 2 3 / 4 5 6 / 7 8 9. */
  private static NDArray onesOnGrid(NDManager m, PaddingMode mode) {
    Shape in = new Shape(1, 1, 3, 3);
    NDArray x = m.arange(1f, 10f).reshape(in);
    PaddedConv2d conv = ones(m, mode, 3, in);
    return GradCheck.forwardAsDeclared(conv, x);
  }

  static Stream<Arguments> onesKernelOnTheGrid() {
    return Stream.of(
        // zero sums the neighbours inside the image
        Arguments.of(PaddingMode.ZERO, 3, new float[] {12, 21, 16, 27, 45, 33, 24, 39, 28}),
        // reflect of a ramp is a linear ramp
        Arguments.of(PaddingMode.REFLECT, 3, new float[] {33, 36, 39, 42, 45, 48, 51, 54, 57}),
        // replicate repeats the edge pixels
        Arguments.of(PaddingMode.REPLICATE, 3, new float[] {21, 27, 33, 39, 45, 51, 57, 63, 69}),
        // circular sees the whole torus from every pixel
        Arguments.of(PaddingMode.CIRCULAR, 3, new float[] {45, 45, 45, 45, 45, 45, 45, 45, 45}),
        // none keeps only the full window
        Arguments.of(PaddingMode.NONE, 1, new float[] {45}),
        // full is the 5x5 full convolution
        Arguments.of(
            PaddingMode.FULL,
            5,
            new float[] {
              1, 3, 6, 5, 3, //
              5, 12, 21, 16, 9, //
              12, 27, 45, 33, 18, //
              11, 24, 39, 28, 15, //
              7, 15, 24, 17, 9
            }),
        // partial reweights the zero result 12 21 16 / 27 45 33 / 24 39 28 by 9/4 at the corners,
        // 9/6 at the edges and 1 in the middle
        Arguments.of(
            PaddingMode.PARTIAL, 3, new float[] {27, 31.5f, 36, 40.5f, 45, 49.5f, 54, 58.5f, 63}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("onesKernelOnTheGrid")
  void onesKernelOnTheGridGivesTheHandComputedSums(PaddingMode mode, int side, float[] expected) {
    try (NDManager m = manager()) {
      NDArray y = onesOnGrid(m, mode);
      assertThat(y.getShape()).isEqualTo(new Shape(1, 1, side, side));
      assertThat(y.toFloatArray()).containsExactly(expected);
    }
  }

  @Test
  void partialAddsTheBiasAfterReweighting() {
    try (NDManager m = manager()) {
      Shape in = new Shape(1, 1, 3, 3);
      PaddedConv2d conv = new PaddedConv2d(PaddingMode.PARTIAL, 1, 3, 1, 1, true);
      conv.setInitializer(new ConstantInitializer(0.5f), Parameter.Type.BIAS);
      ones(m, conv, in);
      // a constant image of ones: every window averages to 1, so 9 + 0.5 everywhere
      assertThat(forward(conv, m.ones(in)).toFloatArray()).containsOnly(9.5f).hasSize(9);
    }
  }

  @Test
  void stridedValidConvolutionOnFourByFour() {
    try (NDManager m = manager()) {
      Shape in = new Shape(1, 1, 4, 4);
      PaddedConv2d conv = ones(m, new PaddedConv2d(PaddingMode.NONE, 1, 2, 2, 1, false), in);
      // 0..15: 2x2 block sums 0+1+4+5, 2+3+6+7, 8+9+12+13, 10+11+14+15
      NDArray y = forward(conv, m.arange(16f).reshape(in));
      assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 2, 2));
      assertThat(y.toFloatArray()).containsExactly(10, 18, 42, 50);
    }
  }

  @Test
  void outputShapesFollowThePaddingOfEachMode() {
    Shape in = new Shape(2, 3, 9, 10);
    // k 3, s 2, d 2: k_eff 5
    assertThat(shape(PaddingMode.ZERO, in)).isEqualTo(new Shape(2, 4, 5, 5));
    assertThat(shape(PaddingMode.REFLECT, in)).isEqualTo(new Shape(2, 4, 5, 5));
    assertThat(shape(PaddingMode.PARTIAL, in)).isEqualTo(new Shape(2, 4, 5, 5));
    assertThat(shape(PaddingMode.NONE, in)).isEqualTo(new Shape(2, 4, 3, 3));
    assertThat(shape(PaddingMode.FULL, in)).isEqualTo(new Shape(2, 4, 7, 7));
    try (NDManager m = manager()) {
      for (PaddingMode mode : PaddingMode.values()) {
        PaddedConv2d conv = new PaddedConv2d(mode, 4, 3, 2, 2, true);
        conv.initialize(m, DataType.FLOAT32, in);
        NDArray y = forward(conv, m.randomUniform(0f, 1f, in));
        assertThat(y.getShape()).as(mode.id()).isEqualTo(conv.getOutputShapes(new Shape[] {in})[0]);
      }
    }
  }

  private static Shape shape(PaddingMode mode, Shape in) {
    return new PaddedConv2d(mode, 4, 3, 2, 2, true).getOutputShapes(new Shape[] {in})[0];
  }

  @Test
  void evenKernelsLoseOnePixelLikePyTorch() {
    PaddedConv2d conv = new PaddedConv2d(PaddingMode.ZERO, 1, 4, 1, 1, false);
    assertThat(conv.padding()).isEqualTo(1);
    assertThat(conv.outputLength(10)).isEqualTo(9);
  }

  @Test
  void weightGradientMatchesCentralDifferences() {
    SplittableRandom rng = new SplittableRandom(11);
    for (PaddingMode mode : PaddingMode.values()) {
      try (NDManager m = manager()) {
        Shape in = new Shape(1, 2, 4, 5);
        double[] w = rng.doubles(2 * 2 * 3 * 3, -1, 1).toArray();
        PaddedConv2d conv = new PaddedConv2d(mode, 2, 3, 1, 1, true);
        conv.setInitializer((mg, s, dt) -> mg.create(w, s), Parameter.Type.WEIGHT);
        conv.initialize(m, DataType.FLOAT64, in);
        NDArray x = m.create(rng.doubles(in.size(), -1, 1).toArray(), in);
        Shape outShape = conv.getOutputShapes(new Shape[] {in})[0];
        NDArray r = m.create(rng.doubles(outShape.size(), -1, 1).toArray(), outShape);
        NDArray weight = conv.getParameters().get("weight").getArray();
        double[] analytic;
        try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
          NDArray loss =
              conv.forward(new ParameterStore(m, false), new NDList(x), true).head().mul(r).sum();
          gc.backward(loss);
          analytic = weight.getGradient().toDoubleArray();
        }
        for (int i = 0; i < w.length; i++) {
          double numeric = GradCheck.centralDifference(w, i, 1e-6, v -> loss(m, mode, v, in, x, r));
          assertThat(analytic[i]).as(mode + " weight " + i).isCloseTo(numeric, within(1e-6));
        }
      }
    }
  }

  private static double loss(
      NDManager m, PaddingMode mode, double[] w, Shape in, NDArray x, NDArray r) {
    PaddedConv2d conv = new PaddedConv2d(mode, 2, 3, 1, 1, true);
    conv.setInitializer((mg, s, dt) -> mg.create(w, s), Parameter.Type.WEIGHT);
    conv.initialize(m, DataType.FLOAT64, in);
    return forward(conv, x).mul(r).sum().getDouble();
  }

  @Test
  void saveAndLoadGiveTheSameOutput() throws IOException, MalformedModelException {
    try (NDManager m = manager()) {
      Shape in = new Shape(2, 3, 6, 6);
      NDArray x = m.randomUniform(0f, 1f, in);
      for (PaddingMode mode : new PaddingMode[] {PaddingMode.PARTIAL, PaddingMode.REFLECT}) {
        PaddedConv2d conv = new PaddedConv2d(mode, 4, 3, 1, 1, true);
        conv.setInitializer(new ConstantInitializer(0.25f), Parameter.Type.BIAS);
        conv.initialize(m, DataType.FLOAT32, in);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream os = new DataOutputStream(bytes)) {
          conv.saveParameters(os);
        }
        PaddedConv2d fresh = new PaddedConv2d(mode, 4, 3, 1, 1, true);
        fresh.initialize(m, DataType.FLOAT32, in);
        assertThat(forward(fresh, x).toFloatArray()).isNotEqualTo(forward(conv, x).toFloatArray());
        fresh.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(forward(fresh, x).toFloatArray())
            .containsExactly(forward(conv, x).toFloatArray());
      }
    }
  }

  @Test
  void rejectsBadSettings() {
    assertThatThrownBy(() -> new PaddedConv2d(PaddingMode.ZERO, 1, 0, 1, 1, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k=0");
  }
}
