package io.shiftlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The child-JVM check behind the TorchScript fallback: a child started with a oneDNN cap runs the
 * known-answer tests on libtorch's own kernels and reports back, and the verdict's environment is
 * written where the launcher finds it.
 */
class GraphEnvironmentProbeTest {
  @Test
  void aChildStartedWithAOneDnnCapChecksLibtorchsKernelsAndReportsBack() {
    var c = GraphEnvironmentProbe.probe(1, 1, "ONEDNN_MAX_CPU_ISA=AVX2");
    assertThat(c).isPresent();
    assertThat(c.get().strategy()).isEqualTo("native");
    assertThat(c.get().checks()).isEqualTo(63);
    // whether the cap fixes libtorch's convolution depends on the host; a pass is timed
    assertThat(c.get().passed()).isEqualTo(c.get().failures().isEmpty());
    if (c.get().passed()) {
      assertThat(c.get().stepMillis()).isPositive();
    }
  }

  /**
   * A fresh (not cached) verdict of 1 ms on "Some CPU", libtorch 2.7.1, 2 threads, device cpu, with
   * this host's candidates.
   */
  private static EngineVerdict someCpu(
      EngineVerdict here,
      String strategy,
      boolean nativeConvCorrect,
      List<String> environment,
      String checkedAt,
      List<String> graphEnvironment) {
    return new EngineVerdict(
        strategy,
        nativeConvCorrect,
        here.candidates(),
        "Some CPU",
        "2.7.1",
        2,
        "cpu",
        environment,
        1,
        checkedAt,
        false,
        graphEnvironment);
  }

  @Test
  void theLauncherFileIsWrittenForAGraphEnvironmentAndRemovedWhenItNoLongerApplies(
      @TempDir Path dir) throws Exception {
    EngineVerdict here = TorchRuntime.engineVerdict();
    // a host where libtorch's convolution is right and no oneDNN cap is set
    EngineVerdict ok = someCpu(here, "native", true, List.of(), "t", List.of());
    EngineVerdict wrong =
        someCpu(
            here,
            "unfold-gemm",
            false,
            List.of(),
            "2026-12-06T00:00:00Z",
            List.of("ONEDNN_MAX_CPU_ISA=SSE41"));
    GraphEnvironmentFile.update(dir, wrong);
    List<String> lines = Files.readAllLines(dir.resolve("graph.env"));
    assertThat(lines).contains("cpu=Some CPU", "ONEDNN_MAX_CPU_ISA=SSE41");
    assertThat(lines.get(0)).startsWith("# written by shiftlab's engine self-check");
    // a later verdict under the cap keeps it; one with libtorch right and no cap removes it
    EngineVerdict underCap =
        someCpu(here, "native", true, List.of("ONEDNN_MAX_CPU_ISA=SSE41"), "t", List.of());
    GraphEnvironmentFile.update(dir, underCap);
    assertThat(dir.resolve("graph.env")).exists();
    GraphEnvironmentFile.update(dir, ok);
    assertThat(dir.resolve("graph.env")).doesNotExist();
    // a file of the same name that shiftlab did not write is left alone
    Files.writeString(dir.resolve("graph.env"), "mine\n");
    GraphEnvironmentFile.update(dir, ok);
    assertThat(dir.resolve("graph.env")).hasContent("mine");
  }
}
