package io.shiftlab.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.data.ImageSet;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Mosaic crops: seeded, made only of their tiles, and without a centre bias. */
class TileMosaicTest {
  /** n tiles of 1x4x4, tile t filled with the value t + base. */
  private static ImageSet flatTiles(int n, int base) {
    byte[] px = new byte[n * 16];
    for (int t = 0; t < n; t++) {
      java.util.Arrays.fill(px, t * 16, (t + 1) * 16, (byte) (t + base));
    }
    return new ImageSet("tiles", px, new int[n], 1, 1, 4, 4);
  }

  @Test
  void cropsAreSeededAndUseOnlyTheirTiles() {
    ImageSet train = TileMosaic.crops("a", flatTiles(5, 10), 50, new SplittableRandom(1));
    ImageSet again = TileMosaic.crops("a", flatTiles(5, 10), 50, new SplittableRandom(1));
    assertThat(again.pixels()).isEqualTo(train.pixels());
    ImageSet test = TileMosaic.crops("b", flatTiles(5, 100), 50, new SplittableRandom(1));
    Set<Integer> trainValues = new HashSet<>();
    for (byte b : train.pixels()) {
      trainValues.add(b & 0xff);
    }
    assertThat(trainValues).isSubsetOf(10, 11, 12, 13, 14);
    for (byte b : test.pixels()) {
      assertThat(trainValues).doesNotContain(b & 0xff);
    }
  }

  @Test
  void everyPixelSeesTileBordersEquallyOften() {
    // tiles with a bright top-left pixel only: over many crops each crop position is equally likely
    // to show it (1/16), so the mean crop is flat, not centred
    byte[] px = new byte[16];
    px[0] = (byte) 160;
    ImageSet one = new ImageSet("t", px, new int[1], 1, 1, 4, 4);
    int n = 16_000;
    ImageSet crops = TileMosaic.crops("c", one, n, new SplittableRandom(3));
    double[] mean = new double[16];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < 16; p++) {
        mean[p] += (crops.pixels()[i * 16 + p] & 0xff) / (double) n;
      }
    }
    for (double v : mean) {
      assertThat(v).isBetween(8.0, 12.0); // 160 / 16 = 10
    }
  }

  @Test
  void fillsAreBlackWhiteAndSeededNoise() {
    assertThat(SyntheticFill.BLACK.images(1, 1, 2, 2, null).pixels()).containsOnly((byte) 0);
    assertThat(SyntheticFill.WHITE.images(1, 1, 2, 2, null).pixels()).containsOnly((byte) 255);
    byte[] a = SyntheticFill.NOISE.images(2, 1, 8, 8, new SplittableRandom(4)).pixels();
    byte[] b = SyntheticFill.NOISE.images(2, 1, 8, 8, new SplittableRandom(4)).pixels();
    assertThat(a).isEqualTo(b);
    assertThat(new HashSet<>(java.util.Arrays.asList(box(a)))).hasSizeGreaterThan(50);
  }

  private static Byte[] box(byte[] v) {
    Byte[] out = new Byte[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
