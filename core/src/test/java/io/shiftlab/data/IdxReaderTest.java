package io.shiftlab.data;

import static io.shiftlab.data.IdxBytes.bytes;
import static io.shiftlab.data.IdxBytes.gzip;
import static io.shiftlab.data.IdxBytes.idx;
import static io.shiftlab.data.IdxBytes.images;
import static io.shiftlab.data.IdxBytes.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  /** Two 3x2 images: image 0 = 1..6, image 1 = 10,20,..,60 and 255. */
  private static final byte[] TWO_3X2 =
      images(2, 3, 2, bytes(1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 255));

  private Path write(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  @Test
  void readsTwoImagesOfThreeByTwo() throws IOException {
    IdxArray a = IdxReader.readImages(write("img", TWO_3X2), IdxLayout.STANDARD);
    assertThat(a.dims()).containsExactly(2, 3, 2);
    assertThat(a.data()).containsExactly(bytes(1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 255));
  }

  @Test
  void gzipIsDetectedByMagicBytesNotName() throws IOException {
    IdxArray a = IdxReader.readImages(write("plain-name", gzip(TWO_3X2)), IdxLayout.STANDARD);
    assertThat(a.data()).containsExactly(bytes(1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 255));
    IdxArray b = IdxReader.readImages(write("x.gz", TWO_3X2), IdxLayout.STANDARD);
    assertThat(b.dims()).containsExactly(2, 3, 2);
  }

  @Test
  void emnistLayoutTransposesEachImage() {
    // One 2x3 image stored column-major: columns (1,4), (2,5), (3,6) -> rows 1 2 3 / 4 5 6.
    byte[] stored = images(1, 2, 3, bytes(1, 4, 2, 5, 3, 6));
    IdxArray a = IdxReader.parseImages("e", stored, IdxLayout.EMNIST);
    assertThat(a.dims()).containsExactly(1, 2, 3);
    assertThat(a.data()).containsExactly(bytes(1, 2, 3, 4, 5, 6));
  }

  @Test
  void readsPairIntoSingleChannelImageSet() throws IOException {
    Path img = write("img", TWO_3X2);
    Path lab = write("lab.gz", gzip(labels(7, 0)));
    ImageSet s = IdxReader.readPair(img, lab, IdxFormat.mnist(), "t/train");
    assertThat(s.name()).isEqualTo("t/train");
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.channels()).isEqualTo(1);
    assertThat(s.height()).isEqualTo(3);
    assertThat(s.width()).isEqualTo(2);
    assertThat(s.labels()).containsExactly(7, 0);
    assertThat(s.image(1)).containsExactly(bytes(10, 20, 30, 40, 50, 255));
  }

  @Test
  void emnistLettersLabelsStartAtOne() {
    int[] l = IdxReader.parseLabels("l", labels(1, 26, 5), IdxFormat.emnistLetters());
    assertThat(l).containsExactly(0, 25, 4);
    assertThatThrownBy(() -> IdxReader.parseLabels("l", labels(0), IdxFormat.emnistLetters()))
        .isInstanceOf(UserInputException.class)
        .hasMessage("l: label 0 of item 0 is outside 1..26 (26 classes, first label 1)");
  }

  @Test
  void genericReaderAcceptsAnyRank() {
    IdxArray a = IdxReader.parse("g", idx(0x08, new int[] {2, 1, 1, 2}, bytes(9, 8, 7, 6)));
    assertThat(a.rank()).isEqualTo(4);
    assertThat(a.count()).isEqualTo(2);
  }

  private void assertFails(String fileName, byte[] content, boolean images, String reason)
      throws IOException {
    Path p = write(fileName, content);
    assertThatThrownBy(
            () -> {
              if (images) {
                IdxReader.readImages(p, IdxLayout.STANDARD);
              } else {
                IdxReader.readLabels(p, IdxFormat.mnist());
              }
            })
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(p + ": ")
        .hasMessageContaining(reason);
  }

  @Test
  void wrongMagicSaysFoundAndExpected() throws IOException {
    assertFails(
        "labels-as-images",
        labels(1, 2),
        true,
        "wrong magic number 0x00000801 (2049, a label file), expected 0x00000803 (2051, an image"
            + " file)");
    assertFails(
        "png",
        bytes(0x89, 'P', 'N', 'G', 0, 0, 0, 0),
        false,
        "wrong magic number 0x89504E47 (not an IDX file), expected 0x00000801");
  }

  @Test
  void unsupportedTypeByte() throws IOException {
    assertFails(
        "shorts",
        idx(0x0B, new int[] {1}, bytes(0, 1)),
        false,
        "unsupported data type byte 0x0B (16-bit integer); only 0x08 (unsigned byte) is supported");
  }

  @Test
  void truncatedHeader() throws IOException {
    assertFails("tiny", bytes(0, 0), true, "truncated header: 2 of 4 magic-number bytes present");
    assertFails(
        "half",
        Arrays.copyOf(TWO_3X2, 10),
        true,
        "truncated header: 10 of 16 bytes present for 3 dimensions");
  }

  @Test
  void truncatedBodySaysExpectedAndPresent() throws IOException {
    assertFails(
        "short",
        Arrays.copyOf(TWO_3X2, TWO_3X2.length - 1),
        true,
        "truncated body: dimensions 2x3x2 need 12 bytes but only 11 are present after the header");
    assertFails(
        "short.gz",
        gzip(Arrays.copyOf(TWO_3X2, TWO_3X2.length - 1)),
        true,
        "truncated body: dimensions 2x3x2 need 12 bytes but the gzip stream holds only 11");
  }

  @Test
  void hugeOrOverflowingDimensionsFailBeforeAllocating() throws IOException {
    assertFails(
        "huge",
        images(60000, 28, 28, bytes(1, 2)),
        true,
        "dimensions 60000x28x28 need 47040000 bytes but only 2 are present");
    assertFails(
        "huge.gz",
        gzip(images(60000, 28, 28, bytes(1, 2))),
        true,
        "need 47040000 bytes, more than a");
    assertFails(
        "overflow",
        idx(0x08, new int[] {-1, -1, -1}, bytes()),
        true,
        "dimensions 4294967295x4294967295x4294967295 need more than 2^63 bytes");
    assertFails(
        "toolarge",
        idx(0x08, new int[] {65536, 65536, 1}, bytes()),
        true,
        "need 4294967296 bytes, more than a Java array can hold");
  }

  @Test
  void zeroDimensions() throws IOException {
    assertFails("zero", images(2, 0, 2, bytes()), true, "dimension 1 of 2x0x2 is zero");
    assertFails(
        "rank0", idx(0x08, new int[] {}, bytes()), false, "zero dimensions declared in magic");
  }

  @Test
  void trailingGarbage() throws IOException {
    byte[] longer = Arrays.copyOf(TWO_3X2, TWO_3X2.length + 3);
    assertFails(
        "trailing", longer, true, "trailing garbage: 3 bytes after the 12-byte body of dimensions");
    assertFails("trailing.gz", gzip(longer), true, "trailing garbage: at least 3 bytes after");
  }

  @Test
  void corruptGzip() throws IOException {
    byte[] gz = gzip(TWO_3X2);
    byte[] cut = Arrays.copyOf(gz, gz.length - 12);
    assertFails("cut.gz", cut, true, "corrupt gzip stream");
    byte[] method = gz.clone();
    method[2] = 7; // compression method other than deflate
    assertFails("method.gz", method, true, "corrupt gzip stream");
    byte[] crc = gz.clone();
    crc[gz.length - 8] ^= 1; // CRC-32 of the trailer
    assertFails("crc.gz", crc, true, "corrupt gzip stream");
  }

  @Test
  void labelOutOfRange() throws IOException {
    assertFails("lab", labels(3, 10), false, "label 10 of item 1 is outside 0..9 (10 classes)");
  }

  @Test
  void countMismatchNamesBothFiles() throws IOException {
    Path img = write("img", TWO_3X2);
    Path lab = write("lab", labels(1, 2, 3));
    assertThatThrownBy(() -> IdxReader.readPair(img, lab, IdxFormat.mnist(), "x"))
        .isInstanceOf(UserInputException.class)
        .hasMessage(img + ": holds 2 images but label file " + lab + " holds 3 labels");
  }

  @Test
  void missingFile() {
    Path p = dir.resolve("nope");
    assertThatThrownBy(() -> IdxReader.read(p))
        .isInstanceOf(UserInputException.class)
        .hasMessage(p + ": file not found");
  }
}
