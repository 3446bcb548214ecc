package io.shiftlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarBinaryReaderTest {
  @TempDir Path dir;

  /** A record whose pixel (c, y, x) is (seed + 3c + y + x) mod 256, after the label bytes. */
  private static byte[] record(int seed, int... labelBytes) {
    byte[] r = new byte[labelBytes.length + 3072];
    for (int i = 0; i < labelBytes.length; i++) {
      r[i] = (byte) labelBytes[i];
    }
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          r[labelBytes.length + c * 1024 + y * 32 + x] = (byte) (seed + 3 * c + y + x);
        }
      }
    }
    return r;
  }

  private Path write(String name, byte[]... records) throws IOException {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    for (byte[] r : records) {
      b.write(r);
    }
    return Files.write(dir.resolve(name), b.toByteArray());
  }

  @Test
  void readsCifar10RecordsAcrossBatches() throws IOException {
    Path a = write("data_batch_1.bin", record(0, 3), record(50, 9));
    Path b = write("data_batch_2.bin", record(100, 0));
    ImageSet s = CifarBinaryReader.read(List.of(a, b), CifarFormat.CIFAR10, "cifar10/train");
    assertThat(s.size()).isEqualTo(3);
    assertThat(s.labels()).containsExactly(3, 9, 0);
    assertThat(s.channels()).isEqualTo(3);
    assertThat(s.height()).isEqualTo(32);
    // image 1, channel 2 (blue), row 5, column 6: 50 + 6 + 5 + 6 = 67
    assertThat(s.pixels()[3072 + 2 * 1024 + 5 * 32 + 6]).isEqualTo((byte) 67);
    // image 2, channel 0, row 31, column 31: 100 + 62 = 162
    assertThat(s.pixels()[2 * 3072 + 31 * 32 + 31] & 0xff).isEqualTo(162);
  }

  @Test
  void cifar100KeepsFineOrCoarseLabel() throws IOException {
    Path p = write("train.bin", record(1, 19, 99), record(2, 0, 42));
    assertThat(CifarBinaryReader.read(List.of(p), CifarFormat.CIFAR100_FINE, "f").labels())
        .containsExactly(99, 42);
    ImageSet coarse = CifarBinaryReader.read(List.of(p), CifarFormat.CIFAR100_COARSE, "c");
    assertThat(coarse.labels()).containsExactly(19, 0);
    assertThat(coarse.numClasses()).isEqualTo(20);
    assertThat(coarse.pixels()[0]).isEqualTo((byte) 1);
  }

  @Test
  void rejectsLengthNotMultipleOfRecord() throws IOException {
    Path p = write("bad.bin", record(0, 1), new byte[] {1, 2});
    assertThatThrownBy(() -> CifarBinaryReader.read(List.of(p), CifarFormat.CIFAR10, "x"))
        .isInstanceOf(UserInputException.class)
        .hasMessage(p + ": length 3075 is not a positive multiple of the 3073-byte CIFAR10 record");
    Path empty = write("empty.bin");
    assertThatThrownBy(() -> CifarBinaryReader.read(List.of(empty), CifarFormat.CIFAR10, "x"))
        .hasMessageContaining("length 0 is not a positive multiple");
  }

  @Test
  void rejectsLabelsOutOfRange() throws IOException {
    Path p = write("ten.bin", record(0, 1), record(0, 10));
    assertThatThrownBy(() -> CifarBinaryReader.read(List.of(p), CifarFormat.CIFAR10, "x"))
        .isInstanceOf(UserInputException.class)
        .hasMessage(p + ": label 10 of record 1 is outside 0..9 (CIFAR10)");
    Path q = write("coarse.bin", record(0, 20, 5));
    assertThatThrownBy(() -> CifarBinaryReader.read(List.of(q), CifarFormat.CIFAR100_COARSE, "x"))
        .hasMessage(q + ": label 20 of record 0 is outside 0..19 (CIFAR100_COARSE)");
    Path r = write("fine.bin", record(0, 5, 100));
    assertThatThrownBy(() -> CifarBinaryReader.read(List.of(r), CifarFormat.CIFAR100_FINE, "x"))
        .hasMessage(r + ": label 100 of record 0 is outside 0..99 (CIFAR100_FINE)");
  }
}
