package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reproduce location-grid --smoke} and {@code reproduce position-channels --smoke}. */
class LocationGridCliTest {
  @TempDir Path tmp;

  @Test
  void smokeRunsWriteTheirReportsAndVerdicts() throws IOException {
    Path data = IdxFixture.write(tmp.resolve("idx"), 240, 60, 11);
    for (String name : List.of("location-grid", "position-channels")) {
      Path out = tmp.resolve(name);
      Cli.Result r = Cli.ok(Cli.smoke(name, data, tmp.resolve("store"), out));
      for (String f : List.of("results.md", "results.csv", "results.json", "manifest.json")) {
        assertThat(out.resolve(f)).as(name + "/" + f).isNotEmptyFile();
      }
      JsonNode outcome = Cli.json(out.resolve("outcome.json"));
      assertThat(outcome.get("experiment").asText()).isEqualTo(name);
      assertThat(outcome.get("checks").size()).isGreaterThanOrEqualTo(2);
      for (JsonNode fig : outcome.get("figures")) {
        assertThat(out.resolve(fig.get("file").asText())).as(fig.toString()).isNotEmptyFile();
      }
      assertThat(r.out()).contains("Verdict: ");
      assertThat(Files.readString(out.resolve("results.md"))).contains("## Decisions");
    }
  }
}
