package io.shiftlab.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shiftlab.data.ImageSet;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleGridTest {
  @Test
  void redGreenGridDecodesWithRedBoxRed(@TempDir Path dir) throws Exception {
    ImageSet set = RedGreen.generate(1L, new RedGreenSizes(12, 2, 2)).train();
    Path png = dir.resolve("sub/preview.png");
    SampleGrid.write(set, 10, png);
    BufferedImage img = ImageIO.read(png.toFile());
    // 10 images, 8 columns x 2 rows of 128-pixel cells with 2-pixel gaps
    assertEquals(8 * 128 + 7 * 2, img.getWidth());
    assertEquals(2 * 128 + 2, img.getHeight());
    // find image 9's red box (second row, second cell) and check the centre of a zoomed pixel
    int base = 9 * set.imageBytes();
    int row = -1;
    int col = -1;
    for (int k = 0; k < 1024 && row < 0; k++) {
      if (set.pixels()[base + k] != 0) {
        row = k / 32;
        col = k % 32;
      }
    }
    int x = 130 + col * 4 + 1;
    int y = 130 + row * 4 + 2;
    assertEquals(0xff0000, img.getRGB(x, y) & 0xffffff);
    // gap pixel is grey, background black
    assertEquals(0x808080, img.getRGB(128, 0) & 0xffffff);
  }

  @Test
  void greyPatchLocationGrid(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("patch.png");
    SampleGrid.write(PatchLocation.images(), 5, png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(2 * 128 + 2, img.getWidth());
    assertEquals(128, img.getHeight());
    // class 0: patch row 3 (153) at image (3, 0) -> grid (x 0..3, y 12..15)
    assertEquals(0x999999, img.getRGB(1, 13) & 0xffffff);
    // class 1: patch (12, 1) = 179 at image (28, 20) -> second cell
    assertEquals(0xb3b3b3, img.getRGB(130 + 20 * 4, 28 * 4) & 0xffffff);
  }
}
