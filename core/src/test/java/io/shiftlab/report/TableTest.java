package io.shiftlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableTest {
  /** A results table with every kind of cell: text, percent, fixed, count, NaN, null. */
  static Table results() {
    return Table.builder(
            Column.text("model"),
            new Column("padding", Column.Align.CENTER, CellFormat.plain()),
            Column.percent("accuracy", 1),
            Column.fixed("consistency", 3),
            Column.number("epochs"))
        .row("resnet18", "zeros", 0.9353, 0.81234, 30)
        .row("resnet18 + blur", "circular", 0.9412, 0.95, 30)
        .row("vgg | small", "zeros", Double.NaN, null, 5)
        .build();
  }

  @Test
  void markdownMatchesGoldenFile() {
    Golden.assertMatches("table.md", results().toMarkdown());
  }

  @Test
  void csvMatchesGoldenFileWithFullPrecisionNumbers() {
    Golden.assertMatches("table.csv", results().toCsv());
  }

  @Test
  void markdownFormatsNumbersPerColumnAndMarksMissingValues() {
    String md = results().toMarkdown();
    assertThat(md).contains(" 93.5% |", " 0.812 |", " NaN |", " \u2014 |", "| vgg \\| small ");
    // every line has the same length, so the pipes line up in plain text
    assertThat(md.lines().mapToInt(String::length).distinct()).hasSize(1);
  }

  @Test
  void csvQuotesCommasQuotesAndLineBreaksPerRfc4180() {
    Table t =
        Table.builder(Column.text("name, full"), Column.text("note"))
            .row("a,b", "say \"hi\"")
            .row("line1\nline2", "plain")
            .row("cr\rhere", null)
            .build();
    assertThat(t.toCsv())
        .isEqualTo(
            "name_full,note\r\n"
                + "\"a,b\",\"say \"\"hi\"\"\"\r\n"
                + "\"line1\nline2\",plain\r\n"
                + "\"cr\rhere\",\r\n");
  }

  @Test
  void csvHasSnakeCaseKeysFractionsForPointsAndLeavesNotesOut() {
    Table t =
        Table.builder(
                Column.text("model"),
                Column.points("accuracy % (mean)", 1),
                Column.points("± std", 1).withKey("accuracy_std"),
                Column.note("published"),
                Column.number("passes").csvOnly())
            .row("cnn2", 93.5, 1.25, "94.1 ± 0.3", 3)
            .build();
    assertThat(t.toCsv())
        .isEqualTo("model,accuracy_mean,accuracy_std,passes\r\ncnn2,0.935,0.0125,3\r\n");
    assertThat(t.header()).containsExactly("model", "accuracy % (mean)", "± std", "published");
    assertThat(t.toMarkdown()).contains("93.5 |", "94.1 ± 0.3 |").doesNotContain("passes");
    assertThat(Column.keyOf("drop clean→Shift")).isEqualTo("drop_clean_to_shift");
    assertThat(Column.keyOf("Δ pts")).isEqualTo("delta_pts");
    assertThat(Column.points("Δ pts", 1).key()).isEqualTo("delta");
    assertThatThrownBy(
            () -> Table.builder(Column.points("± 95%", 2), Column.points("± 95% ", 2)).build())
        .hasMessageContaining("duplicate CSV key 'c_95'");
  }

  @Test
  void csvKeepsRawValuesWhateverTheDisplayFormat() {
    Table t =
        Table.builder(Column.percent("p", 0), Column.fixed("f", 1))
            .row(0.123456789, new BigDecimal("1E+3"))
            .row(Double.POSITIVE_INFINITY, 1.0f / 3)
            .build();
    assertThat(t.toCsv()).isEqualTo("p,f\r\n0.123456789,1000\r\n,0.33333334\r\n");
    assertThat(t.toMarkdown()).contains(" 12% |", " 1000.0 |", " Infinity |", " 0.3 |");
  }

  @Test
  void mapsCarryRawValuesInColumnOrder() {
    List<Map<String, Object>> maps = results().toMaps();
    assertThat(maps).hasSize(3);
    assertThat(maps.get(0).keySet())
        .containsExactly("model", "padding", "accuracy", "consistency", "epochs");
    assertThat(maps.get(0)).containsEntry("accuracy", 0.9353).containsEntry("epochs", 30);
    assertThat(maps.get(2)).containsEntry("consistency", null);
  }

  @Test
  void writesMarkdownCsvAndJsonFiles(@TempDir Path dir) throws Exception {
    Table t = results();
    t.writeMarkdown(dir.resolve("t.md"));
    t.writeCsv(dir.resolve("t.csv"));
    t.writeJson(dir.resolve("t.json"));
    assertThat(Files.readString(dir.resolve("t.md"))).isEqualTo(t.toMarkdown());
    assertThat(Files.readString(dir.resolve("t.csv"), StandardCharsets.UTF_8)).isEqualTo(t.toCsv());
    String json = Files.readString(dir.resolve("t.json"));
    assertThat(json).contains("\"accuracy\" : null", "\"consistency\" : null");
    assertThat(Files.list(dir)).hasSize(3); // no temporaries left behind
  }

  @Test
  void rejectsMalformedTables() {
    assertThatThrownBy(() -> Table.builder(Column.text("a"), Column.text("b")).row("x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 0 has 1 cells, expected 2");
    assertThatThrownBy(() -> Table.builder(Column.text("a"), Column.text("a")).build())
        .hasMessageContaining("duplicate column name: a");
    assertThatThrownBy(() -> Table.builder(Column.text("a")).row(List.of(1)).build())
        .hasMessageContaining("unsupported cell type");
    assertThatThrownBy(() -> Table.builder().build()).hasMessageContaining("at least one column");
    assertThatThrownBy(() -> Column.text(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tableIsImmutable() {
    Object[] cells = {"a", 1};
    Table t = Table.builder(Column.text("s"), Column.number("n")).row(cells).build();
    cells[0] = "changed";
    assertThat(t.rows().get(0)).containsExactly("a", 1);
    assertThatThrownBy(() -> t.rows().get(0).set(0, "x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
