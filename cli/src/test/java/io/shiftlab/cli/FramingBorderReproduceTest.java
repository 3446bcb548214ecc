package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reproduce framing-bias} and {@code reproduce border-distance} at the smoke budget. */
class FramingBorderReproduceTest {
  @TempDir Path tmp;

  @Test
  void framingBiasSmokeWritesTheReport() throws IOException {
    Path out = tmp.resolve("fb");
    Cli.Result r = Cli.ok(Cli.smoke("framing-bias", null, null, out));
    Cli.assertExperimentFiles(out, "accuracy-by-offset.png", "accuracy-by-offset.svg");
    JsonNode outcome = Cli.json(out.resolve("outcome.json"));
    assertThat(outcome.get("experiment").asText()).isEqualTo("framing-bias");
    assertThat(outcome.get("checks").size()).isEqualTo(11);
    assertThat(r.out()).contains("Verdict: ");
    assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(11);
  }

  @Test
  void borderDistanceSmokeWritesTheReportAndTheCircularKnownAnswerHolds() throws IOException {
    Path out = tmp.resolve("bd");
    Cli.smokeOnDigits("border-distance", tmp, out);
    Cli.assertExperimentFiles(
        out, "loc-by-distance.png", "loc-by-distance.svg", "cells-loc-zero-black.png");
    JsonNode outcome = Cli.json(out.resolve("outcome.json"));
    assertThat(outcome.get("experiment").asText()).isEqualTo("border-distance");
    boolean circularHeld = false;
    for (JsonNode c : outcome.get("checks")) {
      if (c.get("expected").asText().startsWith("LOC circular")) {
        circularHeld = c.get("decision").asText().equals("HELD");
      }
    }
    assertThat(circularHeld).as("circular padding gives the same logits in every cell").isTrue();
    BufferedImage heat = ImageIO.read(out.resolve("cells-loc-zero-black.png").toFile());
    assertThat(heat.getWidth()).isEqualTo(520);
    // the smoke budget's one run per arm: run 0, in its own directory
    assertThat(out.resolve("runs/loc-zero-black-r0/config.json")).isNotEmptyFile();
    JsonNode results = Cli.json(out.resolve("results.json"));
    assertThat(results.get("seeds").asInt()).isEqualTo(1);
    assertThat(results.get("arms").get(0).get("runs").size()).isEqualTo(1);
  }

  @Test
  void canvasGridPreviewWhenTheDigitsAreInstalled() throws IOException {
    Path store = Path.of(System.getProperty("user.home"), ".cache", "shiftlab", "data");
    assumeTrue(Files.isDirectory(store.resolve("digits")), "digits not installed");
    Path png = tmp.resolve("grid.png");
    Cli.Result r =
        Cli.run(
            "data",
            "preview",
            "canvas-grid-white",
            "--n",
            "4",
            "--data",
            store.toString(),
            "--out",
            png.toString());
    assertThat(r.code()).as(r.describe()).isZero();
    BufferedImage img = ImageIO.read(png.toFile());
    // four 100x100 canvases in one row, 2 px apart
    assertThat(img.getWidth()).isEqualTo(4 * 100 + 3 * 2);
    assertThat(img.getHeight()).isEqualTo(100);
  }
}
