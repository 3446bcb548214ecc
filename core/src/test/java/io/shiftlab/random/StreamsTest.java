package io.shiftlab.random;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamsTest {
  @Test
  void runZeroTrainsWithTheMasterSeedAndLaterRunsNeverCollideAcrossMasters() {
    assertThat(Streams.runSeed(7, 0)).isEqualTo(7);
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (long master = 1; master <= 3; master++) {
      for (int run = 0; run < 5; run++) {
        assertThat(seen.add(Streams.runSeed(master, run))).as(master + "/" + run).isTrue();
      }
    }
    assertThat(Streams.runSeed(1, 1)).isNotEqualTo(2).isEqualTo(Streams.runSeed(1, 1));
  }

  @Test
  void sameSeedAndNameGiveTheSameSequence() {
    Streams a = new Streams(42);
    Streams b = new Streams(42);
    for (String name : new String[] {"train", "test.shift", "aug/3"}) {
      assertThat(a.stream(name).longs(5).toArray())
          .containsExactly(b.stream(name).longs(5).toArray());
    }
  }

  @Test
  void namesSeedsAndIndicesSeparateStreams() {
    Streams s = new Streams(42);
    long first = s.stream("train").nextLong();
    assertThat(s.stream("val").nextLong()).isNotEqualTo(first);
    assertThat(new Streams(43).stream("train").nextLong()).isNotEqualTo(first);
    assertThat(s.stream("aug", 1).nextLong()).isNotEqualTo(s.stream("aug", 2).nextLong());
    assertThat(s.stream("aug", 1).nextLong()).isEqualTo(s.stream("aug/1").nextLong());
    assertThat(Streams.test("shift")).isEqualTo("test.shift");
  }

  @Test
  void aStreamIsUnaffectedByHowMuchAnotherDraws() {
    Streams s = new Streams(7);
    var order = s.stream("order");
    for (int i = 0; i < 1000; i++) {
      order.nextInt();
    }
    assertThat(s.stream("aug").nextLong()).isEqualTo(new Streams(7).stream("aug").nextLong());
  }
}
