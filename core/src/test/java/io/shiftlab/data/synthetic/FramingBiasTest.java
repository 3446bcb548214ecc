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
        // fully covered, so it holds round(255 v) with v = v0 * 36 / A >= .6 * 36 / 102 (the
        // largest sun: disc pi 4.5^2 = 63.6 plus 8 rays of 1.2 x 4 = 38.4 px^2), i.e. >= 54
        assertThat(centre).isBetween(54, 255);
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
  void everyImageCarriesTheMassOfTheReferenceObjectAtItsDrawnIntensity() {
    Split s = FramingBias.generate("x", new SplittableRandom(1), Placement.FRAMED, 500);
    double unit = 255 * FramingBias.REFERENCE_AREA;
    for (int i = 0; i < 500; i++) {
      long m = mass(s.images(), i);
      // m = 255 * v0 * 36 with v0 ~ U(.6, 1), up to the 8-bit rounding of each pixel (< 2%)
      assertThat((double) m).isBetween(0.6 * unit * 0.98, unit * 1.02);
    }
  }

  @Test
  void aPartialObjectIsCutNotBrightened() {
    Split s = FramingBias.generate("x", new SplittableRandom(2), Placement.PARTIAL, 400);
    double unit = 255 * FramingBias.REFERENCE_AREA;
    for (int i = 0; i < 400; i++) {
      assertThat((double) mass(s.images(), i)).isLessThanOrEqualTo(unit * 1.02);
    }
  }

  /**
   * Fraction of images a mass threshold classifies right: best threshold on fit, scored on test.
   */
  private static double massThresholdAccuracy(Split fit, Split test) {
    int n = fit.images().size();
    long[] m = new long[n];
    for (int i = 0; i < n; i++) {
      m[i] = mass(fit.images(), i);
    }
    double best = -1;
    long bestT = 0;
    boolean bestAbove = true;
    for (int t = 0; t < n; t++) {
      for (boolean above : new boolean[] {true, false}) {
        int right = 0;
        for (int i = 0; i < n; i++) {
          boolean sun = above ? m[i] > m[t] : m[i] <= m[t];
          right += sun == (fit.images().labels()[i] == FramingBias.SUN) ? 1 : 0;
        }
        if (right > best) {
          best = right;
          bestT = m[t];
          bestAbove = above;
        }
      }
    }
    int right = 0;
    for (int i = 0; i < test.images().size(); i++) {
      long mi = mass(test.images(), i);
      boolean sun = bestAbove ? mi > bestT : mi <= bestT;
      right += sun == (test.images().labels()[i] == FramingBias.SUN) ? 1 : 0;
    }
    return (double) right / test.images().size();
  }

  @Test
  void classMassDistributionsMatchAndMassAloneClassifiesAtChance() {
    FramingBias gen = new FramingBias(new Streams(17));
    Split s = gen.train(2000);
    double[] sum = new double[2];
    int[] count = new int[2];
    long[][] byClass = new long[2][2000];
    for (int i = 0; i < 2000; i++) {
      int l = s.images().labels()[i];
      long m = mass(s.images(), i);
      sum[l] += m;
      byClass[l][count[l]++] = m;
    }
    double other = sum[0] / count[0];
    double sun = sum[1] / count[1];
    // both ~ 255 * 36 * E[v0] = 7344; the card's intensity draw alone gave a ratio of 1.21
    assertThat(sun / other).isBetween(0.99, 1.01);
    assertThat(other).isCloseTo(255 * 36 * 0.8, within(0.02 * 255 * 36 * 0.8));
    // two-sample Kolmogorov-Smirnov statistic below the 5% critical value 1.36 sqrt(2/1000)
    assertThat(
            ks(
                java.util.Arrays.copyOf(byClass[0], count[0]),
                java.util.Arrays.copyOf(byClass[1], count[1])))
        .isLessThan(1.36 * Math.sqrt(1.0 / count[0] + 1.0 / count[1]));
    // a mass threshold fitted on one split scores chance on another (±3 sd of 2000 coin flips)
    assertThat(massThresholdAccuracy(s, gen.test(Placement.FRAMED, 2000)))
        .isCloseTo(0.5, within(0.034));
  }

  @Test
  void matchedMassMakesTheLargerSunDimmerOnAverage() {
    // the stated price of matching mass: peak intensity falls with area, and suns are larger
    Split s = new FramingBias(new Streams(19)).train(1000);
    double[] peak = new double[2];
    for (int i = 0; i < 1000; i++) {
      int max = 0;
      for (byte b : s.images().image(i)) {
        max = Math.max(max, b & 0xff);
      }
      peak[s.images().labels()[i]] += max / 500.0;
    }
    assertThat(peak[FramingBias.SUN]).isLessThan(peak[FramingBias.OTHER]);
    assertThat(peak[FramingBias.SUN]).isGreaterThan(0.5 * peak[FramingBias.OTHER]);
  }

  private static double ks(long[] a, long[] b) {
    long[] x = a.clone();
    long[] y = b.clone();
    java.util.Arrays.sort(x);
    java.util.Arrays.sort(y);
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < x.length && j < y.length) {
      long v = Math.min(x[i], y[j]);
      while (i < x.length && x[i] == v) {
        i++;
      }
      while (j < y.length && y[j] == v) {
        j++;
      }
      d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
    }
    return d;
  }
}
