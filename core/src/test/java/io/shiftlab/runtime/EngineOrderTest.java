package io.shiftlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PyTorch keeps the thread settings it starts with: a run whose engine started before {@link
 * TorchRuntime#configure} (with other threads) must stop, not compute with the wrong threads. The
 * engine lives once per JVM, so the case runs in a fresh one.
 */
class EngineOrderTest {
  /** Starts the engine with 1 intra-op thread, then asks for 2. */
  public static void main(String[] args) {
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    Engine.getEngine("PyTorch");
    try {
      TorchRuntime.configure(2, null);
      System.out.println("configured");
    } catch (IllegalStateException e) {
      System.out.println("refused: " + e.getMessage());
    }
  }

  @Test
  void anEngineStartedWithOtherThreadsIsRefused() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-Dai.djl.offline=true",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp",
                    System.getProperty("java.class.path"),
                    EngineOrderTest.class.getName()))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(out)
        .contains(
            "refused: the PyTorch engine started before shiftlab configured it and runs 1"
                + " intra-op and 1 inter-op threads instead of 2 and 1")
        .doesNotContain("configured\n");
  }
}
