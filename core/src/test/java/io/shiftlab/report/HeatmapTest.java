package io.shiftlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeatmapTest {
  static final int[] OFFSETS = {-2, -1, 0, 1, 2};

  /** Accuracy in percent per offset, peaking at (0, 0); row j is dy = OFFSETS[j]. */
  static Heatmap accuracyHeatmap() {
    int[][] acc = new int[5][5];
    for (int j = 0; j < 5; j++) {
      for (int i = 0; i < 5; i++) {
        acc[j][i] = 93 - 7 * (Math.abs(OFFSETS[i]) + Math.abs(OFFSETS[j]));
      }
    }
    acc[4][0] = 41; // a distinctive value, to find in the SVG
    return Heatmap.builder("Accuracy (%) per offset")
        .grid(OFFSETS, OFFSETS, acc)
        .scale(0, 100)
        .build();
  }

  @Test
  void pngHasTheRequestedSizeAndIsNotBlank() throws Exception {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(accuracyHeatmap().toPng()));
    assertThat(img.getWidth()).isEqualTo(Heatmap.DEFAULT_WIDTH);
    assertThat(img.getHeight()).isEqualTo(Heatmap.DEFAULT_HEIGHT);
    long distinct =
        java.util.stream.IntStream.range(0, img.getHeight())
            .flatMap(
                y -> java.util.stream.IntStream.range(0, img.getWidth()).map(x -> img.getRGB(x, y)))
            .distinct()
            .count();
    assertThat(distinct).as("distinct colours").isGreaterThan(20);
  }

  @Test
  void cellsAreColouredByValueWithTheTopRowAtTheLargestY() throws Exception {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(accuracyHeatmap().toPng()));
    // grid: left 80, top 50, 5x5 cells of (800-190)/5 = 122 by (680-110)/5 = 114 pixels
    int topLeft = img.getRGB(80 + 5, 50 + 5) & 0xFFFFFF; // dx=-2, dy=2: value 41
    int centre = img.getRGB(80 + 2 * 122 + 5, 50 + 2 * 114 + 5) & 0xFFFFFF; // dx=0, dy=0: 93
    assertThat(topLeft).isNotEqualTo(0xFFFFFF).isNotEqualTo(centre);
    // a higher value is darker on this scale
    assertThat(brightness(centre)).isLessThan(brightness(topLeft));
  }

  @Test
  void aLargeGridShowsColoursOnlyAndASmallOneItsNumbers() throws Exception {
    assertThat(blackPixelsInGrid(28)).as("784 cells: no numbers").isZero();
    assertThat(blackPixelsInGrid(5)).as("25 cells: a number in each").isGreaterThan(100);
  }

  /** Black (text) pixels inside the grid area of an n x n heatmap whose cells all hold 50. */
  private static long blackPixelsInGrid(int n) throws Exception {
    int[] axis = java.util.stream.IntStream.range(0, n).toArray();
    int[][] values = new int[n][n];
    for (int[] row : values) {
      java.util.Arrays.fill(row, 50);
    }
    BufferedImage img =
        ImageIO.read(
            new ByteArrayInputStream(
                Heatmap.builder("t").grid(axis, axis, values).scale(0, 100).build().toPng()));
    long black = 0;
    for (int y = 52; y < 50 + 568; y++) {
      for (int x = 82; x < 80 + 608; x++) {
        if (brightness(img.getRGB(x, y) & 0xFFFFFF) < 100) {
          black++;
        }
      }
    }
    return black;
  }

  static int brightness(int rgb) {
    return ((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF);
  }

  @Test
  void sameInputGivesByteIdenticalPngAndWritesFiles(@TempDir Path dir) throws Exception {
    Heatmap h = accuracyHeatmap();
    assertThat(h.toPng()).isEqualTo(accuracyHeatmap().toPng());
    h.writePng(dir.resolve("h.png"));
    assertThat(Files.readAllBytes(dir.resolve("h.png"))).isEqualTo(h.toPng());
    assertThat(Files.list(dir)).hasSize(1);
  }

  @Test
  void valuesAreIndexedByXThenY() {
    Heatmap h = accuracyHeatmap();
    assertThat(h.value(0, 4)).isEqualTo(41); // dx = -2, dy = 2
    assertThat(h.value(2, 2)).isEqualTo(93); // dx = 0, dy = 0
  }

  @Test
  void constantGridStillRenders() throws Exception {
    Heatmap h = Heatmap.builder("").grid(new int[] {0}, new int[] {0}, new int[][] {{7}}).build();
    assertThat(ImageIO.read(new ByteArrayInputStream(h.toPng()))).isNotNull();
  }

  @Test
  void rejectsRaggedOrEmptyGrids() {
    assertThatThrownBy(
            () ->
                Heatmap.builder("t")
                    .grid(new int[] {0, 1}, new int[] {0}, new int[][] {{1}})
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 0 must have 2 columns");
    assertThatThrownBy(
            () ->
                Heatmap.builder("t")
                    .grid(new int[] {0}, new int[] {0, 1}, new int[][] {{1}})
                    .build())
        .hasMessageContaining("1 rows but y has 2");
    assertThatThrownBy(
            () -> Heatmap.builder("t").grid(new int[0], new int[] {0}, new int[][] {{}}).build())
        .hasMessageContaining("x axis is empty");
    assertThatThrownBy(
            () ->
                Heatmap.builder("t")
                    .grid(new int[] {1, 1}, new int[] {0}, new int[][] {{1, 2}})
                    .build())
        .hasMessageContaining("repeats");
    assertThatThrownBy(() -> Heatmap.builder("t").build()).hasMessageContaining("needs x, y");
  }

  @Test
  void cellPercentsPutsCanvasRowZeroOnTopInWholePercentAndNaNAsZero() {
    // cells[row][column], row 0 the top of the canvas
    double[][] cells = {{0.994, 0.5}, {Double.NaN, 0.125}};
    Heatmap h = Heatmap.builder("cells").cellPercents(cells).build();
    // y index 0 is the bottom label (g - 1 = 1), so it holds canvas row 1
    assertThat(h.value(0, 0)).isEqualTo(0); // NaN
    assertThat(h.value(1, 0)).isEqualTo(13); // 12.5 rounds up
    assertThat(h.value(0, 1)).isEqualTo(99);
    assertThat(h.value(1, 1)).isEqualTo(50);
  }
}
