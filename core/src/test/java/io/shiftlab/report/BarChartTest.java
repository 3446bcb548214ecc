package io.shiftlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class BarChartTest {
  private static BarChart chart() {
    return BarChart.builder("red-green accuracy")
        .categories(List.of("valid", "same-zero", "same-circular"))
        .xTitle("convolution")
        .yTitle("accuracy (%)")
        .yRange(0, 105)
        .series("Similar", new double[] {100, 99.8, 73.7}, new double[] {0, 0.1, 1})
        .series("Dissimilar", new double[] {0.2, 8.4, 73.7}, null)
        .build();
  }

  @Test
  void aYRangeMustBeFiniteAsForLineCharts() {
    for (double[] r : new double[][] {{0, Double.NaN}, {Double.NEGATIVE_INFINITY, 1}, {1, 1}}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> BarChart.builder("t").yRange(r[0], r[1]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("y range needs finite min < max");
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> LineChart.builder("t").yRange(r[0], r[1]))
          .hasMessageStartingWith("y range needs finite min < max");
    }
  }

  @Test
  void pngShowsEachSeriesColourOnWhite() throws Exception {
    BufferedImage img = LineChartTest.decode(chart().toPng());
    assertThat(img.getWidth()).isEqualTo(BarChart.DEFAULT_WIDTH);
    assertThat(img.getRGB(1, 1) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    for (int i = 0; i < 2; i++) {
      assertThat(LineChartTest.pixelsOfColour(img, ChartEncoding.PALETTE[i]))
          .as("bars of series " + i)
          .isGreaterThan(1000);
    }
  }

  @Test
  void sameInputGivesTheSameBytesAndTheSvgNamesTheSeries() {
    assertThat(chart().toPng()).isEqualTo(chart().toPng());
    String svg = chart().toSvg();
    assertThat(svg)
        .contains("<title>red-green accuracy</title>")
        .contains("Categories: valid, same-zero, same-circular. Series: Similar; Dissimilar.");
    assertThat(chart().toSvg()).isEqualTo(svg);
  }

  @Test
  void rejectsMismatchedSeries() {
    assertThatThrownBy(
            () ->
                BarChart.builder("t")
                    .categories(List.of("a", "b"))
                    .series("s", new double[] {1}, null)
                    .build())
        .hasMessageContaining("1 values for 2 categories");
    assertThatThrownBy(() -> new BarChart.Bars("s", new double[] {1, 2}, new double[] {1}))
        .hasMessageContaining("1 errors for 2 values");
    assertThatThrownBy(() -> BarChart.builder("t").categories(List.of("a")).build())
        .hasMessageContaining("needs categories and series");
  }
}
