package io.shiftlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlDocTest {
  @Test
  void escapesEveryTextAndKeepsOnlyItsOwnMarkup() {
    String html =
        new HtmlDoc("a <b> & \"c\"")
            .heading(2, "x < y", "sec'1")
            .paragraph("<script>alert(1)</script>")
            .table(List.of("m", "v"), List.of(List.of("<i>", "1 & 2")))
            .bullets(List.of("held: a", "did NOT hold: b"), List.of("held", "failed"))
            .toString();
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<title>a &lt;b&gt; &amp; &quot;c&quot;</title>")
        .contains("<h2 id=\"sec&#39;1\">x &lt; y</h2>")
        .contains("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
        .contains("<td>&lt;i&gt;</td><td>1 &amp; 2</td>")
        .contains("<li class=\"held\">held: a</li><li class=\"failed\">did NOT hold: b</li>")
        .doesNotContain("<script>");
  }

  @Test
  void embedsTheFigureSoThePageNeedsNoOtherFile(@TempDir Path dir) throws Exception {
    BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
    img.setRGB(2, 1, 0xff0000);
    Path png = dir.resolve("f.png");
    ImageIO.write(img, "png", png.toFile());
    String html = new HtmlDoc("t").image(png, "a figure").toString();
    Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
    assertThat(m.find()).isTrue();
    byte[] decoded = Base64.getDecoder().decode(m.group(1));
    assertThat(decoded).isEqualTo(Files.readAllBytes(png));
    assertThat(html).contains("alt=\"a figure\"").doesNotContain("f.png");
  }

  @Test
  void tableFormatsCellsAsMarkdownDoesButUnescaped() {
    Table t = TableTest.results();
    String html = new HtmlDoc("t").table(t).toString();
    for (List<String> row : t.formattedRows()) {
      assertThat(html).contains("<td>" + HtmlDoc.escape(row.get(0)) + "</td>");
    }
    assertThat(t.header()).hasSize(t.columns().size());
  }

  @Test
  void rejectsRaggedRowsAndBadLevels() {
    assertThatThrownBy(() -> new HtmlDoc("t").table(List.of("a", "b"), List.of(List.of("1"))))
        .hasMessageContaining("1 cells");
    assertThatThrownBy(() -> new HtmlDoc("t").heading(7, "x", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
