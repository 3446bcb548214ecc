package io.shiftlab.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code shiftlab} subcommand shares: picocli's {@code --help} and {@code --version}
 * (picocli applies a superclass's {@code @Command} attributes to its subclasses), the command's
 * spec, and its two streams: standard output through picocli, standard error through {@link Main}
 * so that tests capture both.
 */
@Command(mixinStandardHelpOptions = true)
abstract class Subcommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** The command's standard output (results). */
  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** The command's standard error (errors; progress goes through {@link EngineCommand#log}). */
  PrintStream err() {
    return Main.err(spec);
  }
}
