package io.shiftlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.UserInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitsSheetTest {
  @TempDir static Path dir;
  static DigitsSheet.Splits splits;

  /**
   * A synthetic sheet: in cell (row i, column j), pixel (0,0) = i, pixel (0,1) = j, pixel (19,19) =
   * 200 and every other pixel 100, so each canvas tells where it came from.
   */
  static byte[] syntheticSheet() {
    byte[] s = new byte[2000 * 1000];
    java.util.Arrays.fill(s, (byte) 100);
    for (int i = 0; i < 50; i++) {
      for (int j = 0; j < 100; j++) {
        s[(20 * i) * 2000 + 20 * j] = (byte) i;
        s[(20 * i) * 2000 + 20 * j + 1] = (byte) j;
        s[(20 * i + 19) * 2000 + 20 * j + 19] = (byte) 200;
      }
    }
    return s;
  }

  static Path writeSheet(Path file) throws IOException {
    BufferedImage img = new BufferedImage(2000, 1000, BufferedImage.TYPE_BYTE_GRAY);
    img.getRaster().setDataElements(0, 0, 2000, 1000, syntheticSheet());
    ImageIO.write(img, "png", file.toFile());
    return file;
  }

  @BeforeAll
  static void readSynthetic() throws IOException {
    splits = DigitsSheet.read(writeSheet(dir.resolve("digits.png")));
  }

  private static int px(ImageSet s, int image, int y, int x) {
    return s.pixels()[image * 784 + y * 28 + x] & 0xff;
  }

  /** Checks that image k is cell (i, j) pasted at (4, 4) with label i / 5. */
  private static void assertCell(ImageSet s, int k, int i, int j) {
    assertThat(px(s, k, 4, 4)).as("row marker").isEqualTo(i);
    assertThat(px(s, k, 4, 5)).as("column marker").isEqualTo(j);
    assertThat(px(s, k, 23, 23)).isEqualTo(200);
    assertThat(px(s, k, 4, 6)).isEqualTo(100);
    assertThat(s.labels()[k]).isEqualTo(i / 5);
    int sum = 0;
    int nonZeroOutside = 0;
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        int v = px(s, k, y, x);
        sum += v;
        boolean inside = y >= 4 && y < 24 && x >= 4 && x < 24;
        if (!inside && v != 0) {
          nonZeroOutside++;
        }
      }
    }
    assertThat(nonZeroOutside).isZero();
    assertThat(sum).isEqualTo(i + j + 200 + 397 * 100);
  }

  @Test
  void splitSizesAndShape() {
    assertThat(splits.train().size()).isEqualTo(3500);
    assertThat(splits.val().size()).isEqualTo(500);
    assertThat(splits.test().size()).isEqualTo(1000);
    assertThat(splits.train().height()).isEqualTo(28);
    assertThat(splits.train().channels()).isEqualTo(1);
    assertThat(splits.test().numClasses()).isEqualTo(10);
    assertThat(splits.val().name()).isEqualTo("digits/val");
  }

  @Test
  void cellsArePlacedAtFourFourInColumnMajorOrderPerSplit() {
    assertCell(splits.train(), 0, 0, 0);
    assertCell(splits.train(), 71, 21, 1); // 50 cells per sheet column
    assertCell(splits.train(), 3499, 49, 69);
    assertCell(splits.val(), 0, 0, 70);
    assertCell(splits.val(), 257, 7, 75);
    assertCell(splits.test(), 0, 0, 80);
    assertCell(splits.test(), 999, 49, 99);
    assertCell(splits.test(), 130, 30, 82); // row 30 is digit 6
  }

  @Test
  void everyFiftyConsecutiveImagesHoldFiveOfEachDigit() {
    int[] counts = new int[10];
    for (int k = 0; k < 50; k++) {
      counts[splits.test().labels()[k]]++;
    }
    assertThat(counts).containsOnly(5);
  }

  @Test
  void eachDigitHasItsShareInEachSplit() {
    int[] counts = new int[10];
    for (int l : splits.test().labels()) {
      counts[l]++;
    }
    assertThat(counts).containsOnly(100);
  }

  @Test
  void rejectsNonPng() throws IOException {
    Path p = Files.writeString(dir.resolve("digits.txt"), "hello, not a picture");
    assertThatThrownBy(() -> DigitsSheet.read(p))
        .isInstanceOf(UserInputException.class)
        .hasMessage(p + ": not a PNG file (no PNG signature)");
  }

  /** Writes a blank PNG of the size and type and asserts that reading it is a user error. */
  private static AbstractThrowableAssert<?, ? extends Throwable> readingABlankPng(
      String name, int width, int height, int type) throws IOException {
    Path p = dir.resolve(name);
    ImageIO.write(new BufferedImage(width, height, type), "png", p.toFile());
    return assertThatThrownBy(() -> DigitsSheet.read(p)).isInstanceOf(UserInputException.class);
  }

  @Test
  void rejectsWrongSize() throws IOException {
    readingABlankPng("small.png", 20, 10, BufferedImage.TYPE_BYTE_GRAY)
        .hasMessage(
            dir.resolve("small.png")
                + ": found a 20x10 image, expected the 2000x1000 digits sheet");
  }

  @Test
  void rejectsColour() throws IOException {
    readingABlankPng("colour.png", 2000, 1000, BufferedImage.TYPE_3BYTE_BGR)
        .hasMessageStartingWith(
            dir.resolve("colour.png")
                + ": found a 3-component 24-bit image, expected 8-bit greyscale");
  }

  @Test
  void rejectsCorruptPngAndMissingFile() throws IOException {
    byte[] junk = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
    Path p = Files.write(dir.resolve("junk.png"), junk);
    assertThatThrownBy(() -> DigitsSheet.read(p))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(p + ": corrupt PNG");
    Path missing = dir.resolve("missing.png");
    assertThatThrownBy(() -> DigitsSheet.read(missing))
        .isInstanceOf(UserInputException.class)
        .hasMessage(missing + ": file not found");
  }
}
