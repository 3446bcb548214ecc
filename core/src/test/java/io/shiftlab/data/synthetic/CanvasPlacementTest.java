package io.shiftlab.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.CornerOnly.Corner;
import org.junit.jupiter.api.Test;

class CanvasPlacementTest {

  /** Two 2-channel 3x4 images; each pixel holds a distinct non-zero value. */
  private static ImageSet tiny() {
    byte[] px = new byte[2 * 2 * 3 * 4];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i + 1);
    }
    return new ImageSet("tiny", px, new int[] {1, 0}, 2, 2, 3, 4);
  }

  private static int at(ImageSet s, int i, int ch, int y, int x) {
    return s.pixels()[((i * s.channels() + ch) * s.height() + y) * s.width() + x] & 0xff;
  }

  @Test
  void everySourcePixelLandsAtRowPlusYColPlusXAndTheRestIsZero() {
    ImageSet src = tiny();
    ImageSet out = new CanvasPlacement(6, 7).place("placed", src, 2, 1);
    assertThat(out.channels()).isEqualTo(2);
    assertThat(out.height()).isEqualTo(6);
    assertThat(out.width()).isEqualTo(7);
    assertThat(out.labels()).containsExactly(1, 0);
    long nonZero = 0;
    for (int i = 0; i < 2; i++) {
      for (int ch = 0; ch < 2; ch++) {
        for (int y = 0; y < 6; y++) {
          for (int x = 0; x < 7; x++) {
            boolean inside = y >= 2 && y < 5 && x >= 1 && x < 5;
            int expected = inside ? at(src, i, ch, y - 2, x - 1) : 0;
            assertThat(at(out, i, ch, y, x)).isEqualTo(expected);
            nonZero += at(out, i, ch, y, x) != 0 ? 1 : 0;
          }
        }
      }
    }
    assertThat(nonZero).isEqualTo(src.pixels().length);
    // hand-computed: image 1, channel 1, source (2, 3) = index 1*24 + 1*12 + 2*4 + 3 = 47 -> 48
    assertThat(at(out, 1, 1, 4, 4)).isEqualTo(48);
  }

  @Test
  void perImagePositions() {
    ImageSet out = new CanvasPlacement(5, 5).place("p", tiny(), new int[] {0, 2}, new int[] {1, 0});
    assertThat(at(out, 0, 0, 0, 1)).isEqualTo(1);
    assertThat(at(out, 1, 0, 2, 0)).isEqualTo(25);
    assertThat(at(out, 1, 0, 0, 0)).isZero();
  }

  @Test
  void rejectsImagesThatDoNotFit() {
    CanvasPlacement c = new CanvasPlacement(5, 5);
    assertThatThrownBy(() -> c.place("p", tiny(), 3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit");
    assertThatThrownBy(() -> c.place("p", tiny(), 0, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.place("p", tiny(), new int[] {0}, new int[] {0, 0}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cornerOnlyPutsAMarkerPixelAtEachCorner() {
    byte[] px = new byte[3 * 28 * 28];
    for (int i = 0; i < 3; i++) {
      px[i * 784 + 5 * 28 + 7] = (byte) 200; // marker at (y, x) = (5, 7)
      px[i * 784 + 27 * 28 + 27] = (byte) 255; // bottom-right source pixel
    }
    ImageSet digits = new ImageSet("d", px, new int[] {3, 9, 0}, 10, 1, 28, 28);
    int[][] expected = {{2, 2}, {2, 34}, {34, 2}, {34, 34}};
    for (Corner corner : Corner.values()) {
      ImageSet out = CornerOnly.test(digits, corner);
      int row = expected[corner.ordinal()][0];
      int col = expected[corner.ordinal()][1];
      assertThat(out.height()).isEqualTo(64);
      assertThat(out.width()).isEqualTo(64);
      assertThat(out.labels()).containsExactly(3, 9, 0);
      assertThat(out.name()).isEqualTo("d/corner-" + corner.name());
      for (int i = 0; i < 3; i++) {
        assertThat(at(out, i, 0, row + 5, col + 7)).isEqualTo(200);
        assertThat(at(out, i, 0, row + 27, col + 27)).isEqualTo(255);
        int sum = 0;
        for (byte b : out.image(i)) {
          sum += b & 0xff;
        }
        assertThat(sum).isEqualTo(455);
      }
    }
    assertThat(CornerOnly.train(digits).pixels())
        .isEqualTo(CornerOnly.test(digits, Corner.TL).pixels());
  }

  @Test
  void cornerOnlyRejectsOtherSizes() {
    assertThatThrownBy(() -> CornerOnly.train(tiny()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("28x28");
  }
}
