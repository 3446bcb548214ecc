package io.shiftlab.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shiftlab.data.ImageSet;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatchLocationTest {
  private static int at(ImageSet set, int i, int row, int col) {
    return set.pixels()[i * 1024 + row * 32 + col] & 0xff;
  }

  @Test
  void shapeAndLabels() {
    ImageSet s = PatchLocation.images();
    assertEquals(2, s.size());
    assertEquals(1, s.channels());
    assertEquals(32, s.height());
    assertEquals(32, s.width());
    assertArrayEquals(new int[] {0, 1}, s.labels());
    assertEquals(2, s.numClasses());
  }

  /** Pixels by hand: image, row, column, value (0-255). */
  @ParameterizedTest(name = "image {0} ({1}, {2}) = {3}")
  @CsvSource({
    // class 0
    // crenellations: rows 0-2 at cols 0-2, 5-7, 10-12
    "0,  0,  0, 255",
    "0,  2,  2, 255",
    "0,  1,  3,   0",
    "0,  2,  4,   0",
    "0,  1,  6, 255",
    "0,  0,  8,   0",
    "0,  0, 12, 255",
    // row 3 = .6 = 153 everywhere in 0-12
    "0,  3,  0, 153",
    "0,  3, 12, 153",
    // body rows 4-11 cols 2-10
    "0,  4,  1,   0",
    "0,  4,  2, 255",
    "0, 11, 10, 255",
    "0, 11, 11,   0",
    // rows 12-13 cols 1-11 = .7 -> 179
    "0, 12,  0,   0",
    "0, 12,  1, 179",
    "0, 13, 11, 179",
    "0, 13, 12,   0",
    // base rows 14-15 full width
    "0, 14,  0, 255",
    "0, 15, 12, 255",
    // background outside the patch
    "0, 16,  0,   0",
    "0,  0, 13,   0",
    "0, 31, 31,   0",
    // class 1 is flush with the bottom right
    // base row 15 of the patch = image row 31, cols 19-31
    "1, 31, 31, 255",
    "1, 31, 19, 255",
    "1, 31, 18,   0",
    // crenellation at patch (0,12) = image (16,31); patch (0,0) = image (16,19)
    "1, 16, 31, 255",
    "1, 16, 19, 255",
    "1, 15, 31,   0",
    "1, 19, 25, 153",
    "1, 28, 20, 179",
    "1, 28, 19,   0",
    "1,  0,  0,   0",
  })
  void pixelsByHand(int image, int row, int col, int value) {
    assertEquals(value, at(PatchLocation.images(), image, row, col));
  }

  @Test
  void class1PatchIsClass0sPatchMovedToTheBottomRight() {
    ImageSet s = PatchLocation.images();
    // every patch pixel equals the class-0 pixel at the same patch coordinate
    for (int r = 0; r < 16; r++) {
      for (int c = 0; c < 13; c++) {
        assertEquals(at(s, 0, r, c), at(s, 1, 16 + r, 19 + c), "patch (" + r + "," + c + ")");
      }
    }
  }

  @Test
  void bothImagesHoldTheSameMultisetOfValues() {
    ImageSet s = PatchLocation.images();
    int[] a = new int[1024];
    int[] b = new int[1024];
    for (int k = 0; k < 1024; k++) {
      a[k] = s.pixels()[k] & 0xff;
      b[k] = s.pixels()[1024 + k] & 0xff;
    }
    Arrays.sort(a);
    Arrays.sort(b);
    assertArrayEquals(a, b);
    // hand count: 3 rows x 9 crenel pixels + 2 base rows x 13 + 8 body rows x 9 = 125 at 255
    assertEquals(27 + 26 + 72, Arrays.stream(a).filter(v -> v == 255).count());
    assertEquals(13, Arrays.stream(a).filter(v -> v == 153).count());
    assertEquals(22, Arrays.stream(a).filter(v -> v == 179).count());
  }
}
