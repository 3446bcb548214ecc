package io.shiftlab.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command with a time limit and captures its output.
 *
 * <p>Output goes to temporary files rather than pipes so that a chatty command can never block on a
 * full pipe buffer.
 */
interface CommandRunner {
  /**
   * The outcome of a command.
   *
   * @param exitCode the exit status
   * @param stdout everything written to standard output
   * @param stderr everything written to standard error
   */
  record Result(int exitCode, String stdout, String stderr) {
    /** The last non-blank line of stderr, or of stdout when stderr is empty. */
    String lastLine() {
      String s = stderr.isBlank() ? stdout : stderr;
      List<String> lines = s.lines().filter(l -> !l.isBlank()).toList();
      return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).strip();
    }
  }

  /**
   * Runs a command to completion.
   *
   * @param command the program and its arguments
   * @param workDir the working directory
   * @param timeout the time limit, after which the command is killed
   * @return its exit code and output
   * @throws IOException if the command cannot be started or runs past the limit
   */
  Result run(List<String> command, Path workDir, Duration timeout) throws IOException;

  /** The runner that starts real processes. */
  static CommandRunner processes() {
    return (command, workDir, timeout) -> {
      Path out = Files.createTempFile("shiftlab-cmd-", ".out");
      Path err = Files.createTempFile("shiftlab-cmd-", ".err");
      try {
        Process p =
            new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        boolean done;
        try {
          done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          p.destroyForcibly();
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
        if (!done) {
          p.destroyForcibly();
          throw new IOException("timed out after " + timeout.toSeconds() + " s");
        }
        return new Result(
            p.exitValue(),
            new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
            new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    };
  }
}
