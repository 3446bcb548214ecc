package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipFile;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The pickle scanner reads untrusted bytes: whatever they are, it returns a list (possibly empty)
 * and never throws, and every storage it reports has a key and a size that is not negative unless
 * its element size is unknown (-1).
 */
class PickleStoragesPropertiesTest {
  @Property(tries = 300)
  void arbitraryBytesNeverThrow(@ForAll @Size(max = 512) byte[] bytes) {
    assertSane(PickleStorages.of(bytes));
  }

  @Property(tries = 300)
  void aRealPickleWithOneByteChangedNeverThrows(
      @ForAll @IntRange(min = 0, max = 100_000) int where, @ForAll byte value) throws IOException {
    byte[] pkl = realPickle();
    pkl[where % pkl.length] = value;
    assertSane(PickleStorages.of(pkl));
  }

  @Property(tries = 100)
  void aRealPickleCutShortNeverThrows(@ForAll @IntRange(min = 0, max = 100_000) int length)
      throws IOException {
    byte[] pkl = realPickle();
    byte[] cut = java.util.Arrays.copyOf(pkl, length % (pkl.length + 1));
    assertSane(PickleStorages.of(cut));
  }

  private static void assertSane(List<PickleStorages.Storage> found) {
    assertThat(found).isNotNull();
    for (PickleStorages.Storage s : found) {
      assertThat(s.key()).isNotNull();
      assertThat(s.bytes()).isGreaterThanOrEqualTo(-1);
    }
  }

  /** The data.pkl of the test archive (stored entries need ZipFile's central directory). */
  private static byte[] realPickle() throws IOException {
    Path tmp = Files.createTempFile("tiny_cnn", ".pt");
    try {
      try (InputStream in = PickleStoragesPropertiesTest.class.getResourceAsStream("tiny_cnn.pt")) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      try (ZipFile zip = new ZipFile(tmp.toFile())) {
        return zip.getInputStream(zip.getEntry("tiny_cnn/data.pkl")).readAllBytes();
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
