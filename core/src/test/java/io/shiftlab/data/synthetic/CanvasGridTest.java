package io.shiftlab.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.CanvasGrid.Colour;
import io.shiftlab.data.synthetic.CanvasGrid.Geometry;
import io.shiftlab.data.synthetic.CanvasGrid.Split;
import io.shiftlab.data.synthetic.CanvasGrid.Task;
import io.shiftlab.random.Streams;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CanvasGridTest {
  private static final Geometry GEO = new Geometry(5, 4);

  /** {@code n} distinct 4x4 "digits" (noise in 1..200, so never equal to a canvas value). */
  private static ImageSet digits(String name, int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] px = new byte[n * 16];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
      for (int p = 0; p < 16; p++) {
        px[i * 16 + p] = (byte) (1 + rng.nextInt(200));
      }
    }
    return new ImageSet(name, px, labels, 10, 1, 4, 4);
  }

  @Test
  void theDigitFillsItsCellAndTheCanvasColourTheRest() {
    ImageSet d = digits("d", 30, 1);
    Split s = new CanvasGrid(new Streams(3), GEO, 255).train(d, 40);
    ImageSet im = s.images();
    assertThat(im.height()).isEqualTo(20);
    assertThat(im.width()).isEqualTo(20);
    int inside = 0;
    for (int i = 0; i < im.size(); i++) {
      byte[] px = im.image(i);
      for (int y = 0; y < 20; y++) {
        for (int x = 0; x < 20; x++) {
          int v = px[y * 20 + x] & 0xff;
          if (y / 4 == s.rows()[i] && x / 4 == s.cols()[i]) {
            assertThat(v).isBetween(1, 200);
            inside++;
          } else {
            assertThat(v).isEqualTo(255);
          }
        }
      }
    }
    assertThat(inside).isEqualTo(40 * 16);
  }

  @Test
  void labelsFollowTheTask() {
    ImageSet d = digits("d", 30, 1);
    Split s = new CanvasGrid(new Streams(3), GEO, 0).train(d, 50);
    ImageSet loc = s.forTask(Task.LOC);
    ImageSet sem = s.forTask(Task.SEM);
    ImageSet both = s.forTask(Task.LOC_SEM);
    assertThat(loc.numClasses()).isEqualTo(25);
    assertThat(sem.numClasses()).isEqualTo(10);
    assertThat(both.numClasses()).isEqualTo(250);
    for (int i = 0; i < 50; i++) {
      int cell = s.rows()[i] * 5 + s.cols()[i];
      assertThat(loc.labels()[i]).isEqualTo(cell);
      assertThat(both.labels()[i]).isEqualTo(sem.labels()[i] * 25 + cell);
    }
    // 50 draws of U{0..4}^2 reach every row and column
    assertThat(java.util.Arrays.stream(s.rows()).distinct().count()).isEqualTo(5);
    assertThat(java.util.Arrays.stream(s.cols()).distinct().count()).isEqualTo(5);
  }

  @Test
  void splitsFromDisjointDigitsShareNoImageAndTheSeedFixesTheBytes() {
    CanvasGrid gen = new CanvasGrid(new Streams(7), GEO, 0);
    Split[] splits = {
      gen.train(digits("tr", 100, 1), 300),
      gen.val(digits("va", 30, 2), 100),
      gen.test(digits("te", 50, 3), 200)
    };
    Set<ByteBuffer> seen = new HashSet<>();
    for (int k = 0; k < splits.length; k++) {
      Set<ByteBuffer> own = new HashSet<>();
      for (int i = 0; i < splits[k].images().size(); i++) {
        own.add(ByteBuffer.wrap(splits[k].images().image(i)));
      }
      for (ByteBuffer b : own) {
        assertThat(seen).as("split " + k).doesNotContain(b);
      }
      seen.addAll(own);
    }
    Split again = new CanvasGrid(new Streams(7), GEO, 0).train(digits("tr", 100, 1), 300);
    assertThat(again.images().pixels()).isEqualTo(splits[0].images().pixels());
    assertThat(again.rows()).isEqualTo(splits[0].rows());
    Split other = new CanvasGrid(new Streams(8), GEO, 0).train(digits("tr", 100, 1), 300);
    assertThat(other.rows()).isNotEqualTo(splits[0].rows());
  }

  @Test
  void allCellsPutsEachDigitInEveryCellInRowMajorOrder() {
    ImageSet d = digits("d", 3, 1);
    Split s = new CanvasGrid(new Streams(0), GEO, 0).allCells(d, 2);
    assertThat(s.images().size()).isEqualTo(50);
    for (int i = 0; i < 50; i++) {
      assertThat(s.rows()[i] * 5 + s.cols()[i]).isEqualTo(i % 25);
      assertThat(s.images().labels()[i]).isEqualTo(d.labels()[i / 25]);
    }
  }

  @Test
  void centreCropTakesTheSheetCellBackOutOfTheDigitAndMeanRounds() {
    byte[] px = new byte[28 * 28];
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        px[y * 28 + x] = (byte) (y * 28 + x);
      }
    }
    ImageSet one = new ImageSet("one", px, new int[] {3}, 10, 1, 28, 28);
    ImageSet crop = CanvasGrid.centreCrop(one, 20);
    assertThat(crop.height()).isEqualTo(20);
    assertThat(crop.pixels()[0]).isEqualTo(px[4 * 28 + 4]);
    assertThat(crop.pixels()[19 * 20 + 19]).isEqualTo(px[23 * 28 + 23]);
    assertThat(crop.labels()).containsExactly(3);
    // pixels 1, 2, 2, 2 -> mean 1.75 -> 2
    ImageSet four = new ImageSet("f", new byte[] {1, 2, 2, 2}, new int[] {0}, 1, 1, 2, 2);
    assertThat(CanvasGrid.meanValue(four)).isEqualTo(2);
    assertThat(Colour.MEAN.value(four)).isEqualTo(2);
    assertThat(Colour.WHITE.value(four)).isEqualTo(255);
    assertThat(Colour.BLACK.value(four)).isZero();
  }

  @Test
  void fitToCellHalvesTheSheetCellForSmallCells() {
    byte[] px = new byte[28 * 28];
    // a 2x2 block of 100, 100, 100, 101 at rows/cols 4-5 (the sheet cell's top-left) -> 100.25 ->
    // 100
    px[4 * 28 + 4] = 100;
    px[4 * 28 + 5] = 100;
    px[5 * 28 + 4] = 100;
    px[5 * 28 + 5] = 101;
    // a block of 1, 2, 2, 2 at rows/cols 22-23 (the cell's bottom-right) -> 1.75 -> 2
    px[22 * 28 + 22] = 1;
    px[22 * 28 + 23] = 2;
    px[23 * 28 + 22] = 2;
    px[23 * 28 + 23] = 2;
    ImageSet one = new ImageSet("one", px, new int[] {7}, 10, 1, 28, 28);
    ImageSet c12 = CanvasGrid.fitToCell(one, 12);
    assertThat(c12.height()).isEqualTo(12);
    // the 10x10 halved digit sits at offset 1 in the 12x12 cell
    assertThat(c12.pixels()[1 * 12 + 1]).isEqualTo((byte) 100);
    assertThat(c12.pixels()[10 * 12 + 10]).isEqualTo((byte) 2);
    assertThat(c12.pixels()[0]).isZero();
    assertThat(c12.labels()).containsExactly(7);
    ImageSet c20 = CanvasGrid.fitToCell(one, 20);
    assertThat(c20.pixels()[0]).isEqualTo((byte) 100);
    assertThat(CanvasGrid.fitToCell(one, 28).pixels()).isEqualTo(px);
  }

  @Test
  void digitsOfTheWrongSizeAreRejected() {
    assertThatThrownBy(
            () -> new CanvasGrid(new Streams(0), new Geometry(5, 5), 0).train(digits("d", 3, 1), 2))
        .hasMessageContaining("5x5");
    assertThatThrownBy(() -> new CanvasGrid(new Streams(0), GEO, 256))
        .hasMessageContaining("background");
  }
}
