package io.shiftlab.probe;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.shiftlab.TestData;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.Classifier;
import io.shiftlab.random.Streams;
import io.shiftlab.runtime.TorchRuntime;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of the probe tests that build their own small models: 32 toy images, a CPU manager
 * for the test class and a fresh directory per test, and one call that measures with a probe and
 * has its writer write there.
 */
abstract class ToyImagesProbeTest {
  static final ImageSet TEST = TestData.squares("toy/test", 32, 4, 3);
  static NDManager manager;

  @TempDir Path dir;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE);
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  /** Runs {@code probe} on {@link #TEST} with seed 5 and writes its files into {@link #dir}. */
  ProbeSummary run(Probe<?> probe, Classifier model, String name, Map<String, String> given) {
    ProbeParams params = new ProbeParams(probe.name(), probe.params(), given);
    return ProbeJob.write(
        probe, new ProbeContext(model, name, TEST, new Streams(5), manager, params), dir);
  }
}
