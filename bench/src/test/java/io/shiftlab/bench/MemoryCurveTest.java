package io.shiftlab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryCurveTest {
  @Test
  void growthIsTheLargestLaterValueOverTheFirst() {
    assertThat(MemoryCurve.growth(new double[] {100, 103, 101, 102}))
        .isCloseTo(0.03, within(1e-12));
    // a dip after epoch 1 is not growth; the largest later value counts even if it is lower
    assertThat(MemoryCurve.growth(new double[] {100, 90, 95})).isCloseTo(-0.05, within(1e-12));
    assertThat(MemoryCurve.growth(new double[] {100})).isZero();
  }

  @Test
  void readsTheCommittedSizesOfAnNmtSummary() {
    String summary =
        "Native Memory Tracking:\n\n"
            + "Total: reserved=2097152KB, committed=634880KB\n"
            + "-                 Java Heap (reserved=524288KB, committed=524288KB)\n"
            + "                            (mmap: reserved=524288KB, committed=524288KB)\n"
            + "-                  Compiler (reserved=2048KB, committed=2048KB)\n"
            + "-               Arena Chunk (reserved=10240KB, committed=10240KB)\n";
    Map<String, Double> m = MemoryCurve.parseNmtSummary(summary);
    assertThat(m)
        .containsEntry("Total", 620.0)
        .containsEntry("Java Heap", 512.0)
        .containsEntry("Compiler", 2.0)
        .containsEntry("Arena Chunk", 10.0);
    // the indented "(mmap: ...)" detail line is not a category of its own
    assertThat(m).hasSize(4);
    assertThat(MemoryCurve.parseNmtSummary("Native memory tracking is not enabled")).isEmpty();
  }
}
