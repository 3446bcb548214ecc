package io.shiftlab.runtime;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * HotSpot compiler directives that shiftlab installs in its own process, at run time, through the
 * {@code DiagnosticCommand} MBean (the in-process form of {@code jcmd PID
 * Compiler.directives_add}); no JVM flag is needed, so embedding applications get them too.
 *
 * <p>They keep one method out of C2: DJL's {@code AbstractBaseBlock.getParameters()} is compiled by
 * C1 only, and no C2 compilation inlines it. DJL calls it on every block of the model at every
 * training step ({@code forward} checks {@code isInitialized()}, which lists the parameters of the
 * whole subtree), so after some hundred steps it becomes hot and C2 compiles it. That one
 * compilation took 0.3 to 0.7 s and about 40 MiB of compiler arena (seen with {@code
 * -XX:NativeMemoryTracking=summary} and JFR's {@code jdk.Compilation} events): counted in the peak
 * RSS whatever the allocator, and kept as resident memory afterwards by glibc under the launchers'
 * malloc settings, a one-time step of 4 to 6% in the RSS of a {@code cnn2} run, in the middle of
 * the run ({@code bench/README.md}, "Memory"). C1's code for this method is all a training step
 * needs: the method costs microseconds against a step of tens of milliseconds. With the method
 * excluded alone, C2 inlined it into {@code Block.forward} instead (0.6 s, the same step), hence
 * the second directive, which forbids that inlining everywhere.
 *
 * <p>Installing is best effort: on a JVM without the command (not HotSpot) nothing happens.
 */
public final class JitDirectives {
  /** The directives, in HotSpot's compiler-directive JSON. */
  static final String DIRECTIVES =
      "[{ match: \"ai/djl/nn/AbstractBaseBlock.getParameters\", c2: { Exclude: true } },"
          + " { match: \"*.*\", c2: { inline: \"-ai/djl/nn/AbstractBaseBlock.getParameters\" } }]";

  private static volatile boolean installed;

  private JitDirectives() {}

  /**
   * Adds the directives to this JVM once.
   *
   * @return whether the JVM accepted them (now or at an earlier call)
   */
  public static synchronized boolean install() {
    if (installed) {
      return true;
    }
    Path file = null;
    try {
      file = Files.createTempFile("shiftlab-jit", ".json");
      Files.writeString(file, DIRECTIVES);
      String reply = diagnosticCommand("compilerDirectivesAdd", file.toString());
      installed = reply.contains("2 compiler directives added");
    } catch (IOException | JMException | RuntimeException e) {
      installed = false;
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          file.toFile().deleteOnExit();
        }
      }
    }
    return installed;
  }

  /**
   * The directives in force in this JVM, as {@code jcmd Compiler.directives_print} prints them.
   *
   * @return the printout, or an empty string where the command is missing
   */
  public static String print() {
    try {
      return diagnosticCommand("compilerDirectivesPrint");
    } catch (JMException | RuntimeException e) {
      return "";
    }
  }

  private static String diagnosticCommand(String operation, String... args) throws JMException {
    Object reply =
        ManagementFactory.getPlatformMBeanServer()
            .invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"),
                operation,
                new Object[] {args},
                new String[] {String[].class.getName()});
    return String.valueOf(reply);
  }
}
