package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.report.Column;
import io.shiftlab.report.Json;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The combined report from outcome files only, as an experiment run leaves them. */
class ReproductionReportTest {
  @TempDir Path root;

  private Path fakeExperiment(String name, List<Check> checks) {
    return fakeExperiment(name, checks, List.of());
  }

  private Path fakeExperiment(String name, List<Check> checks, List<Check> ownHypotheses) {
    Path dir = root.resolve(name);
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    LineChart.builder(name)
        .series("s", new double[] {0, 1}, new double[] {0.2, 0.9})
        .build()
        .writePng(dir.resolve("chart.png"));
    Json.write(dir.resolve("manifest.json"), Map.of("seed", 7));
    Table t =
        Table.builder(Column.text("model"), Column.fixed("acc", 3), Column.text("published"))
            .row("cnn <2>", 0.91234, "0.95")
            .build();
    Outcome o =
        new Outcome(
            name,
            "PROTOCOLS card 9",
            "claim of " + name,
            "setup of " + name,
            Outcome.TableData.of(t),
            List.of(new Figure("chart.png", "the chart of " + name)),
            checks,
            Verdict.of(checks),
            List.of("decision one"),
            90,
            null,
            ownHypotheses);
    Json.write(dir.resolve(ExperimentJob.OUTCOME), o);
    return dir;
  }

  @Test
  void writesEverySectionWithVerdictTableAndFigures() throws Exception {
    Path a =
        fakeExperiment(
            "alpha", List.of(new Check("x", true, "1")), List.of(new Check("w", false, "4")));
    Path b = fakeExperiment("beta", List.of(new Check("y", true, "2"), new Check("z", false, "3")));
    List<ReproductionReport.Entry> entries = ReproductionReport.read(List.of(a, b));
    assertThat(entries.get(1).outcome().verdict()).isEqualTo(Verdict.PARTLY);
    // our own hypothesis did not hold, but it is not one of the card's checks
    assertThat(entries.get(0).outcome().verdict()).isEqualTo(Verdict.REPRODUCED);
    assertThat(entries.get(0).outcome().ownHypotheses())
        .extracting(Check::expected)
        .containsExactly("w");
    assertThat(entries.get(1).outcome().ownHypotheses()).isEmpty();

    ReproductionReport.Files files = ReproductionReport.write(root, entries, BudgetLevel.QUICK);
    String html = Files.readString(files.html());
    String md = Files.readString(files.markdown());

    assertThat(html)
        .contains("<h2 id=\"alpha\">alpha</h2>", "<h2 id=\"beta\">beta</h2>")
        .contains("<td>cnn &lt;2&gt;</td><td>0.912</td><td>0.95</td>")
        .contains("<span class=\"verdict partly\">partly</span> (1 of 2 checks held, 1 not held)")
        .contains("<li class=\"not_held\">did NOT hold: z — 3</li>")
        .contains("Claim (PROTOCOLS card 9): claim of beta")
        .contains("quick budget")
        .contains(Verdict.RULE.substring(0, 40))
        .contains("&quot;seed&quot; : 7");
    assertThat(html.split("data:image/png;base64,", -1)).hasSize(3);
    // self-contained: no link to a file that does not ship with the report
    assertThat(html).doesNotContain("PROTOCOLS.md");

    assertThat(md)
        .contains("| alpha      | PROTOCOLS card 9 | reproduced |")
        .contains("| beta       | PROTOCOLS card 9 | partly     |")
        .contains("![the chart of alpha](alpha/chart.png)")
        .contains("**Verdict: partly** (1 of 2 checks held, 1 not held)")
        .contains("- did NOT hold: z — 3")
        .contains("- decision one")
        .contains("### " + ReproductionReport.OWN_HYPOTHESES + "\n\n- did NOT hold: w — 4");
    assertThat(html).contains("<li class=\"not_held\">did NOT hold: w — 4</li>");
    assertThat(md.split(java.util.regex.Pattern.quote(ReproductionReport.OWN_HYPOTHESES), -1))
        .hasSize(2);
  }

  @Test
  void anOutcomeWrittenBeforeOwnHypothesesWereKeptApartReadsWithNone() throws Exception {
    Path a = fakeExperiment("alpha", List.of(new Check("x", true, "1")));
    Path file = a.resolve(ExperimentJob.OUTCOME);
    com.fasterxml.jackson.databind.node.ObjectNode json =
        (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(file.toFile());
    assertThat(json.remove("ownHypotheses")).isNotNull();
    Files.writeString(file, json.toPrettyString());
    Outcome o = ExperimentJob.read(a);
    assertThat(o.ownHypotheses()).isEmpty();
    assertThat(o.verdict()).isEqualTo(Verdict.REPRODUCED);
  }

  @Test
  void verdictTableHasOneRowPerExperiment() {
    Path a = fakeExperiment("alpha", List.of(new Check("x", false, "1")));
    Table t = ReproductionReport.verdictTable(ReproductionReport.read(List.of(a)));
    assertThat(t.formattedRows())
        .containsExactly(
            List.of(
                "alpha",
                "PROTOCOLS card 9",
                "not reproduced",
                "0 of 1 checks held, 1 not held",
                "1.5"));
  }
}
