package io.shiftlab.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.TestData;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.Network;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.random.Streams;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered probe with its default options on an untrained cnn2 and 64 toy images: it
 * returns a summary of itself, writes every file it declares, and its headline numbers are finite.
 * A new probe is covered by adding it to the registry.
 */
class EveryProbeSmokeTest {
  private static final ImageSet TEST = TestData.squares("toy/test", 64, 4, 3);
  private static Network net;

  @TempDir Path dir;

  @BeforeAll
  static void model() {
    net = Network.create(ModelCatalog.get("cnn2"), InputShape.MNIST, 4, 2);
  }

  @AfterAll
  static void close() {
    net.close();
  }

  static Stream<String> probes() {
    return ProbeRegistry.names().stream();
  }

  @ParameterizedTest
  @MethodSource("probes")
  void runsWithItsDefaultsAndWritesItsFiles(String name) {
    Probe probe = ProbeRegistry.parse("--probe", name).get(0);
    ProbeSummary s =
        probe.run(
            new ProbeContext(
                net,
                "cnn2",
                TEST,
                new Streams(7),
                net.manager(),
                new ProbeParams(name, probe.params(), Map.of()),
                dir));
    assertThat(s.probe()).isEqualTo(name);
    assertThat(s.files()).isEqualTo(probe.outputs());
    for (String f : probe.outputs()) {
      assertThat(dir.resolve(f)).as(name + ": " + f).isNotEmptyFile();
    }
    s.headline()
        .forEach(
            (k, v) -> {
              if (v instanceof Double d) {
                assertThat(d).as(name + " headline " + k).isFinite();
              }
            });
  }
}
