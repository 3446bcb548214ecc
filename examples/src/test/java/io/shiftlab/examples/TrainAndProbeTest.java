package io.shiftlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.runtime.TorchRuntime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's library example runs and prints its three lines of values. */
class TrainAndProbeTest {
  @Test
  void theExampleTrainsProbesAndReadsValues(@TempDir Path out) throws Exception {
    Assumptions.assumeTrue(
        TorchRuntime.engineVerdict().nativeConvCorrect(),
        "libtorch's own convolution failed the engine self-check: TorchScript is refused here");
    Path model = Path.of("../core/src/test/resources/io/shiftlab/golden/rgb_cnn.pt");
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      TrainAndProbe.main(new String[] {out.toString(), model.toString()});
    } finally {
      System.setOut(saved);
    }
    String text = buf.toString(StandardCharsets.UTF_8);
    saved.print(text);
    assertThat(text.lines().toList())
        .hasSize(3)
        .satisfies(l -> assertThat(l.get(0)).matches("trained cnn2: val accuracy [01]\\.\\d{3}"))
        .satisfies(l -> assertThat(l.get(1)).matches("cnn2: accuracy [01]\\.\\d{3} unshifted, .*"))
        .satisfies(
            l ->
                assertThat(l.get(2)).matches("rgb_cnn\\.pt: accuracy [01]\\.\\d{3} unshifted, .*"));
    assertThat(out.resolve("sweep-cnn2/sweep.csv")).isNotEmptyFile();
    assertThat(out.resolve("run/model.params")).isNotEmptyFile();
  }
}
