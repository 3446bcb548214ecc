package io.shiftlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.UserInputException;
import io.shiftlab.nn.InputShape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ImageFolder layout read into test images: classes, order, fitting, channels, errors. */
class ImageFolderReaderTest {
  @TempDir Path dir;

  static void write(Path file, int w, int h, Color left, Color right, String format)
      throws Exception {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(left);
    g.fillRect(0, 0, w / 2, h);
    g.setColor(right);
    g.fillRect(w / 2, 0, w - w / 2, h);
    g.dispose();
    Files.createDirectories(file.getParent());
    ImageIO.write(img, format, file.toFile());
  }

  @Test
  void classesAreSortedFoldersAndImagesAreFittedThenCentreCropped() throws Exception {
    // b/ before c/, files sorted by name; a non-image file and a hidden folder are skipped
    write(dir.resolve("c/1.png"), 32, 32, Color.RED, Color.RED, "png");
    write(dir.resolve("b/2.png"), 64, 32, Color.RED, Color.BLUE, "png");
    write(dir.resolve("b/1.PNG"), 16, 16, Color.GREEN, Color.GREEN, "png");
    Files.writeString(dir.resolve("b/notes.txt"), "not an image");
    write(dir.resolve(".hidden/1.png"), 8, 8, Color.RED, Color.RED, "png");
    ImageFolderReader.Folder f = ImageFolderReader.read(dir, new InputShape(3, 32, 32));
    assertThat(f.classes()).containsExactly("b", "c");
    ImageSet s = f.images();
    assertThat(s.size()).isEqualTo(3);
    assertThat(s.labels()).containsExactly(0, 0, 1);
    assertThat(s.channels()).isEqualTo(3);
    byte[] p = s.pixels();
    int plane = 32 * 32;
    // b/1.PNG: a 16x16 green square scaled up to 32x32 stays green everywhere
    assertThat(p[0] & 0xff).isZero();
    assertThat(p[plane + 500] & 0xff).isEqualTo(255);
    // b/2.png: 64x32 red|blue already covers 32x32 (scale 1); its centre columns 16..47 are kept,
    // so the left half of the crop is red and the right half blue
    int img2 = 3 * plane;
    assertThat(p[img2 + 5 * 32 + 3] & 0xff).isEqualTo(255); // red plane, left
    assertThat(p[img2 + 2 * plane + 5 * 32 + 3] & 0xff).isZero(); // blue plane, left
    assertThat(p[img2 + 5 * 32 + 28] & 0xff).isZero(); // red plane, right
    assertThat(p[img2 + 2 * plane + 5 * 32 + 28] & 0xff).isEqualTo(255); // blue plane, right
    assertThat(f.sha256()).hasSize(64);
  }

  @Test
  void oneChannelIsTheLumaOfPil() throws Exception {
    write(dir.resolve("a/1.png"), 8, 8, new Color(200, 100, 50), new Color(200, 100, 50), "png");
    ImageSet s = ImageFolderReader.read(dir, new InputShape(1, 8, 8)).images();
    // (299 * 200 + 587 * 100 + 114 * 50 + 500) / 1000 = 124
    assertThat(s.pixels()[0] & 0xff).isEqualTo(124);
  }

  @Test
  void aJpegIsReadAndABrokenImageNamesItsFile() throws Exception {
    write(dir.resolve("a/1.jpg"), 40, 40, Color.WHITE, Color.WHITE, "jpg");
    assertThat(ImageFolderReader.read(dir, new InputShape(3, 32, 32)).images().size()).isEqualTo(1);
    Files.writeString(dir.resolve("a/2.png"), "not a png");
    assertThatThrownBy(() -> ImageFolderReader.read(dir, new InputShape(3, 32, 32)))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(dir.resolve("a/2.png").toString());
  }

  @Test
  void aFolderWithoutClassFoldersIsRefused() throws Exception {
    Files.writeString(dir.resolve("x.png"), "");
    assertThatThrownBy(() -> ImageFolderReader.read(dir, new InputShape(3, 32, 32)))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            dir + ": holds no class folders (expected DIR/CLASS/IMAGE.png, as ImageFolder)");
  }

  @Test
  void aClassMapRelabelsOntoTheModelsLogitsAndRefusesGaps() throws Exception {
    write(dir.resolve("cat/1.png"), 8, 8, Color.RED, Color.RED, "png");
    write(dir.resolve("dog/1.png"), 8, 8, Color.RED, Color.RED, "png");
    ImageFolderReader.Folder f = ImageFolderReader.read(dir, new InputShape(3, 8, 8));
    DataSplits data =
        new DataSplits(
            f.images().head(0), f.images().head(0), f.images(), java.util.Map.of(), f.classes());
    ImageSet mapped =
        ClassMap.parse("--class-map", "cat=281, dog=207")
            .apply("--class-map", f.images(), data, 1000);
    assertThat(mapped.labels()).containsExactly(281, 207);
    assertThat(mapped.numClasses()).isEqualTo(1000);
    assertThatThrownBy(
            () -> ClassMap.parse("--class-map", "cat=1").apply("--class-map", f.images(), data, 10))
        .hasMessage("--class-map: classes dog of the data set are not mapped");
    assertThatThrownBy(
            () ->
                ClassMap.parse("--class-map", "cat=1,dog=2,cow=3")
                    .apply("--class-map", f.images(), data, 10))
        .hasMessage("--class-map: the data set has no class 'cow'; its classes are cat, dog");
    assertThatThrownBy(
            () ->
                ClassMap.parse("--class-map", "cat=1,dog=10")
                    .apply("--class-map", f.images(), data, 10))
        .hasMessage("--class-map: class 'dog' maps to 10, outside the model's 0..9");
    assertThatThrownBy(() -> ClassMap.parse("--class-map", "cat:1"))
        .hasMessage("--class-map: 'cat:1' is not DATA_CLASS=MODEL_INDEX");
  }
}
