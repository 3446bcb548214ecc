package io.shiftlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownDocTest {
  static MarkdownDoc report() {
    return new MarkdownDoc()
        .heading(1, "Circular shift: zero vs circular padding")
        .paragraph("Accuracy on the test set for each model.\nOne seed; see the manifest.")
        .table(TableTest.results())
        .image("plots/accuracy vs shift.png", "accuracy [%] against shift")
        .heading(2, "Settings")
        .code("yaml", "epochs: 30\nlr: 0.1\n")
        .code("", "a fence inside: ```")
        .bullets(List.of("seed 7", "data hash 3f2a\n(CIFAR-10)"));
  }

  @Test
  void matchesGoldenFile() {
    Golden.assertMatches("report.md", report().toString());
  }

  @Test
  void writesTheSameTextToAFile(@TempDir Path dir) throws Exception {
    report().write(dir.resolve("report.md"));
    assertThat(Files.readString(dir.resolve("report.md"))).isEqualTo(report().toString());
  }

  @Test
  void emptyDocumentIsEmpty() {
    assertThat(new MarkdownDoc().toString()).isEmpty();
  }

  @Test
  void rejectsWhatWouldBreakTheDocument() {
    MarkdownDoc doc = new MarkdownDoc();
    assertThatThrownBy(() -> doc.heading(7, "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> doc.image("/abs/a.png", "a")).hasMessageContaining("relative");
    assertThatThrownBy(() -> doc.image("C:\\a.png", "a")).hasMessageContaining("relative");
    assertThatThrownBy(() -> doc.image("https://x/a.png", "a")).hasMessageContaining("relative");
    assertThatThrownBy(() -> doc.paragraph("one\n\ntwo")).hasMessageContaining("blank lines");
    assertThatThrownBy(() -> doc.bullets(List.of())).hasMessageContaining("at least one");
    assertThat(doc.toString()).isEmpty();
  }
}
