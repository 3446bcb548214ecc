package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.report.Column;
import io.shiftlab.report.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPageTest {
  static final List<Check> CHECKS =
      List.of(new Check("a: holds", true, "1 of 1"), new Check("b: holds", false, "0 of 1"));

  static ReportPage page() {
    Table main = Table.builder(Column.text("arm"), Column.fixed("acc", 2)).row("a", 0.5).build();
    return ReportPage.of("demo", "Claim.", "Setup.", Map.of("acc", 0.5))
        .main("Accuracy", main)
        .paragraph("After the table.")
        .expected("Expected outcome", ReportPage.heldCount(CHECKS), CHECKS)
        .file("cells.txt", f -> write(f, "cells"))
        .image("cells.txt", "the cells")
        .figure("cells.txt", "The cells.")
        .decisions(List.of("Decided."))
        .note("Only in the findings.")
        .runs(List.of("a run 0 (seed 1): runs/a-r0"));
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void findingsAreWhatThePageShowsWithTheExtraNotes() {
    Findings f = page().findings();
    assertThat(f.setup()).isEqualTo("Setup.");
    assertThat(f.table().header()).containsExactly("arm", "acc");
    assertThat(f.figures()).containsExactly(new Figure("cells.txt", "The cells."));
    assertThat(f.checks()).isEqualTo(CHECKS);
    assertThat(f.notes()).containsExactly("Decided.", "Only in the findings.");
  }

  @Test
  void writeWritesTheFilesAndThePageInItsOrder(@TempDir Path dir) throws IOException {
    page().write(dir);
    assertThat(dir.resolve("results.csv")).content().startsWith("arm,acc");
    assertThat(dir.resolve("results.json")).content().contains("\"acc\" : 0.5");
    assertThat(dir.resolve("cells.txt")).hasContent("cells");
    String md = Files.readString(dir.resolve("results.md"));
    assertThat(md)
        .containsSubsequence(
            "# demo",
            "Claim.",
            "Setup.",
            "## Accuracy",
            "| a ",
            "After the table.",
            "## Expected outcome",
            "1 of 2 checks held.",
            "- held: a: holds — 1 of 1",
            "- did NOT hold: b: holds — 0 of 1",
            "![the cells](cells.txt)",
            "## Decisions",
            "- Decided.",
            "## Runs",
            "- a run 0 (seed 1): runs/a-r0");
    assertThat(md).doesNotContain("Only in the findings.");
  }

  @Test
  void aPageWithoutRunsEndsWithItsDecisions(@TempDir Path dir) throws IOException {
    Table main = Table.builder(Column.text("arm")).row("a").build();
    ReportPage.of("demo", "Claim.", "Setup.", Map.of())
        .main("Accuracy", main)
        .expected("Expected outcome", ReportPage.heldCount(CHECKS), CHECKS)
        .decisions(List.of("Decided."))
        .write(dir);
    assertThat(Files.readString(dir.resolve("results.md")))
        .endsWith("## Decisions\n\n- Decided.\n")
        .doesNotContain("## Runs");
  }

  @Test
  void aPageNeedsItsMainTableChecksAndDecisions() {
    ReportPage noMain = ReportPage.of("t", "c", "s", Map.of()).decisions(List.of());
    assertThatThrownBy(noMain::findings).isInstanceOf(IllegalStateException.class);
    Table t = Table.builder(Column.text("x")).row("y").build();
    assertThatThrownBy(() -> ReportPage.of("t", "c", "s", Map.of()).main("A", t).main("B", t))
        .hasMessage("a page has one main table");
  }

  @Test
  void heldCellIsYesOnlyWhenEveryCheckOfTheRowHeld() {
    assertThat(ReportPage.heldCell(CHECKS, "a: ")).isEqualTo("yes");
    assertThat(ReportPage.heldCell(CHECKS, "b: ")).isEqualTo("NO");
    Check open = new Check("c: x", Decision.INCONCLUSIVE, "?", null, null);
    assertThat(ReportPage.heldCell(List.of(open), "c: ")).isEqualTo("inconclusive");
  }

  @Test
  void rowsHeldCountsTheRowsWhoseChecksAllHeld() {
    assertThat(ReportPage.rowsHeld(CHECKS, List.of("a", "b"), "paddings"))
        .isEqualTo("The card's expectations held for 1 of 2 paddings");
  }
}
