package io.shiftlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageOverlapTest {
  private static ImageSet set(byte... firstPixels) {
    byte[] px = new byte[firstPixels.length * 4];
    for (int i = 0; i < firstPixels.length; i++) {
      px[i * 4] = firstPixels[i];
    }
    return new ImageSet("s", px, new int[firstPixels.length], 2, 1, 2, 2);
  }

  @Test
  void countsImagesOfTheSecondSetFoundInTheFirst() {
    ImageSet a = set((byte) 1, (byte) 2);
    // 2 occurs twice in b and counts twice; 3 is new
    assertThat(ImageOverlap.shared(a, set((byte) 2, (byte) 3, (byte) 2))).isEqualTo(2);
    assertThat(ImageOverlap.shared(a, set((byte) 4))).isZero();
  }
}
