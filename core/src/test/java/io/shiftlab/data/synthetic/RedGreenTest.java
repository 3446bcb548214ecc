package io.shiftlab.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shiftlab.data.ImageSet;
import io.shiftlab.random.Streams;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedGreenTest {
  private static final RedGreenSplits SPLITS = RedGreen.generate(7L, RedGreenSizes.DEFAULT);

  /** Top-left (x = column, y = row) of the 4x4 box in a channel, checking it is a full 4x4 box. */
  private static int[] box(ImageSet set, int i, int channel) {
    byte[] px = set.pixels();
    int base = i * set.imageBytes() + channel * 1024;
    int minR = 99;
    int minC = 99;
    int count = 0;
    for (int r = 0; r < 32; r++) {
      for (int c = 0; c < 32; c++) {
        int v = px[base + r * 32 + c] & 0xff;
        if (v != 0) {
          assertEquals(255, v);
          count++;
          minR = Math.min(minR, r);
          minC = Math.min(minC, c);
        }
      }
    }
    assertEquals(16, count, "one 4x4 box in channel " + channel + " of image " + i);
    for (int r = minR; r < minR + 4; r++) {
      for (int c = minC; c < minC + 4; c++) {
        assertEquals(255, px[base + r * 32 + c] & 0xff);
      }
    }
    return new int[] {minC, minR};
  }

  private static Set<ByteBuffer> hashes(ImageSet set) {
    Set<ByteBuffer> h = new HashSet<>();
    for (int i = 0; i < set.size(); i++) {
      h.add(ByteBuffer.wrap(set.image(i)));
    }
    return h;
  }

  @Test
  void sizesShapesAndAlternatingLabels() {
    assertEquals(2000, SPLITS.train().size());
    assertEquals(1000, SPLITS.val().size());
    assertEquals(1000, SPLITS.testSimilar().size());
    assertEquals(1000, SPLITS.testDissimilar().size());
    for (ImageSet s :
        new ImageSet[] {
          SPLITS.train(), SPLITS.val(), SPLITS.testSimilar(), SPLITS.testDissimilar()
        }) {
      assertEquals(3, s.channels());
      assertEquals(32, s.height());
      assertEquals(32, s.width());
      assertEquals(2, s.numClasses());
      for (int i = 0; i < s.size(); i++) {
        assertEquals(i % 2, s.labels()[i]);
      }
    }
    assertEquals(SPLITS.testSimilar(), SPLITS.test(RedGreenVariant.SIMILAR));
    assertEquals(SPLITS.testDissimilar(), SPLITS.test(RedGreenVariant.DISSIMILAR));
  }

  @Test
  void boxPlacementFollowsTheCard() {
    for (ImageSet s : new ImageSet[] {SPLITS.train(), SPLITS.val(), SPLITS.testSimilar()}) {
      for (int i = 0; i < s.size(); i++) {
        int[] red = box(s, i, RedGreen.RED);
        int[] green = box(s, i, RedGreen.GREEN);
        // blue channel empty
        for (int k = 0; k < 1024; k++) {
          assertEquals(0, s.pixels()[i * 3072 + 2048 + k]);
        }
        int[] left = s.labels()[i] == 0 ? red : green;
        int[] right = s.labels()[i] == 0 ? green : red;
        int lo = s.labels()[i] == 0 ? 3 : 19;
        assertTrue(left[0] >= 0 && left[0] <= 9, "x1 in 0..9");
        assertTrue(right[0] - left[0] >= 5, "x2 - x1 >= 5");
        assertTrue(right[0] <= 27, "x2 <= 27");
        for (int[] b : new int[][] {left, right}) {
          // top row in centre-4..centre+3, so the box covers rows lo..lo+10
          assertTrue(b[1] >= lo && b[1] + 3 <= lo + 10, "box rows within " + lo + ".." + (lo + 10));
        }
      }
    }
  }

  @Test
  void drawsCoverTheWholeRanges() {
    Set<Integer> x1s = new HashSet<>();
    Set<Integer> ys = new HashSet<>();
    int maxX2 = 0;
    ImageSet s = SPLITS.train();
    for (int i = 0; i < s.size(); i += 2) {
      int[] red = box(s, i, RedGreen.RED);
      int[] green = box(s, i, RedGreen.GREEN);
      x1s.add(red[0]);
      ys.add(red[1]);
      ys.add(green[1]);
      maxX2 = Math.max(maxX2, green[0]);
    }
    assertEquals(10, x1s.size());
    assertEquals(Set.of(3, 4, 5, 6, 7, 8, 9, 10), ys);
    assertEquals(27, maxX2);
  }

  @Test
  void splitsAreDisjointByContent() {
    Set<ByteBuffer> train = hashes(SPLITS.train());
    Set<ByteBuffer> val = hashes(SPLITS.val());
    Set<ByteBuffer> sim = hashes(SPLITS.testSimilar());
    Set<ByteBuffer> dis = hashes(SPLITS.testDissimilar());
    for (Set<ByteBuffer> other : java.util.List.of(val, sim, dis)) {
      for (ByteBuffer h : other) {
        assertFalse(train.contains(h), "image shared with train");
      }
    }
    for (ByteBuffer h : sim) {
      assertFalse(val.contains(h), "test image shared with val");
    }
    for (ByteBuffer h : dis) {
      assertFalse(val.contains(h), "dissimilar image shared with val");
      assertFalse(sim.contains(h), "dissimilar image shared with similar");
    }
  }

  @Test
  void independentStreamsAloneWouldLeak() {
    // why the generator rejects: plain draws from the val stream repeat train images
    Streams streams = new Streams(7L);
    ImageSet val = RedGreen.draw("v", streams.stream(Streams.VAL), 1000, Set.of());
    Set<ByteBuffer> train = hashes(SPLITS.train());
    long shared = hashes(val).stream().filter(train::contains).count();
    assertTrue(shared > 0, "expected chance collisions, got " + shared);
  }

  @Test
  void dissimilarIsSimilarRolledBy16Rows() {
    ImageSet sim = SPLITS.testSimilar();
    ImageSet dis = SPLITS.testDissimilar();
    assertArrayEquals(sim.labels(), dis.labels());
    for (int i = 0; i < sim.size(); i++) {
      for (int ch = 0; ch < 3; ch++) {
        for (int r = 0; r < 32; r++) {
          for (int c = 0; c < 32; c++) {
            assertEquals(
                sim.pixels()[i * 3072 + ch * 1024 + r * 32 + c],
                dis.pixels()[i * 3072 + ch * 1024 + ((r + 16) % 32) * 32 + c]);
          }
        }
      }
      int[] s = box(sim, i, RedGreen.RED);
      int[] d = box(dis, i, RedGreen.RED);
      assertEquals(s[0], d[0]);
      assertEquals(sim.labels()[i] == 0 ? s[1] + 16 : s[1] - 16, d[1]);
    }
  }

  @Test
  void sameSeedSameSetsDifferentSeedDifferentSets() {
    RedGreenSizes small = new RedGreenSizes(200, 100, 100);
    RedGreenSplits a = RedGreen.generate(3L, small);
    RedGreenSplits b = RedGreen.generate(3L, small);
    RedGreenSplits c = RedGreen.generate(4L, small);
    assertArrayEquals(a.train().pixels(), b.train().pixels());
    assertArrayEquals(a.val().pixels(), b.val().pixels());
    assertArrayEquals(a.testSimilar().pixels(), b.testSimilar().pixels());
    assertArrayEquals(a.testDissimilar().pixels(), b.testDissimilar().pixels());
    assertNotEquals(ByteBuffer.wrap(a.train().pixels()), ByteBuffer.wrap(c.train().pixels()));
    assertNotEquals(ByteBuffer.wrap(a.val().pixels()), ByteBuffer.wrap(c.val().pixels()));
    assertNotEquals(
        ByteBuffer.wrap(a.testSimilar().pixels()), ByteBuffer.wrap(c.testSimilar().pixels()));
    // a prefix of the default train split is the smaller train split: train depends only on its
    // stream
    assertArrayEquals(
        RedGreen.generate(3L, RedGreenSizes.DEFAULT).train().head(200).pixels(),
        a.train().pixels());
  }

  @Test
  void rejectsBadSizesAndLabels() {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new RedGreenSizes(-1, 1, 1));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> RedGreen.drawImage(new java.util.SplittableRandom(0), 2));
  }
}
