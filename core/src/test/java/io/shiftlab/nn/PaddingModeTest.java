package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.UserInputException;
import org.junit.jupiter.api.Test;

class PaddingModeTest {
  @Test
  void parsesNamesIgnoringCaseAndAliases() {
    for (PaddingMode mode : PaddingMode.values()) {
      assertThat(PaddingMode.parse("--padding", mode.id().toUpperCase())).isEqualTo(mode);
    }
    assertThat(PaddingMode.parse("--padding", " Reflect ")).isEqualTo(PaddingMode.REFLECT);
    assertThat(PaddingMode.parse("--padding", "valid")).isEqualTo(PaddingMode.NONE);
    assertThat(PaddingMode.parse("--padding", "same")).isEqualTo(PaddingMode.ZERO);
    assertThat(PaddingMode.byName(null)).isEmpty();
  }

  @Test
  void unknownNameListsTheChoices() {
    assertThatThrownBy(() -> PaddingMode.parse("--padding", "mirror"))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            "--padding: unknown padding mode 'mirror'; choose zero, reflect, replicate, circular,"
                + " none, full or partial");
  }

  @Test
  void onlyReflectReplicateAndCircularReadSourcePixels() {
    assertThat(PaddingMode.values())
        .filteredOn(PaddingMode::readsOutside)
        .containsExactly(PaddingMode.REFLECT, PaddingMode.REPLICATE, PaddingMode.CIRCULAR);
  }
}
