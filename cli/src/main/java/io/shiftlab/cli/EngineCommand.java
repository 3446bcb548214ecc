package io.shiftlab.cli;

import java.io.PrintStream;
import picocli.CommandLine.Mixin;

/**
 * A subcommand that runs models: it takes the shared engine options ({@code --threads}, {@code
 * --device}, {@code --data}, {@code --quiet}, {@code --verbose}) declared once in {@link Options}.
 */
abstract class EngineCommand extends Subcommand {
  @Mixin Options common;

  /** Standard error for progress lines, or a sink with {@code --quiet}. */
  PrintStream log() {
    return common.log(err());
  }
}
