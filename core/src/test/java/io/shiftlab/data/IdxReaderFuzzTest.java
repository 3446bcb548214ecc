package io.shiftlab.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.shiftlab.UserInputException;

/**
 * Feeds arbitrary bytes to the IDX parser: whatever the input, the only exception it may throw is
 * {@link UserInputException}.
 *
 * <p>A plain {@code mvn test} runs this in regression mode over the corpus in {@code
 * src/test/resources/io/shiftlab/data/IdxReaderFuzzTestInputs/parse/} (valid, malformed and gzipped
 * files); {@code JAZZER_FUZZ=1 mvn test -Dtest=IdxReaderFuzzTest} fuzzes for real and adds crashing
 * inputs there.
 */
class IdxReaderFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void parse(byte[] data) {
    expectOnlyUserInput(() -> IdxReader.parse("fuzz", data));
    expectOnlyUserInput(() -> IdxReader.parseImages("fuzz", data, IdxLayout.STANDARD));
    expectOnlyUserInput(() -> IdxReader.parseImages("fuzz", data, IdxLayout.EMNIST));
    expectOnlyUserInput(() -> IdxReader.parseLabels("fuzz", data, IdxFormat.mnist()));
    expectOnlyUserInput(() -> IdxReader.parseLabels("fuzz", data, IdxFormat.emnistLetters()));
  }

  private static void expectOnlyUserInput(Runnable r) {
    try {
      r.run();
    } catch (UserInputException e) {
      if (!e.getMessage().startsWith("fuzz: ") || e.getMessage().contains("\n")) {
        throw new AssertionError("message is not one line about the input: " + e.getMessage(), e);
      }
    }
  }
}
