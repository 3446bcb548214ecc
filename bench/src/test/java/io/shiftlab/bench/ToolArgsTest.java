package io.shiftlab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ToolArgsTest {
  @Test
  void givenValuesWinOverDefaultsAndTheLastOfARepeatedOptionCounts() {
    ToolArgs a =
        ToolArgs.parse(
            new String[] {"--steps", "7", "--seed", "9", "--steps", "8", "--out", "d"},
            "--steps",
            "--threads",
            "--seed",
            "--out");
    assertThat(a.intOr("--steps", 60)).isEqualTo(8);
    assertThat(a.intOr("--threads", 1)).isEqualTo(1);
    assertThat(a.longOr("--seed", 1)).isEqualTo(9);
    assertThat(a.textOr("--level", "quick")).isEqualTo("quick");
    assertThat(a.requiredPath("--out", "DIR")).isEqualTo(Path.of("d"));
  }

  @Test
  void anUnknownOptionAndAMissingRequiredOneAreRefused() {
    assertThatThrownBy(() -> ToolArgs.parse(new String[] {"--bogus", "1"}, "--steps"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown option --bogus");
    ToolArgs none = ToolArgs.parse(new String[0], "--out");
    assertThatThrownBy(() -> none.requiredPath("--out", "DIR"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--out DIR is required");
  }
}
