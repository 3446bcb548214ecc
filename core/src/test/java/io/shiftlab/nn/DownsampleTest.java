package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.junit.jupiter.api.Test;

class DownsampleTest {
  private static Shape through(java.util.List<Block> blocks, Shape in) {
    Shape[] s = {in};
    for (Block b : blocks) {
      s = b.getOutputShapes(s);
    }
    return s[0];
  }

  @Test
  void eachRecipeHalvesAnEvenSideAndFollowsCard11() {
    Shape in = new Shape(1, 3, 8, 8);
    for (Downsample d : Downsample.values()) {
      Shape out = through(d.reduce(), in);
      int want = d == Downsample.STRIDED || d == Downsample.DILATED ? 8 : 4;
      assertThat(out.get(2)).as(d.id()).isEqualTo(want);
      assertThat(d.convStride()).as(d.id()).isEqualTo(d == Downsample.STRIDED ? 2 : 1);
    }
    assertThat(Downsample.BLUR_MAX.reduce())
        .extracting(Object::toString)
        .containsExactly("MaxPool2d(k=2, s=1, p=0)", "BlurPool(k=3, s=2)");
    assertThat(Downsample.APS_MAX.reduce())
        .extracting(Object::toString)
        .containsExactly("Pad2d(circular, 0, 1, 0, 1)", "MaxPool2d(k=2, s=1, p=0)", "Aps(l2)");
    assertThat(Downsample.BLUR.shortcut())
        .extracting(Object::toString)
        .containsExactly("BlurPool(k=3, s=2)");
    assertThat(Downsample.DILATED.dilationAfter(2)).isEqualTo(4);
    assertThat(Downsample.MAX.dilationAfter(2)).isEqualTo(1);
    assertThat(Downsample.APS_BLUR.polyphase()).isTrue();
    assertThat(Downsample.BLUR.polyphase()).isFalse();
  }
}
