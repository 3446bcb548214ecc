package io.shiftlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AptPackageFetcherTest {
  @TempDir Path target;
  final List<String> commands = new ArrayList<>();
  final List<String> log = new ArrayList<>();

  /**
   * A fake apt: "apt-get download" fails as unknown until "apt-get update" ran (if {@code known} is
   * false), then writes a .deb; "dpkg-deb -x" writes one file into the target.
   */
  CommandRunner fakeApt(boolean known) {
    return new CommandRunner() {
      boolean updated = known;

      @Override
      public Result run(List<String> command, Path workDir, Duration timeout) throws IOException {
        String c = String.join(" ", command);
        commands.add(c.startsWith("dpkg-deb") ? "dpkg-deb -x" : c);
        if (c.equals("apt-get update")) {
          updated = true;
          return new Result(0, "Reading package lists...", "");
        }
        if (c.startsWith("apt-get download")) {
          if (!updated) {
            return new Result(100, "", "E: Unable to locate package " + command.get(2) + "\n");
          }
          Files.writeString(workDir.resolve(command.get(2) + "_1.0_all.deb"), "deb");
          return new Result(0, "Get:1 ...", "");
        }
        if (c.startsWith("dpkg-deb -x")) {
          Path out = Path.of(command.get(3)).resolve("usr/share/x.txt");
          Files.createDirectories(out.getParent());
          Files.writeString(out, "x");
          return new Result(0, "", "");
        }
        throw new IOException("unexpected command " + c);
      }
    };
  }

  @Test
  void downloadsAndUnpacks() throws IOException {
    new AptPackageFetcher(fakeApt(true), false, Duration.ofSeconds(5))
        .fetch("pkg", target, log::add);
    assertThat(commands).containsExactly("apt-get download pkg", "dpkg-deb -x");
    assertThat(Files.readString(target.resolve("usr/share/x.txt"))).isEqualTo("x");
    assertThat(log).first().isEqualTo("running: apt-get download pkg");
  }

  @Test
  void rootRunsUpdateOnceAndRetries() {
    new AptPackageFetcher(fakeApt(false), true, Duration.ofSeconds(5))
        .fetch("pkg", target, log::add);
    assertThat(commands)
        .containsExactly(
            "apt-get download pkg", "apt-get update", "apt-get download pkg", "dpkg-deb -x");
  }

  @Test
  void nonRootGetsTheCommandToRun() {
    var f = new AptPackageFetcher(fakeApt(false), false, Duration.ofSeconds(5));
    assertThatThrownBy(() -> f.fetch("pkg", target, log::add))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            "pkg: apt-get does not know this package; run 'sudo apt-get update', then run this"
                + " command again");
    assertThat(commands).containsExactly("apt-get download pkg");
  }

  @Test
  void otherFailuresReportTheLastErrorLine() {
    CommandRunner failing =
        (command, workDir, timeout) ->
            new CommandRunner.Result(100, "", "W: first\nE: Failed to fetch http://x  404\n\n");
    var f = new AptPackageFetcher(failing, true, Duration.ofSeconds(5));
    assertThatThrownBy(() -> f.fetch("pkg", target, log::add))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            "pkg: 'apt-get download pkg' failed with exit code 100: E: Failed to fetch http://x"
                + "  404");
  }

  @Test
  void realProcessesAreCapturedAndTimeLimited(@TempDir Path work) throws IOException {
    CommandRunner real = CommandRunner.processes();
    var r =
        real.run(
            List.of("sh", "-c", "echo out; echo err >&2; exit 3"), work, Duration.ofSeconds(5));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).isEqualTo("out\n");
    assertThat(r.lastLine()).isEqualTo("err");
    assertThatThrownBy(() -> real.run(List.of("sleep", "5"), work, Duration.ofMillis(200)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("timed out");
  }
}
