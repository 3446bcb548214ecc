package io.shiftlab.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hand-computed flip-difference scores and rankings (PROTOCOLS card 8). */
class ChannelRankingTest {
  // two images, three channels; dz = z - zf:
  //   image 0: ( 2, -1, 0)      image 1: (-4, -1, 0.5)
  // mean |dz| = (3, 1, 0.25); mean dz = (-1, -1, 0.25)
  private static final float[][] Z = {{3, 0, 1}, {0, 2, 1.5f}};
  private static final float[][] ZF = {{1, 1, 1}, {4, 3, 1}};

  @Test
  void scoresByHand() {
    assertThat(ChannelRanking.meanAbsDifference(Z, ZF)).containsExactly(3, 1, 0.25);
    double[] signed = ChannelRanking.meanDifference(Z, ZF);
    assertThat(signed[0]).isCloseTo(-1, within(1e-12));
    assertThat(signed[1]).isCloseTo(-1, within(1e-12));
    assertThat(signed[2]).isCloseTo(0.25, within(1e-12));
  }

  @Test
  void rankingsByHandWithTiesToTheLowerChannel() {
    assertThat(ChannelRanking.rank(ChannelRanking.Kind.OVERALL, Z, ZF)).containsExactly(0, 1, 2);
    // signed (-1, -1, 0.25): descending "left" = 2, then the tie 0, 1; ascending "right" = 0, 1, 2
    assertThat(ChannelRanking.rank(ChannelRanking.Kind.LEFT, Z, ZF)).containsExactly(2, 0, 1);
    assertThat(ChannelRanking.rank(ChannelRanking.Kind.RIGHT, Z, ZF)).containsExactly(0, 1, 2);
  }

  @Test
  void aMirrorSymmetricSetScoresZero() {
    float[][] z = {{1, 2}, {5, 7}};
    assertThat(ChannelRanking.meanAbsDifference(z, z)).containsExactly(0, 0);
  }

  @Test
  void topCopiesAndMaskZeroesOnlyTheChosenChannels() {
    int[] ranking = {4, 1, 3, 0, 2};
    int[] top = ChannelRanking.top(ranking, 2);
    assertThat(top).containsExactly(4, 1);
    top[0] = 99;
    assertThat(ranking).containsExactly(4, 1, 3, 0, 2);
    assertThat(ChannelRanking.zeroMask(5, new int[] {4, 1})).containsExactly(1, 0, 1, 1, 0);
    assertThat(ChannelRanking.zeroMask(3, new int[0])).containsExactly(1, 1, 1);
    assertThatThrownBy(() -> ChannelRanking.zeroMask(3, new int[] {3}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChannelRanking.top(ranking, 6))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void randomChannelsAreDistinctReproducibleAndCoverAll() {
    int[] a = ChannelRanking.randomChannels(32, 8, new SplittableRandom(5));
    int[] b = ChannelRanking.randomChannels(32, 8, new SplittableRandom(5));
    assertThat(a).containsExactly(b);
    assertThat(Arrays.stream(a).distinct().count()).isEqualTo(8);
    assertThat(Arrays.stream(a).allMatch(j -> j >= 0 && j < 32)).isTrue();
    int[] all = ChannelRanking.randomChannels(6, 6, new SplittableRandom(1));
    assertThat(all).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
  }
}
