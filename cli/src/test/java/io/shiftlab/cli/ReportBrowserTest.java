package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.shiftlab.experiment.Experiments;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reproduce --smoke} runs every experiment and writes the combined report; the report is
 * then opened in a real headless Chromium: it renders, every image loads, the console stays clean,
 * and a screenshot is kept as a test artifact in {@code cli/target/report-screenshot.png}.
 */
class ReportBrowserTest {
  @TempDir Path tmp;

  @Test
  void smokeReportOfEveryExperimentRendersInABrowser() throws Exception {
    Path out = tmp.resolve("all");
    Cli.Result r = Cli.smokeOnDigits(null, tmp, out);
    for (String name : Experiments.names()) {
      assertThat(
              out.resolve(name).resolve("outcome.json").toFile().exists()
                  || Files.list(out).anyMatch(p -> p.getFileName().toString().startsWith(name)))
          .as(name)
          .isTrue();
    }
    Path html = out.resolve("report.html");
    assertThat(out.resolve("report.md")).isNotEmptyFile();
    assertThat(r.out()).contains("report: " + html);

    Optional<Path> chromium = HeadlessBrowser.find();
    // CI installs chromium (.ci/run); a developer machine without it skips only this half.
    assumeTrue(chromium.isPresent() || System.getenv("CI") != null, "no chromium installed");
    assertThat(chromium).as("chromium is installed by .ci/run").isPresent();
    try (HeadlessBrowser b = new HeadlessBrowser(chromium.get(), 1280, 900)) {
      b.open(html.toUri());
      JsonNode images =
          b.evaluate(
              "Array.from(document.images).map(i => ({ok: i.complete && i.naturalWidth > 0,"
                  + " alt: i.alt}))");
      assertThat(images.size())
          .as("figures in the report")
          .isGreaterThanOrEqualTo(Experiments.names().size());
      for (JsonNode img : images) {
        assertThat(img.get("ok").asBoolean()).as("image loads: " + img.get("alt")).isTrue();
      }
      JsonNode sections = b.evaluate("Array.from(document.querySelectorAll('h2')).map(h => h.id)");
      for (String name : Experiments.names()) {
        assertThat(sections.toString()).as("section " + name).contains("\"" + name + "\"");
      }
      assertThat(b.evaluate("document.querySelectorAll('span.verdict').length").asInt())
          .isEqualTo(Experiments.names().size());
      assertThat(b.evaluate("document.body.scrollHeight").asInt()).isGreaterThan(900);
      byte[] png = b.screenshot();
      BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(shot.getWidth()).isBetween(1200, 1280); // less a scrollbar
      Path artifact = Path.of("target", "report-screenshot.png");
      Files.createDirectories(artifact.getParent());
      Files.write(artifact, png);
      assertThat(b.errors()).as("console errors").isEmpty();
    }

    // `report` rebuilds the same page from the outcome files alone.
    String before = Files.readString(html);
    Files.delete(html);
    // the budget comes from the runs' outcome.json files, as they recorded it
    Cli.Result rebuilt = Cli.run("report", out.toString());
    assertThat(rebuilt.code()).as(rebuilt.describe()).isZero();
    assertThat(Files.readString(html)).isEqualTo(before).contains("smoke budget (--smoke)");
  }

  @Test
  void reportOfAnEmptyDirectoryIsAOneLineError() throws Exception {
    Cli.Result r = Cli.run("report", tmp.toString());
    assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.errLines())
        .containsExactly(
            "shiftlab: "
                + tmp
                + ": holds no experiment directory with an outcome.json; run reproduce first");
    assertThat(Cli.run("report", tmp.toString(), "--budget", "big").errLines().get(0))
        .isEqualTo("shiftlab: --budget: unknown budget 'big'; choose smoke, quick, full or paper");
  }
}
