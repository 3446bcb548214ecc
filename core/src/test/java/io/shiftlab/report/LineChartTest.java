package io.shiftlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {
  static final double[] DX = {-4, -3, -2, -1, 0, 1, 2, 3, 4};

  static LineChart accuracyChart() {
    return LineChart.builder("Accuracy under circular shift")
        .xTitle("shift dx (px)")
        .yTitle("test accuracy")
        .yRange(0, 1)
        .series("zero padding", DX, new double[] {.62, .71, .80, .88, .93, .87, .79, .70, .61})
        .series("circular padding", DX, new double[] {.90, .91, .92, .92, .93, .92, .92, .91, .90})
        .series(
            new LineSeries(
                "blur pool",
                DX,
                new double[] {.85, .88, .90, .92, .93, .92, Double.NaN, .88, .86},
                SeriesStyle.DASHED))
        .series(
            LineSeries.reference("published", new double[] {-4, 0, 4}, new double[] {.6, .93, .6}))
        .build();
  }

  static BufferedImage decode(byte[] png) throws Exception {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(img).as("PNG decodes").isNotNull();
    return img;
  }

  static int pixelsOfColour(BufferedImage img, Color c) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF)) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void pngHasTheRequestedSizeAWhiteBackgroundAndEachSeriesColour() throws Exception {
    BufferedImage img = decode(accuracyChart().toPng());
    assertThat(img.getWidth()).isEqualTo(LineChart.DEFAULT_WIDTH);
    assertThat(img.getHeight()).isEqualTo(LineChart.DEFAULT_HEIGHT);
    assertThat(img.getRGB(1, 1) & 0xFFFFFF).as("white corner").isEqualTo(0xFFFFFF);
    for (int i = 0; i < 4; i++) {
      assertThat(pixelsOfColour(img, ChartEncoding.PALETTE[i]))
          .as("pixels of series %d's colour", i)
          .isGreaterThan(20);
    }
  }

  @Test
  void intervalEndsTakeTheirSeriesColourAndStayOutOfTheLegend() throws Exception {
    double[] x = {1, 2, 3};
    LineChart chart =
        LineChart.builder("effects")
            .series("a", x, new double[] {1, 2, 3})
            .series(new LineSeries("a low", x, new double[] {0, 1, 2}, SeriesStyle.INTERVAL))
            .series(new LineSeries("a high", x, new double[] {2, 3, 4}, SeriesStyle.INTERVAL))
            .series("b", x, new double[] {5, 6, 7})
            .build();
    BufferedImage img = decode(chart.toPng());
    assertThat(pixelsOfColour(img, ChartEncoding.PALETTE[0])).isGreaterThan(20);
    assertThat(pixelsOfColour(img, ChartEncoding.PALETTE[1]))
        .as("b, the second colour")
        .isGreaterThan(20);
    assertThat(pixelsOfColour(img, ChartEncoding.PALETTE[2])).as("no third colour").isZero();
    assertThat(pixelsOfColour(img, ChartEncoding.PALETTE[3])).as("no fourth colour").isZero();
    var map = chart.toXChart().getSeriesMap();
    assertThat(map.get("a low").isShowInLegend()).isFalse();
    assertThat(map.get("a high").isShowInLegend()).isFalse();
    assertThat(map.get("a").isShowInLegend()).isTrue();
    assertThat(map.get("a low").getLineColor()).isEqualTo(map.get("a").getLineColor());
    assertThat(map.get("b").getLineColor()).isEqualTo(ChartEncoding.PALETTE[1]);
  }

  @Test
  void customSizeIsHonoured() throws Exception {
    LineChart small =
        LineChart.builder("t")
            .size(400, 300)
            .series("s", new double[] {1}, new double[] {2})
            .build();
    BufferedImage img = decode(small.toPng());
    assertThat(img.getWidth()).isEqualTo(400);
    assertThat(img.getHeight()).isEqualTo(300);
  }

  @Test
  void sameInputGivesByteIdenticalPng() {
    assertThat(accuracyChart().toPng()).isEqualTo(accuracyChart().toPng());
  }

  @Test
  void svgNamesTheChartAndItsSeriesAndIsDeterministic() {
    String svg = accuracyChart().toSvg();
    assertThat(svg)
        .startsWith("<?xml")
        .contains("<title>Accuracy under circular shift</title>")
        .containsPattern(
            "<desc>Line chart of test accuracy against shift dx \\(px\\)\\. Series: zero padding;"
                + " circular padding; blur pool; published\\.</desc>")
        .contains("viewBox=\"0 0 900 560\"");
    assertThat(accuracyChart().toSvg()).isEqualTo(svg);
  }

  @Test
  void svgEscapesMarkupInNames() {
    String svg =
        LineChart.builder("a < b & c")
            .series("\"q\"", new double[] {1}, new double[] {1})
            .build()
            .toSvg();
    assertThat(svg).contains("<title>a &lt; b &amp; c</title>", "&quot;q&quot;");
  }

  @Test
  void writesPngAndSvgFiles(@TempDir Path dir) throws Exception {
    LineChart chart = accuracyChart();
    chart.writePng(dir.resolve("acc.png"));
    chart.writeSvg(dir.resolve("acc.svg"));
    assertThat(Files.readAllBytes(dir.resolve("acc.png"))).isEqualTo(chart.toPng());
    assertThat(Files.readString(dir.resolve("acc.svg"))).isEqualTo(chart.toSvg());
    assertThat(Files.list(dir)).hasSize(2);
  }

  @Test
  void rejectsInvalidSeries() {
    assertThatThrownBy(() -> LineSeries.of("a", new double[] {1, 2}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x has 2 values but y has 1");
    assertThatThrownBy(() -> LineSeries.of("a", new double[0], new double[0]))
        .hasMessageContaining("'a' is empty");
    assertThatThrownBy(() -> LineSeries.of("a", new double[] {1}, new double[] {Double.NaN}))
        .hasMessageContaining("no finite y value");
    assertThatThrownBy(() -> LineSeries.of("a", new double[] {Double.NaN}, new double[] {1}))
        .hasMessageContaining("x[0]");
    assertThatThrownBy(() -> LineChart.builder("t").build()).hasMessageContaining("no series");
    assertThatThrownBy(
            () ->
                LineChart.builder("t")
                    .series("a", new double[] {1}, new double[] {1})
                    .series("a", new double[] {1}, new double[] {2})
                    .build())
        .hasMessageContaining("duplicate series name: a");
    assertThatThrownBy(
            () ->
                LineChart.builder("t")
                    .series(
                        new LineSeries(
                            "low", new double[] {1}, new double[] {1}, SeriesStyle.INTERVAL))
                    .series("a", new double[] {1}, new double[] {2})
                    .build())
        .hasMessageContaining("interval series 'low' has no series before it");
    assertThatThrownBy(() -> LineChart.builder("t").yRange(1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void seriesCopiesItsArrays() {
    double[] y = {1, 2};
    LineSeries s = LineSeries.of("a", new double[] {0, 1}, y);
    y[0] = 99;
    s.y()[1] = 99;
    assertThat(s.y()).containsExactly(1, 2);
    assertThat(s).isEqualTo(LineSeries.of("a", new double[] {0, 1}, new double[] {1, 2}));
  }
}
