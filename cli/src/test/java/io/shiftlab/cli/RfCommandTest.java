package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.report.Json;
import io.shiftlab.train.TrainResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code rf} on a hand-made run directory (the command is registered in Main by the integrator).
 */
class RfCommandTest {
  @Test
  void printsTheCnn2Table(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("config.json"), "{}");
    Json.write(
        dir.resolve("metrics.json"),
        new TrainResult("cnn2", "1x28x28", 10, 85_670, 1, 1, false, 0.5, 0.9, 1.0, null));
    StringWriter sw = new StringWriter();
    CommandLine cmd = new CommandLine(new RfCommand());
    cmd.setOut(new PrintWriter(sw, true));
    int code = cmd.execute(dir.toString());
    String out = sw.toString();
    assertThat(code).as(out).isZero();
    assertThat(out).contains("(cnn2), input 1x28x28");
    assertThat(out)
        .contains(
            "| 06MaxPool2d   | pool   |      2 |      2 |       0 |        1 |    4 |     16 |"
                + "    4 |   7.5 |");
    assertThat(out).contains("| 07LambdaBlock | global |");
  }
}
