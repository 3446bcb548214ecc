package io.shiftlab.shift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class BatchShifterTest {
  /** The 3 x 4 test image, row after row. */
  private static final float[] IMAGE = {
    1, 2, 3, 4, //
    5, 6, 7, 8, //
    9, 10, 11, 12
  };

  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  /** Expected results of shifting IMAGE, worked out by hand from out(x,y) = in(x-dx, y-dy). */
  static Stream<Arguments> handCases() {
    return Stream.of(
        // (+1, 0): column 0 reads column -1.
        Arguments.of(ShiftMode.ZERO, 1, 0, new float[] {0, 1, 2, 3, 0, 5, 6, 7, 0, 9, 10, 11}),
        Arguments.of(ShiftMode.CIRCULAR, 1, 0, new float[] {4, 1, 2, 3, 8, 5, 6, 7, 12, 9, 10, 11}),
        Arguments.of(ShiftMode.REPLICATE, 1, 0, new float[] {1, 1, 2, 3, 5, 5, 6, 7, 9, 9, 10, 11}),
        Arguments.of(ShiftMode.REFLECT, 1, 0, new float[] {2, 1, 2, 3, 6, 5, 6, 7, 10, 9, 10, 11}),
        // (0, -1): row 2 reads row 3.
        Arguments.of(ShiftMode.ZERO, 0, -1, new float[] {5, 6, 7, 8, 9, 10, 11, 12, 0, 0, 0, 0}),
        Arguments.of(
            ShiftMode.CIRCULAR, 0, -1, new float[] {5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3, 4}),
        Arguments.of(
            ShiftMode.REPLICATE, 0, -1, new float[] {5, 6, 7, 8, 9, 10, 11, 12, 9, 10, 11, 12}),
        Arguments.of(ShiftMode.REFLECT, 0, -1, new float[] {5, 6, 7, 8, 9, 10, 11, 12, 5, 6, 7, 8}),
        // (+2, +1): rows read -1, 0, 1; columns read -2, -1, 0, 1.
        Arguments.of(ShiftMode.ZERO, 2, 1, new float[] {0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 5, 6}),
        Arguments.of(ShiftMode.CIRCULAR, 2, 1, new float[] {11, 12, 9, 10, 3, 4, 1, 2, 7, 8, 5, 6}),
        Arguments.of(ShiftMode.REPLICATE, 2, 1, new float[] {1, 1, 1, 2, 1, 1, 1, 2, 5, 5, 5, 6}),
        Arguments.of(ShiftMode.REFLECT, 2, 1, new float[] {7, 6, 5, 6, 3, 2, 1, 2, 7, 6, 5, 6}));
  }

  @ParameterizedTest(name = "{0} ({1},{2})")
  @MethodSource("handCases")
  void shiftsTheHandWorkedImage(ShiftMode mode, int dx, int dy, float[] expected) {
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(IMAGE, new Shape(1, 1, 3, 4));
      NDArray out = BatchShifter.shift(x, new float[] {dx}, new float[] {dy}, mode);
      assertThat(out.getShape()).isEqualTo(new Shape(1, 1, 3, 4));
      assertArrayEquals(expected, out.toFloatArray(), 0f);
      assertArrayEquals(expected, BatchShifter.shiftAll(x, dx, dy, mode).toFloatArray(), 0f);
    }
  }

  @Test
  void halfPixelShiftAveragesNeighbours() {
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(IMAGE, new Shape(1, 1, 3, 4));
      // out[i] = (in[i-1] + in[i]) / 2, in[-1] = 0 (zero) or in[0] (replicate).
      assertArrayEquals(
          new float[] {0.5f, 1.5f, 2.5f, 3.5f, 2.5f, 5.5f, 6.5f, 7.5f, 4.5f, 9.5f, 10.5f, 11.5f},
          BatchShifter.shiftAll(x, 0.5, 0, ShiftMode.ZERO).toFloatArray(),
          1e-6f);
      assertArrayEquals(
          new float[] {1, 1.5f, 2.5f, 3.5f, 5, 5.5f, 6.5f, 7.5f, 9, 9.5f, 10.5f, 11.5f},
          BatchShifter.shiftAll(x, 0.5, 0, ShiftMode.REPLICATE).toFloatArray(),
          1e-6f);
      // Vertically by -0.5: out row r = (row r + row r+1) / 2, row 3 = 0.
      assertArrayEquals(
          new float[] {3, 4, 5, 6, 7, 8, 9, 10, 4.5f, 5, 5.5f, 6},
          BatchShifter.shiftAll(x, 0, -0.5, ShiftMode.ZERO).toFloatArray(),
          1e-6f);
    }
  }

  @Test
  void zeroModeShiftByTheWholeSizeLeavesNothing() {
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(IMAGE, new Shape(1, 1, 3, 4));
      float[] zeros = new float[12];
      assertArrayEquals(zeros, BatchShifter.shiftAll(x, 4, 0, ShiftMode.ZERO).toFloatArray(), 0f);
      assertArrayEquals(zeros, BatchShifter.shiftAll(x, -4.5, 0, ShiftMode.ZERO).toFloatArray(), 0);
      assertArrayEquals(zeros, BatchShifter.shiftAll(x, 0, -3, ShiftMode.ZERO).toFloatArray(), 0f);
      assertArrayEquals(zeros, BatchShifter.shiftAll(x, 1e9, 1, ShiftMode.ZERO).toFloatArray(), 0f);
    }
  }

  @Test
  void circularShiftThenItsInverseIsTheIdentity() {
    float[] pixels = randomPixels(2 * 3 * 5 * 7, 1);
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(pixels, new Shape(2, 3, 5, 7));
      BatchShifter circ = new BatchShifter(ShiftMode.CIRCULAR);
      float[] dx = {3, 10};
      float[] dy = {-2, 8};
      NDArray there = circ.apply(x, dx, dy);
      assertThat(there.toFloatArray()).isNotEqualTo(pixels);
      NDArray back = circ.apply(there, new float[] {-3, -10}, new float[] {2, -8});
      assertArrayEquals(pixels, back.toFloatArray(), 0f);
    }
  }

  @ParameterizedTest
  @EnumSource(ShiftMode.class)
  void integerShiftsAreBitExactCopies(ShiftMode mode) {
    int h = 5;
    int w = 6;
    // Exact equality: random values in [0,1) would betray any 0.99999 weight.
    assertMatchesReference(
        mode,
        h,
        w,
        2,
        new float[] {-7, 2, 5},
        new float[] {1, -4, 0},
        0f,
        (pixels, base, x, y, dx, dy) -> {
          int sy = mode.source(y - (int) dy, h);
          int sx = mode.source(x - (int) dx, w);
          return sx == ShiftMode.OUTSIDE || sy == ShiftMode.OUTSIDE
              ? 0
              : pixels[base + sy * w + sx];
        });
  }

  @ParameterizedTest
  @EnumSource(ShiftMode.class)
  void fractionalShiftsMatchAPerPixelBilinearReference(ShiftMode mode) {
    int h = 4;
    int w = 5;
    assertMatchesReference(
        mode,
        h,
        w,
        3,
        new float[] {0.25f, -1.75f, 6.5f},
        new float[] {-0.5f, 2.125f, -0.75f},
        1e-5f,
        (pixels, base, x, y, dx, dy) -> {
          // The four neighbours of the source point (x - dx, y - dy), weighted bilinearly.
          double sx = x - dx;
          double sy = y - dy;
          int x0 = (int) Math.floor(sx);
          int y0 = (int) Math.floor(sy);
          double fx = sx - x0;
          double fy = sy - y0;
          double v = 0;
          for (int j = 0; j < 2; j++) {
            for (int i = 0; i < 2; i++) {
              int px = mode.source(x0 + i, w);
              int py = mode.source(y0 + j, h);
              double wgt = (i == 0 ? 1 - fx : fx) * (j == 0 ? 1 - fy : fy);
              if (px != ShiftMode.OUTSIDE && py != ShiftMode.OUTSIDE) {
                v += wgt * pixels[base + py * w + px];
              }
            }
          }
          return (float) v;
        });
  }

  /** The value a shift should put at {@code (x, y)} of the channel that starts at {@code base}. */
  private interface PixelReference {
    float at(float[] pixels, int base, int x, int y, float dx, float dy);
  }

  /**
   * Shifts random 2-channel h x w images (one per entry of {@code dx}) with {@link
   * BatchShifter#shift} and compares every pixel with the reference.
   */
  private void assertMatchesReference(
      ShiftMode mode,
      int h,
      int w,
      long seed,
      float[] dx,
      float[] dy,
      float tolerance,
      PixelReference reference) {
    int n = dx.length;
    int c = 2;
    float[] pixels = randomPixels(n * c * h * w, seed);
    try (NDManager m = manager.newSubManager()) {
      NDArray out = BatchShifter.shift(m.create(pixels, new Shape(n, c, h, w)), dx, dy, mode);
      float[] expected = new float[pixels.length];
      for (int b = 0; b < n; b++) {
        for (int ch = 0; ch < c; ch++) {
          int base = (b * c + ch) * h * w;
          for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
              expected[base + y * w + x] = reference.at(pixels, base, x, y, dx[b], dy[b]);
            }
          }
        }
      }
      assertArrayEquals(expected, out.toFloatArray(), tolerance);
    }
  }

  @Test
  void eachImageGetsItsOwnOffsetOnEveryChannel() {
    // Image 0 = IMAGE, image 1 = IMAGE + 100; channel 1 = -channel 0.
    float[] pixels = new float[2 * 2 * 12];
    for (int i = 0; i < 12; i++) {
      pixels[i] = IMAGE[i];
      pixels[12 + i] = -IMAGE[i];
      pixels[24 + i] = IMAGE[i] + 100;
      pixels[36 + i] = -IMAGE[i] - 100;
    }
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(pixels, new Shape(2, 2, 3, 4));
      float[] out =
          new BatchShifter(ShiftMode.ZERO)
              .apply(x, new Offsets(new float[] {1, 0}, new float[] {0, -1}))
              .toFloatArray();
      float[] expected = {
        0, 1, 2, 3, 0, 5, 6, 7, 0, 9, 10, 11, // image 0 channel 0 by (+1, 0)
        0, -1, -2, -3, 0, -5, -6, -7, 0, -9, -10, -11, // image 0 channel 1
        105, 106, 107, 108, 109, 110, 111, 112, 0, 0, 0, 0, // image 1 channel 0 by (0, -1)
        -105, -106, -107, -108, -109, -110, -111, -112, 0, 0, 0, 0 // image 1 channel 1
      };
      assertArrayEquals(expected, out, 0f);
    }
  }

  @Test
  void gradientIsTheMaskOfSourcesThatLandInside() {
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(IMAGE, new Shape(1, 1, 3, 4));
      x.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray out = BatchShifter.shift(x, new float[] {2}, new float[] {1}, ShiftMode.ZERO);
        gc.backward(out.sum());
      }
      // Source (x, y) lands at (x + 2, y + 1): inside for x <= 1 and y <= 1.
      assertArrayEquals(
          new float[] {1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0}, x.getGradient().toFloatArray(), 0f);
    }
  }

  @Test
  void matricesAndResultLiveInTheGivenManager() {
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(IMAGE, new Shape(1, 1, 3, 4));
      NDArray out;
      try (NDManager batch = m.newSubManager()) {
        out = new BatchShifter(ShiftMode.ZERO).apply(batch, x, new float[] {1}, new float[] {0});
        assertThat(out.getManager()).isSameAs(batch);
      }
      assertThat(out.isReleased()).isTrue();
      assertThat(x.isReleased()).isFalse();
    }
  }

  @Test
  void rejectsBadInput() {
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(IMAGE, new Shape(1, 1, 3, 4));
      BatchShifter s = new BatchShifter(ShiftMode.ZERO);
      assertThatThrownBy(() -> s.apply(x, new float[] {1, 2}, new float[] {1, 2}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("need one offset per image: batch has 1 images, dx has 2, dy has 2");
      assertThatThrownBy(() -> s.applyAll(m.create(IMAGE, new Shape(3, 4)), 1, 1))
          .hasMessage("expected a batch of shape (N, C, H, W), got (3, 4)");
      assertThatThrownBy(() -> s.apply(x, new float[] {Float.NaN}, new float[] {0}))
          .hasMessage("shift must be finite, got NaN");
    }
  }

  private static float[] randomPixels(int size, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] p = new float[size];
    for (int i = 0; i < size; i++) {
      p[i] = (float) rng.nextDouble();
    }
    return p;
  }
}
