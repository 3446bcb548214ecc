package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A signal that comes before the command touched a file (the JVM shuts down with the interrupt hook
 * installed and nothing else loaded) still gives the one interrupt line, no stack trace.
 */
class EarlyInterruptTest {
  /**
   * A JVM that installs shiftlab's interrupt hook and shuts down at once, as on an early signal.
   */
  public static final class ShutDownEarly {
    public static void main(String[] args) {
      Main.installInterruptHook(new AtomicBoolean());
      Runtime.getRuntime().exit(130);
    }
  }

  @Test
  void anEarlyShutdownPrintsOneLineAndNoStackTrace() throws Exception {
    List<String> cmd = Cli.javaMain();
    cmd.set(cmd.size() - 1, ShutDownEarly.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(text.lines().filter(l -> l.startsWith("shiftlab:")).toList())
        .containsExactly("shiftlab: interrupted; nothing written");
    assertThat(p.exitValue()).isEqualTo(130);
  }
}
