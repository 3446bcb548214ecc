package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny-budget {@code reproduce shifted-digits} run: every report file, published atomically. */
class ReproduceTest {
  @TempDir Path tmp;

  @Test
  void quickShiftedDigitsWritesTheWholeReport() throws IOException {
    // nn-article trains at roughly 100 images/s on two cores: keep the set small.
    Path data = IdxFixture.write(tmp.resolve("idx"), 240, 60, 11);
    Path parent = Files.createDirectories(tmp.resolve("reports"));
    Path out = parent.resolve("sd");
    Cli.Result r =
        Cli.ok(Cli.reproduce("shifted-digits", "--quick", data, tmp.resolve("store"), out));

    String md = Files.readString(out.resolve("results.md"));
    assertThat(md)
        .contains("| published clean | published ShiftMin | published Shift |")
        .containsPattern("The expected shape (held|did NOT fully hold) \\(\\d of \\d checks");
    // What the terminal showed is what outcome.json says.
    JsonNode outcome = Cli.json(out.resolve("outcome.json"));
    assertThat(outcome.get("experiment").asText()).isEqualTo("shifted-digits");
    assertThat(outcome.get("checks").size()).isEqualTo(4);
    String verdict =
        r.out().lines().filter(l -> l.startsWith("Verdict: ")).findFirst().orElseThrow();
    assertThat(verdict)
        .startsWith("Verdict: " + outcome.get("verdict").asText().toLowerCase().replace('_', ' '));
    for (JsonNode c : outcome.get("checks")) {
      assertThat(md).contains(c.get("expected").asText());
    }

    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertThat(csv.get(0)).startsWith("model,clean,");
    assertThat(csv.subList(1, csv.size()))
        .hasSize(5)
        .extracting(l -> l.substring(0, l.indexOf(',')))
        .containsExactly("NN (nn-article)", "MLP", "CNN1", "CNN2", "CNN2+aug");
    for (String row : csv.subList(1, csv.size())) {
      double clean = Double.parseDouble(row.split(",")[1]);
      assertThat(clean).as(row).isBetween(0.0, 1.0);
    }
    assertThat(Files.readAllLines(out.resolve("curve.csv"))).hasSize(6);

    JsonNode json = Cli.json(out.resolve("results.json"));
    assertThat(json.get("arms").size()).isEqualTo(5);
    assertThat(json.get("testImages").asInt()).isEqualTo(60);

    BufferedImage png = ImageIO.read(out.resolve("accuracy-vs-shift.png").toFile());
    assertThat(png).isNotNull();
    assertThat(png.getWidth()).isEqualTo(900);
    assertThat(png.getHeight()).isEqualTo(560);
    assertThat(Files.readString(out.resolve("accuracy-vs-shift.svg"))).contains("<svg");

    JsonNode manifest = Cli.json(out.resolve("manifest.json"));
    assertThat(manifest.get("dataSha256").size()).isEqualTo(4);

    // --quick trains 2 runs per arm: runs/<model>[-aug]-r0 and -r1
    assertThat(json.get("settings").get("seeds").asInt()).isEqualTo(2);
    assertThat(json.get("arms").get(0).get("runs").size()).isEqualTo(2);
    try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
      List<Path> dirs = runs.filter(Files::isDirectory).toList();
      assertThat(dirs)
          .hasSize(10)
          .extracting(d -> d.getFileName().toString())
          .contains("nn-article-r0", "nn-article-r1", "cnn2-aug-r0", "cnn2-aug-r1");
      for (Path d : dirs) {
        assertThat(d.resolve("metrics.json")).as(d.toString()).isRegularFile();
        assertThat(d.resolve("model.params")).as(d.toString()).isRegularFile();
      }
    }
    try (Stream<Path> siblings = Files.list(parent)) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .as("the staging directory is gone once the report is published")
          .containsExactly("sd");
    }
  }

  @Test
  void budgetNamesTheLevelTheOutcomeRecords() throws IOException {
    Path out = tmp.resolve("pl-smoke");
    Cli.ok(
        Cli.run(
            "reproduce",
            "patch-location",
            "--budget",
            "smoke",
            "--threads",
            Cli.THREADS,
            "--out",
            out.toString()));
    assertThat(Files.readString(out.resolve("outcome.json"))).contains("\"budget\" : \"smoke\"");
  }

  @Test
  void quickPatchLocationWritesTheReport() throws IOException {
    Path out = tmp.resolve("pl");
    Cli.ok(Cli.reproduce("patch-location", "--quick", null, null, out));
    Cli.assertFiles(
        out,
        "results.md",
        "results.csv",
        "results.json",
        "manifest.json",
        "accuracy-by-padding.png");
    List<String> paddings = List.of("zero", "none", "circular", "full");
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertThat(csv.subList(1, csv.size()))
        .extracting(l -> l.substring(0, l.indexOf(',')))
        .containsExactlyElementsOf(paddings);
    String md = Files.readString(out.resolve("results.md"));
    assertThat(md)
        .contains("capacity test")
        .contains("100.0 ± 0.0")
        .contains("Per padding, 2 runs");
    // the quick budget's 2 seeds per padding, one run directory each: PADDING-r0 and PADDING-r1
    try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
      assertThat(runs.filter(Files::isDirectory).map(d -> d.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(
              paddings.stream().flatMap(p -> Stream.of(p + "-r0", p + "-r1")).toList());
    }
  }

  @Test
  void smokeRedGreenWritesTheReport() throws IOException {
    Path out = tmp.resolve("rg");
    Cli.Result r = Cli.ok(Cli.smoke("red-green", null, null, out));
    Cli.assertExperimentFiles(out, "accuracy-by-conv.png", "accuracy-by-conv.svg");
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertThat(csv.subList(1, csv.size()))
        .extracting(l -> l.substring(0, l.indexOf(',')))
        .containsExactly("valid", "same-zero", "same-circular", "full-zero");
    assertThat(Files.readString(out.resolve("results.md")))
        .contains("published Similar / Dissimilar (README)")
        .contains("held: same-circular: Similar = Dissimilar exactly");
    assertThat(r.out()).contains("Verdict: ");
  }

  @Test
  void smokeCornerOnlyWithTwoSeedsWritesTheReport() throws IOException {
    Path out = tmp.resolve("co");
    Cli.smokeOnDigits("corner-only", tmp, out, "--seeds", "2");
    Cli.assertExperimentFiles(out, "accuracy-by-corner.png", "accuracy-by-corner.svg");
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    // --seeds 2 overrides the smoke budget's 1 run per head
    assertThat(csv.subList(1, csv.size()))
        .extracting(l -> l.substring(0, l.indexOf(',')))
        .containsExactly("fc", "gap", "gap-circular");
    assertThat(csv.subList(1, csv.size())).allMatch(l -> l.split(",")[1].equals("2"));
    try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
      assertThat(runs.filter(Files::isDirectory).count()).isEqualTo(6);
    }
    assertThat(Files.readString(out.resolve("results.md")))
        .contains("Receptive field")
        .contains("| 09MaxPool2d");
  }
}
