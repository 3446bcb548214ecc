package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images too small for a model are refused in one line before the run directory exists, so a retry
 * with another model or data set into the same --out works.
 */
class TrainShapeTest {
  @TempDir Path tmp;

  @Test
  void imagesTooSmallForTheModelAreOneLineAndLeaveNoRunDirectory() throws IOException {
    Path data = Files.createDirectories(tmp.resolve("tiny"));
    writeIdx(data.resolve(IdxFixture.TRAIN_IMAGES), data.resolve(IdxFixture.TRAIN_LABELS), 120);
    writeIdx(data.resolve(IdxFixture.TEST_IMAGES), data.resolve(IdxFixture.TEST_LABELS), 20);
    Path out = tmp.resolve("runs/cnn2");
    Cli.Result r = Cli.train(data, tmp.resolve("store"), out, 1);
    Cli.assertRefused(r, "shiftlab: --dataset: ");
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines().get(0)).contains("1x4x4").contains("--model cnn2");
    assertThat(out).doesNotExist();
    assertThat(tmp.resolve("runs")).doesNotExist();
  }

  private static void writeIdx(Path images, Path labels, int n) throws IOException {
    try (OutputStream f = Files.newOutputStream(images);
        DataOutputStream d = new DataOutputStream(f)) {
      d.writeInt(0x00000803);
      d.writeInt(n);
      d.writeInt(4);
      d.writeInt(4);
      for (int i = 0; i < n * 16; i++) {
        d.write((i * 37) % 256);
      }
    }
    try (OutputStream f = Files.newOutputStream(labels);
        DataOutputStream d = new DataOutputStream(f)) {
      d.writeInt(0x00000801);
      d.writeInt(n);
      for (int i = 0; i < n; i++) {
        d.write(i % 10);
      }
    }
  }
}
