package io.shiftlab.cli;

import io.shiftlab.NonFiniteException;
import io.shiftlab.UserInputException;
import io.shiftlab.io.AtomicFiles;
import io.shiftlab.runtime.EngineCheckException;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.train.Manifest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code shiftlab} command: a thin shell over the library.
 *
 * <p>{@link #run} is the testable entry point. Exit codes: 0 success, 1 internal error, 2 bad input
 * (an unknown option value, a malformed file, an impossible shape), 3 an engine that failed its
 * self-check on this host (see {@code shiftlab doctor}), 4 a NaN or infinite loss, gradient or
 * logit, always reported as one line {@code shiftlab: SUBJECT: REASON}; {@code --debug} adds the
 * stack trace.
 */
@Command(
    name = "shiftlab",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Versions.class,
    description =
        "How does your convolutional network deal with position? Train, probe, reproduce.",
    subcommands = {
      DataCommand.class,
      TrainCommand.class,
      EvalCommand.class,
      ReproduceCommand.class,
      ReportCommand.class,
      ProbeCommand.class,
      RfCommand.class,
      DoctorCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Exit code for bad input. */
  public static final int BAD_INPUT = 2;

  /** Exit code when the engine gives wrong results on this host (the self-check failed). */
  public static final int ENGINE_FAILED = 3;

  /** Exit code when a loss, gradient or logit came out NaN or infinite. */
  public static final int NON_FINITE = 4;

  static {
    // Before any logger exists: keep DJL's informational and CUDA-probe messages off the console.
    setDefault("org.slf4j.simpleLogger.logFile", "System.err");
    setDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    setDefault("org.slf4j.simpleLogger.log.ai.djl", "error");
    setDefault("org.slf4j.simpleLogger.showThreadName", "false");
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  // Declared once here and inherited by every command. Its value is read from the raw arguments
  // in run(), before parsing, so that even a parse error prints its stack trace with it.
  @CommandLine.Option(
      names = "--debug",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean debug;

  /** Where progress, installer messages and errors go: the {@code err} given to {@link #run}. */
  private final PrintStream err;

  private Main(PrintStream err) {
    this.err = err;
  }

  /**
   * The standard error stream of the command line that {@code spec} belongs to, so that progress
   * and warnings go where {@link #run}'s caller asked (a test's buffer), not to {@code System.err}.
   *
   * @param spec any command's spec
   * @return the stream
   */
  static PrintStream err(CommandLine.Model.CommandSpec spec) {
    return ((Main) spec.root().userObject()).err;
  }

  /** Whether standard error is a terminal, read once from {@code /proc/self/fd/2}. */
  private static final boolean STDERR_IS_TERMINAL = stderrIsTerminal();

  /**
   * Whether a stream is the process's standard error and that is a terminal (not a file or pipe).
   *
   * @param s the stream
   * @return true for an interactive stderr
   */
  static boolean isTerminal(PrintStream s) {
    return s == System.err && STDERR_IS_TERMINAL;
  }

  private static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | RuntimeException e) {
      return System.console() != null;
    }
  }

  /** What the interrupt line says besides "interrupted", set by a command while it runs. */
  private static volatile Supplier<String> interruptNote;

  /**
   * Sets what the one line printed on SIGINT or SIGTERM adds, e.g. where a checkpoint was kept.
   *
   * @param note computes the text when the interrupt comes
   */
  static void onInterrupt(Supplier<String> note) {
    interruptNote = note;
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    AtomicBoolean finished = new AtomicBoolean();
    installInterruptHook(finished);
    int code = run(System.out, System.err, args);
    finished.set(true);
    System.exit(code);
  }

  /**
   * Registers the hook that prints the one interrupt line on SIGINT or SIGTERM unless {@code
   * finished} is set. Everything the line needs is loaded here, not in the hook: a class loaded
   * during shutdown cannot register its own hook ({@link AtomicFiles}'s staging clean-up), and a
   * signal that comes before the command touched a file would otherwise end in a stack trace.
   *
   * @param finished set once the command returned
   */
  static void installInterruptHook(AtomicBoolean finished) {
    AtomicFiles.pendingTargets();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (!finished.get()) {
                    System.err.println("shiftlab: interrupted; " + interruptLine());
                  }
                },
                "shiftlab-interrupt"));
  }

  /** What an interrupted command leaves: the command's own note, else the folders not written. */
  static String interruptLine() {
    Supplier<String> note = interruptNote;
    if (note != null) {
      return note.get();
    }
    List<Path> pending = AtomicFiles.pendingTargets();
    return pending.isEmpty()
        ? "nothing written"
        : "nothing written to " + String.join(", ", pending.stream().map(Path::toString).toList());
  }

  /**
   * Runs the command line.
   *
   * @param out standard output
   * @param err standard error
   * @param args the arguments
   * @return the exit code
   */
  public static int run(PrintStream out, PrintStream err, String... args) {
    List<String> argv = new java.util.ArrayList<>(List.of("shiftlab"));
    argv.addAll(Arrays.asList(args));
    Manifest.recordCommandLine(argv);
    boolean debug = Arrays.asList(args).contains("--debug");
    CommandLine cmd = new CommandLine(new Main(err));
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setParameterExceptionHandler(
        (ex, a) -> {
          String suggestion = "";
          if (ex instanceof CommandLine.UnmatchedArgumentException u
              && !u.getSuggestions().isEmpty()) {
            suggestion = "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
          }
          err.println("shiftlab: " + oneLine(ex.getMessage()) + suggestion);
          // The one exception to the one-line rule: picocli's usual hint, for parse errors only.
          err.println(
              "Try '" + ex.getCommandLine().getCommandSpec().qualifiedName(" ") + " --help'.");
          if (debug) {
            ex.printStackTrace(err);
          }
          return BAD_INPUT;
        });
    cmd.setExecutionExceptionHandler(
        (ex, c, parseResult) -> {
          if (ex instanceof UserInputException u) {
            err.println("shiftlab: " + Flags.message(u));
            if (debug) {
              ex.printStackTrace(err);
            }
            return BAD_INPUT;
          }
          if (ex instanceof EngineCheckException || ex instanceof NonFiniteException) {
            err.println("shiftlab: " + ex.getMessage());
            if (debug) {
              ex.printStackTrace(err);
            }
            return ex instanceof EngineCheckException ? ENGINE_FAILED : NON_FINITE;
          }
          err.println(
              "shiftlab: internal error: "
                  + oneLine(String.valueOf(ex.getMessage()))
                  + (debug ? "" : " (run again with --debug for the stack trace)"));
          if (debug) {
            ex.printStackTrace(err);
          }
          return 1;
        });
    return cmd.execute(args);
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }

  /** Prints shiftlab's, DJL's and libtorch's versions. */
  static final class Versions implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      // Keep whatever thread count is (or will be) in force: a later command in the same JVM, as in
      // tests, must not find the engine pinned to another count.
      TorchRuntime.configure(TorchRuntime.threads(), Options.djlCache());
      return new String[] {
        "shiftlab " + TorchRuntime.shiftlabVersion(),
        "DJL " + TorchRuntime.djlVersion(),
        "libtorch " + TorchRuntime.libtorchVersion() + " (CPU)",
        "Java " + System.getProperty("java.version")
      };
    }
  }
}
