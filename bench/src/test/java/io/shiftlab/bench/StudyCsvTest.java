package io.shiftlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StudyCsvTest {
  @Test
  void theHeaderThenOneLineInTheRootLocalePerRow() {
    String csv =
        StudyCsv.of(
            "name,value\n",
            List.of("a", "b"),
            "\"%s\",%.2f%n",
            s -> new Object[] {s, s.equals("a") ? 1.5 : 1234.125});
    assertThat(csv).isEqualTo("name,value\n" + String.format("\"a\",1.50%n\"b\",1234.13%n"));
  }
}
