package io.shiftlab.rf;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.zoo.ModelCatalog;
import org.junit.jupiter.api.Test;

class RfTableTest {
  @Test
  void cnn1TableInMarkdown() {
    String md = RfTable.of(ModelCatalog.get("cnn1").build(InputShape.MNIST, 10), 28).toMarkdown();
    assertThat(md)
        .isEqualTo(
            "| layer         | kind   | kernel | stride | padding | dilation | size |      r |"
                + " jump | start |\n"
                + "|:--------------|:-------|-------:|-------:|--------:|---------:|-----:|-------:|"
                + "-----:|------:|\n"
                + "| input         | input  |      — |      — |       — |        — |   28 |      1 |"
                + "    1 |   0.0 |\n"
                + "| 01Conv2d      | conv   |      5 |      1 |       0 |        1 |   24 |      5 |"
                + "    1 |   2.0 |\n"
                + "| 02LambdaBlock | other  |      1 |      1 |       0 |        1 |   24 |      5 |"
                + "    1 |   2.0 |\n"
                + "| 03MaxPool2d   | pool   |      2 |      2 |       0 |        1 |   12 |      6 |"
                + "    2 |   2.5 |\n"
                + "| 04LambdaBlock | global |      1 |      1 |       0 |        1 |    1 | global |"
                + "    — |     — |\n"
                + "| 05Linear      | global |      1 |      1 |       0 |        1 |    1 | global |"
                + "    — |     — |\n"
                + "| 06LambdaBlock | global |      1 |      1 |       0 |        1 |    1 | global |"
                + "    — |     — |\n"
                + "| 07Linear      | global |      1 |      1 |       0 |        1 |    1 | global |"
                + "    — |     — |\n");
  }
}
