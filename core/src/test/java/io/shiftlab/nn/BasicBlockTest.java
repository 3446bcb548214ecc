package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import io.shiftlab.runtime.TorchRuntime;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BasicBlockTest {
  private static NDManager manager() {
    return NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE);
  }

  @Test
  void withZeroConvolutionsAnIdentityBlockIsTheReluOfItsInput() {
    try (NDManager m = manager()) {
      // Main path: conv 0 -> BN (inference: (0 - 0) / sqrt(1 + eps) * 1 + 0 = 0) -> ReLU -> conv 0
      // -> BN = 0; skip path: identity; y = ReLU(0 + x).
      BasicBlock block = new BasicBlock(PaddingMode.ZERO, 2, false, Downsample.STRIDED, 1, false);
      block.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
      Shape in = new Shape(1, 2, 3, 3);
      block.initialize(m, DataType.FLOAT32, in);
      NDArray x = m.arange(-9f, 9f).reshape(in);
      NDArray y = GradCheck.forward(block, x, false);
      assertThat(y.toFloatArray()).containsExactly(x.maximum(0f).toFloatArray());
    }
  }

  @Test
  void fullPaddingPadsTheSkipPathAsKayhanDoes() {
    // stride-1 block: main 8 -> 10 -> 12, skip zero-padded 2 per side: 12
    BasicBlock same = new BasicBlock(PaddingMode.FULL, 4, false, Downsample.STRIDED, 1, false);
    assertThat(same.getOutputShapes(new Shape[] {new Shape(1, 4, 8, 8)})[0])
        .isEqualTo(new Shape(1, 4, 12, 12));
    // downsampling block: main floor((H + 4 - 3) / 2) + 1 then + 2; skip pad 3, 1x1 s2:
    // floor((H + 5) / 2) + 1; both floor((H + 1) / 2) + 3 = 7 for H = 8, 8 for H = 9
    BasicBlock down = new BasicBlock(PaddingMode.FULL, 8, true, Downsample.STRIDED, 1, true);
    assertThat(down.getOutputShapes(new Shape[] {new Shape(1, 4, 8, 8)})[0])
        .isEqualTo(new Shape(1, 8, 7, 7));
    assertThat(down.getOutputShapes(new Shape[] {new Shape(1, 4, 9, 9)})[0])
        .isEqualTo(new Shape(1, 8, 8, 8));
    // blur and APS: main ceil((H + 2) / 2) + 2, skip ceil((H + 6) / 2)
    for (Downsample d : new Downsample[] {Downsample.BLUR, Downsample.APS, Downsample.MAX}) {
      BasicBlock b = new BasicBlock(PaddingMode.FULL, 8, true, d, 1, true);
      assertThat(b.getOutputShapes(new Shape[] {new Shape(1, 4, 8, 8)})[0])
          .as(d.id())
          .isEqualTo(new Shape(1, 8, 7, 7));
    }
  }

  @Test
  void pathsThatDisagreeAreRejected() {
    // max-pool form of blur on an odd side: main ceil((9 - 1) / 2) = 4, skip ceil(9 / 2) = 5
    BasicBlock b = new BasicBlock(PaddingMode.ZERO, 4, true, Downsample.BLUR_MAX, 1, true);
    assertThatThrownBy(() -> b.getOutputShapes(new Shape[] {new Shape(1, 4, 9, 9)}))
        .hasMessageContaining("main path gives (1, 4, 4, 4) but the skip path (1, 4, 5, 5)");
  }

  @Property(tries = 8)
  void apsBlocksWithCircularPaddingCommuteWithCircularShifts(
      @ForAll @IntRange(min = -4, max = 4) int dy,
      @ForAll @IntRange(min = -4, max = 4) int dx,
      @ForAll boolean blur) {
    try (NDManager m = manager()) {
      Downsample d = blur ? Downsample.APS_BLUR : Downsample.APS;
      BasicBlock block = new BasicBlock(PaddingMode.CIRCULAR, 3, true, d, 1, true);
      Shape in = new Shape(2, 2, 8, 8);
      block.initialize(m, DataType.FLOAT64, in);
      NDArray x = GradCheck.random(m, 31L * dy + dx, in);
      NDArray y = GradCheck.forward(block, x, false);
      NDArray want = GradCheck.forward(block, GradCheck.roll(x, dy, dx), false);
      for (int s = 0; s < 2; s++) {
        NDArray ys = y.get(s + ":" + (s + 1));
        NDArray ws = want.get(s + ":" + (s + 1));
        boolean found = false;
        for (int sy : new int[] {Math.floorDiv(dy, 2), -Math.floorDiv(-dy, 2)}) {
          for (int sx : new int[] {Math.floorDiv(dx, 2), -Math.floorDiv(-dx, 2)}) {
            found |= GradCheck.roll(ys, sy, sx).sub(ws).abs().max().getDouble() < 1e-9;
          }
        }
        assertThat(found).as(d + " sample " + s + " shift " + dy + "," + dx).isTrue();
      }
    }
  }

  @Test
  void gradientChecksAndRoundTrips() throws Exception {
    try (NDManager m = manager()) {
      for (Downsample d : new Downsample[] {Downsample.STRIDED, Downsample.APS, Downsample.BLUR}) {
        BasicBlock block = new BasicBlock(PaddingMode.REFLECT, 2, true, d, 1, true);
        Shape in = new Shape(1, 2, 4, 4);
        block.initialize(m, DataType.FLOAT64, in);
        GradCheck.check(block, GradCheck.random(m, 4, in), false);
      }
      NDArray x = GradCheck.random(m, 5, new Shape(2, 3, 6, 6)).toType(DataType.FLOAT32, false);
      GradCheck.roundTrips(
          new BasicBlock(PaddingMode.CIRCULAR, 4, true, Downsample.APS, 1, true),
          new BasicBlock(PaddingMode.CIRCULAR, 4, true, Downsample.APS, 1, true),
          x);
      assertThat(new BasicBlock(PaddingMode.ZERO, 4, true, Downsample.APS, 1, true))
          .hasToString("BasicBlock(zero, filters=4, down=aps, projection)");
    }
  }
}
