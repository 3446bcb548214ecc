package io.shiftlab.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.FramingBias.Placement;
import io.shiftlab.data.synthetic.FramingBias.Split;
import io.shiftlab.random.Streams;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FramingBiasTest {

  private static long mass(ImageSet s, int i) {
    long sum = 0;
    for (byte b : s.image(i)) {
      sum += b & 0xff;
    }
    return sum;
  }

  @Test
  void sameSeedGivesIdenticalBytesAndCentres() {
    Split a = new FramingBias(new Streams(7)).test(Placement.ANYWHERE, 50);
    Split b = new FramingBias(new Streams(7)).test(Placement.ANYWHERE, 50);
    Split c = new FramingBias(new Streams(8)).test(Placement.ANYWHERE, 50);
    assertThat(a.images().pixels()).isEqualTo(b.images().pixels());
    assertThat(a.images().labels()).isEqualTo(b.images().labels());
    assertThat(a.centreX()).isEqualTo(b.centreX());
    assertThat(a.centreY()).isEqualTo(b.centreY());
    assertThat(a.images().pixels()).isNotEqualTo(c.images().pixels());
  }

  @Test
  void aSplitDoesNotDependOnTheSizeOfAnother() {
    FramingBias gen = new FramingBias(new Streams(3));
    gen.train(10);
    Split v1 = gen.val(20);
    gen.train(30);
    assertThat(gen.val(20).images().pixels()).isEqualTo(v1.images().pixels());
  }

  @Test
  void splitsAreDisjointByContent() {
    FramingBias gen = new FramingBias(new Streams(11));
    Split[] splits = {
      gen.train(400),
      gen.val(200),
      gen.test(Placement.FRAMED, 200),
      gen.test(Placement.ANYWHERE, 200),
      gen.test(Placement.PARTIAL, 200)
    };
    Set<ByteBuffer> seen = new HashSet<>();
    int total = 0;
    for (Split s : splits) {
      for (int i = 0; i < s.images().size(); i++) {
        seen.add(ByteBuffer.wrap(s.images().image(i)));
        total++;
      }
    }
    assertThat(seen).hasSize(total);
  }

  @Test
  void classesAreBalanced() {
    FramingBias gen = new FramingBias(new Streams(5));
    for (int n : new int[] {0, 1, 101, 400}) {
      int[] labels = gen.train(n).images().labels();
      int suns = 0;
      for (int l : labels) {
        suns += l;
      }
      assertThat(suns).isBetween(n / 2, (n + 1) / 2);
    }
  }

  @Test
  void centresStayInTheRangeOfThePlacementAndOffsetIsChebyshev() {
    FramingBias gen = new FramingBias(new Streams(9));
    double[][] ranges = {{21.5, 25.5}, {10, 37}, {0, 47}};
    for (Placement p : Placement.values()) {
      Split s = gen.test(p, 300);
      double lo = ranges[p.ordinal()][0];
      double hi = ranges[p.ordinal()][1];
      assertThat(p.lo()).isEqualTo(lo);
      assertThat(p.hi()).isEqualTo(hi);
      double min = Double.MAX_VALUE;
      double max = -Double.MAX_VALUE;
      for (int i = 0; i < 300; i++) {
        for (double c : new double[] {s.centreX()[i], s.centreY()[i]}) {
          min = Math.min(min, c);
          max = Math.max(max, c);
        }
        double off = s.offset(i);
        assertThat(off)
            .isEqualTo(Math.max(Math.abs(s.centreX()[i] - 23.5), Math.abs(s.centreY()[i] - 23.5)));
      }
      assertThat(min).isGreaterThanOrEqualTo(lo);
      assertThat(max).isLessThanOrEqualTo(hi);
      // 600 draws cover most of the range
      assertThat(max - min).isGreaterThan(0.95 * (hi - lo));
    }
  }

  @Test
  void objectIsBrightAtItsCentreAndBackgroundIsZero() {
    Split s = new FramingBias(new Streams(13)).test(Placement.ANYWHERE, 200);
    ImageSet im = s.images();
    assertThat(im.channels()).isEqualTo(1);
    assertThat(im.height()).isEqualTo(48);
    assertThat(im.width()).isEqualTo(48);
    assertThat(im.numClasses()).isEqualTo(2);
    for (int i = 0; i < im.size(); i++) {
      byte[] px = im.image(i);
      int r = (int) Math.round(s.centreY()[i]);
      int c = (int) Math.round(s.centreX()[i]);
      int centre = px[r * 48 + c] & 0xff;
      if (im.labels()[i] == FramingBias.SUN) {
        // the centre pixel lies within sqrt(2) of the centre, inside the disc (radius >= 3):
        // fully covered, so it holds round(255 v) >= round(255 * 0.6) = 153
        assertThat(centre).isBetween(153, 255);
      }
      // nothing farther than 11 px (Chebyshev) from the centre: largest reach is the sun's
      // 4.5 + 1 + 4 = 9.5 along a ray plus half-width, or the square's half-diagonal 7.8
      for (int y = 0; y < 48; y++) {
        for (int x = 0; x < 48; x++) {
          if (Math.abs(y - s.centreY()[i]) > 11 || Math.abs(x - s.centreX()[i]) > 11) {
            assertThat(px[y * 48 + x]).isZero();
          }
        }
      }
      // anywhere-placed objects are whole, never touching the border
      for (int k = 0; k < 48; k++) {
        assertThat(px[k]).isZero();
        assertThat(px[47 * 48 + k]).isZero();
        assertThat(px[k * 48]).isZero();
        assertThat(px[k * 48 + 47]).isZero();
      }
    }
  }

  @Test
  void everyImageMassLiesBetweenTheSmallestAndLargestObject() {
    Split s = FramingBias.generate("x", new SplittableRandom(1), Placement.FRAMED, 500);
    for (int i = 0; i < 500; i++) {
      long m = mass(s.images(), i);
      // smallest object: plus sign of arm 5 -> area 36 at v = .6: >= 0.6 * 255 * 36 * 0.9
      assertThat(m).isGreaterThan((long) (0.6 * 255 * 36 * 0.9));
      // largest: square of side 11 at v = 1: <= 255 * 121 * 1.05
      assertThat(m).isLessThan((long) (255 * 121 * 1.05));
    }
  }

  @Test
  void classMassGapIsWithinTheStatedTolerance() {
    Split s = new FramingBias(new Streams(17)).train(4000);
    double[] sum = new double[2];
    int[] count = new int[2];
    for (int i = 0; i < 4000; i++) {
      int l = s.images().labels()[i];
      sum[l] += mass(s.images(), i);
      count[l]++;
    }
    double other = sum[0] / count[0];
    double sun = sum[1] / count[1];
    // expected areas (px^2): sun pi*E[rho^2] + 8*1.2*E[L] = 44.8 + 33.6 = 78.4; other mean of
    // disc 79.6, ring 49.5, square 82.3, triangle 64.1, plus 48.0 = 64.7; times 255 * E[v] = 204
    assertThat(sun).isCloseTo(78.4 * 204, within(0.05 * 78.4 * 204));
    assertThat(other).isCloseTo(64.7 * 204, within(0.05 * 64.7 * 204));
    // measured with seed 17: sun 15935, other 13198, ratio 1.207 (see FramingBias Javadoc)
    assertThat(sun / other).isBetween(1.15, 1.25);
  }
}
