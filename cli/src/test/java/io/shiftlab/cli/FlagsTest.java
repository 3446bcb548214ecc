package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.Setting;
import io.shiftlab.UserInputException;
import org.junit.jupiter.api.Test;

/** Core's setting names become the options the user typed; anything else is left alone. */
class FlagsTest {
  @Test
  void everySettingHasAnOptionThatLooksLikeOne() {
    for (Setting s : Setting.values()) {
      assertThat(Flags.of(s)).as(s.id()).matches("--[a-z][a-z-]*");
    }
    assertThat(Flags.of(Setting.BATCH_SIZE)).isEqualTo("--batch-size");
    assertThat(Flags.of(Setting.TORCHSCRIPT)).isEqualTo("--torchscript");
  }

  @Test
  void settingsAreMappedWithTheirDetailFilesAndUnknownSubjectsAreNot() {
    assertThat(Flags.message(new UserInputException("batchSize", "must be positive, got 0")))
        .isEqualTo("--batch-size: must be positive, got 0");
    assertThat(
            Flags.message(
                new UserInputException(Setting.PARAM.subject("readout.targets"), "'x': unknown")))
        .isEqualTo("--param readout.targets: 'x': unknown");
    // a file path is never taken for a setting, even one named like a setting
    assertThat(Flags.message(new UserInputException("runs/model", "not a run")))
        .isEqualTo("runs/model: not a run");
    assertThat(Setting.of("/tmp/scale")).isEmpty();
    assertThat(Flags.message(new UserInputException("--out", "cannot write")))
        .isEqualTo("--out: cannot write");
    assertThat(Setting.of("modelx")).isEmpty();
  }
}
