package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} and {@code reproduce} replace report.html and report.md only when shiftlab wrote
 * them, and {@code reproduce} writes into an --out folder only when it holds shiftlab's outputs.
 */
class ReportOwnershipTest {
  @TempDir Path tmp;

  @Test
  void reportNeverReplacesAUsersOwnReport() throws Exception {
    Path parent = tmp.resolve("runs");
    Cli.ok(Cli.smoke("patch-location", null, null, parent.resolve("patch-location")));
    Path md = parent.resolve("report.md");
    Path html = parent.resolve("report.html");
    Files.writeString(md, "# my own report\n");
    Cli.Result r = Cli.run("report", parent.toString());
    Cli.assertRefused(r, "shiftlab: " + md + ": shiftlab did not write it");
    assertThat(r.errLines()).hasSize(1);
    assertThat(md).hasContent("# my own report");
    assertThat(html).doesNotExist();

    Files.delete(md);
    Files.writeString(html, "<html><head><title>mine</title></head></html>");
    Cli.assertRefused(Cli.run("report", parent.toString()), "shiftlab: " + html + ": ");
    assertThat(html).hasContent("<html><head><title>mine</title></head></html>");

    // --force replaces them; shiftlab's own reports are then replaced without it
    Cli.ok(Cli.run("report", parent.toString(), "--force"));
    assertThat(Files.readString(html)).contains("shiftlab: reproduction report");
    Cli.ok(Cli.run("report", parent.toString()));
    assertThat(md).isRegularFile();
  }

  @Test
  void reproduceAllRefusesAFolderHoldingForeignFilesOrAForeignReport() throws Exception {
    Path parent = Files.createDirectories(tmp.resolve("all"));
    Files.writeString(parent.resolve("report.html"), "<p>mine</p>");
    Cli.Result r = Cli.smoke(null, null, null, parent);
    Cli.assertRefused(r, "shiftlab: " + parent.resolve("report.html") + ": shiftlab did not");
    assertThat(parent.resolve("report.html")).hasContent("<p>mine</p>");

    Files.delete(parent.resolve("report.html"));
    Files.writeString(parent.resolve("my-notes.txt"), "mine");
    Cli.Result notes = Cli.smoke(null, null, null, parent);
    Cli.assertRefused(
        notes, "shiftlab: --out: " + parent + " holds files shiftlab did not write (my-notes.txt)");
    assertThat(notes.errLines()).hasSize(1);
    try (var s = Files.list(parent)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("my-notes.txt");
    }
  }
}
