package io.shiftlab.cli;

import picocli.CommandLine.Option;

/**
 * {@code --seed}: the master seed of a training run or a reproduction, split into named streams.
 */
final class MasterSeed {
  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Master seed (default: ${DEFAULT-VALUE}).")
  long value;
}
