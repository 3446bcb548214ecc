package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.train.TrainResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rf} on a hand-made run directory (the command is registered in Main by the integrator).
 */
class RfCommandTest {
  @Test
  void printsTheCnn2Table(@TempDir Path dir) throws Exception {
    Cli.Result r =
        Cli.rfOfHandMadeRun(
            dir, new TrainResult("cnn2", "1x28x28", 10, 85_670, 1, 1, false, 0.5, 0.9, 1.0, null));
    String out = r.out();
    assertThat(r.code()).as(out).isZero();
    assertThat(out).contains("(cnn2), input 1x28x28");
    assertThat(out)
        .contains(
            "| 06MaxPool2d   | pool   |      2 |      2 |       0 |        1 |    4 |     16 |"
                + "    4 |   7.5 |");
    assertThat(out).contains("| 07LambdaBlock | global |");
  }
}
