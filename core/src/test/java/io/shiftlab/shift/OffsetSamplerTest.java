package io.shiftlab.shift;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.random.Streams;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OffsetSamplerTest {
  private static final List<OffsetSampler> SAMPLERS =
      List.of(
          new IntegerBoxSampler(2, 1),
          new UniformBoxSampler(4, 3),
          new SignedMagnitudeSampler(4, 3),
          ShiftRangeSampler.of(0.1, 28, 20));

  @Test
  void sameStreamGivesSameOffsets() {
    for (OffsetSampler s : SAMPLERS) {
      Offsets a = s.sample(new Streams(7).stream(Streams.test("shift")), 100);
      Offsets b = Offsets.draw(s, new Streams(7).stream(Streams.test("shift")), 100);
      Offsets c = s.sample(new Streams(8).stream(Streams.test("shift")), 100);
      assertThat(a).isEqualTo(b);
      assertThat(a).isNotEqualTo(c);
    }
  }

  @Test
  void offsetsStayWithinTheirBounds() {
    double[][] bounds = {{2, 1}, {4, 3}, {4, 3}, {2.8, 2.0}};
    for (int k = 0; k < SAMPLERS.size(); k++) {
      SplittableRandom rng = new SplittableRandom(k);
      double maxAbsX = 0;
      double maxAbsY = 0;
      for (int i = 0; i < 20_000; i++) {
        Offset o = SAMPLERS.get(k).sample(rng);
        assertThat(Math.abs(o.dx())).isLessThanOrEqualTo(bounds[k][0]);
        assertThat(Math.abs(o.dy())).isLessThanOrEqualTo(bounds[k][1]);
        maxAbsX = Math.max(maxAbsX, Math.abs(o.dx()));
        maxAbsY = Math.max(maxAbsY, Math.abs(o.dy()));
      }
      // and they use the whole range
      assertThat(maxAbsX).isGreaterThan(0.99 * bounds[k][0]);
      assertThat(maxAbsY).isGreaterThan(0.99 * bounds[k][1]);
    }
  }

  @Test
  void integerBoxCoversEveryValue() {
    IntegerBoxSampler s = new IntegerBoxSampler(2, 1);
    SplittableRandom rng = new SplittableRandom(3);
    Set<Offset> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      Offset o = s.sample(rng);
      assertThat(o.dx()).isEqualTo(Math.rint(o.dx()));
      seen.add(o);
    }
    assertThat(seen).hasSize(5 * 3);
  }

  @Test
  void signedMagnitudeDrawsInTheArticlesOrder() {
    SplittableRandom mirror = new SplittableRandom(11);
    SplittableRandom rng = new SplittableRandom(11);
    SignedMagnitudeSampler s = new SignedMagnitudeSampler(4, 3);
    for (int i = 0; i < 50; i++) {
      double mx = mirror.nextDouble() * 4;
      double my = mirror.nextDouble() * 3;
      double signX = mirror.nextDouble() > 0.5 ? -1 : 1;
      double signY = mirror.nextDouble() > 0.5 ? -1 : 1;
      assertThat(s.sample(rng)).isEqualTo(new Offset(signX * mx, signY * my));
    }
  }

  @Test
  void kerasRangeIsATenthOfTheSize() {
    ShiftRangeSampler s = ShiftRangeSampler.of(ShiftRangeSampler.ARTICLE_FRACTION, 28, 28);
    assertThat(s.maxDx()).isEqualTo(2.8);
    assertThat(s.maxDy()).isEqualTo(2.8);
    assertThat(s.box()).isEqualTo(new UniformBoxSampler(2.8, 2.8));
  }
}
