package io.shiftlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataInstallerTest {
  /** SHA-256 of the three bytes "abc" (FIPS 180-2, appendix B.1). */
  static final String SHA_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  /** SHA-256 of the empty string. */
  static final String SHA_EMPTY =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @TempDir Path dir;
  final List<String> log = new ArrayList<>();
  int fetches;

  /** A fetcher that writes "abc" for every data file except those listed as missing. */
  PackageFetcher fake(String... missing) {
    return (pkg, target, log) -> {
      fetches++;
      for (KnownDataset d : KnownDataset.values()) {
        if (!d.debianPackage().equals(pkg)) {
          continue;
        }
        for (String f : d.files()) {
          if (List.of(missing).contains(f)) {
            continue;
          }
          Path p = target.resolve(d.packagePath(f));
          try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "abc");
            Files.writeString(target.resolve("unrelated.txt"), "not copied");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    };
  }

  @Test
  void installCopiesFilesAndRecordsChecksums() throws IOException {
    DataStore store = new DataStore(dir.resolve("store"));
    DataInstaller inst = new DataInstaller(store, fake(), log::add);
    Map<String, String> sums = inst.install(KnownDataset.DIGITS);
    assertThat(sums).containsExactly(Map.entry("digits.png", SHA_ABC));
    Path d = dir.resolve("store/digits");
    assertThat(Files.readString(d.resolve("digits.png"))).isEqualTo("abc");
    assertThat(Files.readString(d.resolve("SHA256SUMS"), StandardCharsets.UTF_8))
        .isEqualTo(SHA_ABC + "  digits.png\n");
    try (var s = Files.list(d)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("digits.png", "SHA256SUMS");
    }
    try (var s = Files.list(store.dir())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("digits");
    }
    assertThat(log).anyMatch(l -> l.contains("from Debian package opencv-doc"));
    assertThat(store.verify(KnownDataset.DIGITS)).containsExactly(Map.entry("digits.png", SHA_ABC));
  }

  @Test
  void aDataFileTheUserPutThereIsNeverOverwritten() throws IOException {
    DataStore store = new DataStore(dir.resolve("store"));
    Path mine = dir.resolve("store/digits/digits.png");
    Files.createDirectories(mine.getParent());
    Files.writeString(mine, "my own sheet");
    DataInstaller inst = new DataInstaller(store, fake(), log::add);
    assertThatThrownBy(() -> inst.install(KnownDataset.DIGITS))
        .isInstanceOf(io.shiftlab.UserInputException.class)
        .hasMessage(
            mine
                + ": exists and was not installed by shiftlab (no SHA256SUMS beside it); move it"
                + " away, or point --data at another folder");
    assertThat(mine).hasContent("my own sheet");
    assertThat(fetches).isZero();
    // shiftlab's own install (with its checksums) is replaced by a reinstall as before
    Files.delete(mine);
    inst.install(KnownDataset.DIGITS);
    inst.install(KnownDataset.DIGITS);
    assertThat(mine).hasContent("abc");
  }

  @Test
  void aStoreThatIsAFileIsRefusedBeforeAnything() throws IOException {
    Path file = Files.writeString(dir.resolve("passwd"), "root:x:0:0\n");
    for (Path storeDir : List.of(file, file.resolve("below"))) {
      DataInstaller inst = new DataInstaller(new DataStore(storeDir), fake(), log::add);
      assertThatThrownBy(() -> inst.install(KnownDataset.DIGITS))
          .isInstanceOf(UserInputException.class)
          .hasMessageStartingWith(storeDir + ": ")
          .hasMessageContaining("not a directory; the data store (--data or SHIFTLAB_DATA)");
    }
    assertThat(Files.readString(file)).isEqualTo("root:x:0:0\n");
    assertThat(fetches).isZero();
    assertThat(log).isEmpty();
  }

  @Test
  void aDataFileThatIsADirectoryIsRefusedAndTheInstallKept() throws IOException {
    DataStore store = new DataStore(dir.resolve("store"));
    new DataInstaller(store, fake(), log::add).install(KnownDataset.DIGITS);
    Path png = store.file(KnownDataset.DIGITS, "digits.png");
    Path sums = store.directory(KnownDataset.DIGITS).resolve(DataStore.SUMS);
    String recorded = Files.readString(sums);
    Files.delete(png);
    Files.createDirectories(png.resolve("inside"));
    log.clear();
    DataInstaller inst = new DataInstaller(store, fake(), log::add);
    assertThatThrownBy(() -> inst.install(KnownDataset.DIGITS))
        .isInstanceOf(UserInputException.class)
        .hasMessage(png + ": exists and is not a regular file; move it away to install digits");
    assertThat(sums).hasContent(recorded);
    assertThat(png.resolve("inside")).isDirectory();
    assertThat(fetches).isEqualTo(1);
    assertThat(log).isEmpty();
  }

  @Test
  void aDataSetDirectoryThatIsAFileIsRefused() throws IOException {
    DataStore store = new DataStore(Files.createDirectories(dir.resolve("store")));
    Path target = Files.writeString(store.directory(KnownDataset.DIGITS), "mine");
    DataInstaller inst = new DataInstaller(store, fake(), log::add);
    assertThatThrownBy(() -> inst.install(KnownDataset.DIGITS))
        .isInstanceOf(UserInputException.class)
        .hasMessage(target + ": exists and is not a directory; move it away to install digits");
    assertThat(target).hasContent("mine");
    assertThat(fetches).isZero();
  }

  @Test
  void listReportsReadinessSizeAndSource() {
    DataStore store = new DataStore(dir);
    new DataInstaller(store, fake(), log::add).install(KnownDataset.FASHION_MNIST);
    List<DatasetStatus> list = store.list();
    assertThat(list)
        .containsExactly(
            new DatasetStatus(
                "digits",
                dir.resolve("digits"),
                0,
                false,
                "debian:opencv-doc/usr/share/doc/opencv-doc/examples/data"),
            new DatasetStatus(
                "fashion-mnist",
                dir.resolve("fashion-mnist"),
                12,
                true,
                "debian:dataset-fashion-mnist/usr/share/datasets/fashion-mnist"));
  }

  @Test
  void ensureInstalledFetchesOnlyWhenNotReady() throws IOException {
    DataStore store = new DataStore(dir);
    DataInstaller inst = new DataInstaller(store, fake(), log::add);
    assertThat(inst.ensureInstalled(KnownDataset.DIGITS)).isEqualTo(dir.resolve("digits"));
    inst.ensureInstalled(KnownDataset.DIGITS);
    assertThat(fetches).isEqualTo(1);
    Files.delete(dir.resolve("digits/digits.png"));
    assertThat(store.isReady(KnownDataset.DIGITS)).isFalse();
    inst.ensureInstalled(KnownDataset.DIGITS);
    assertThat(fetches).isEqualTo(2);
    assertThat(store.isReady(KnownDataset.DIGITS)).isTrue();
  }

  @Test
  void verifyNamesTheModifiedFile() throws IOException {
    DataStore store = new DataStore(dir);
    new DataInstaller(store, fake(), log::add).install(KnownDataset.FASHION_MNIST);
    Path f = dir.resolve("fashion-mnist/t10k-labels-idx1-ubyte.gz");
    Files.writeString(f, "");
    assertThatThrownBy(() -> store.verify(KnownDataset.FASHION_MNIST))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            f
                + ": SHA-256 mismatch: recorded "
                + SHA_ABC
                + ", found "
                + SHA_EMPTY
                + "; the file is corrupt or was modified, reinstall the data set");
    assertThat(store.isReady(KnownDataset.FASHION_MNIST)).as("ready does not read files").isTrue();
  }

  @Test
  void verifyOfMissingDataSetAndMalformedSums() throws IOException {
    DataStore store = new DataStore(dir);
    Path sums = dir.resolve("digits/SHA256SUMS");
    assertThatThrownBy(() -> store.verify(KnownDataset.DIGITS))
        .hasMessage(sums + ": not found; data set 'digits' is not installed");
    Files.createDirectories(sums.getParent());
    Files.writeString(sums, "xyz  digits.png\n");
    assertThatThrownBy(() -> store.verify(KnownDataset.DIGITS))
        .hasMessage(sums + ": line 1 is not in sha256sum format 'HEX  NAME'");
    assertThat(store.isReady(KnownDataset.DIGITS)).isFalse();
  }

  @Test
  void packageWithoutTheFileLeavesTheDataSetNotReady() {
    DataStore store = new DataStore(dir);
    DataInstaller inst = new DataInstaller(store, fake("t10k-images-idx3-ubyte.gz"), log::add);
    assertThatThrownBy(() -> inst.install(KnownDataset.FASHION_MNIST))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            "dataset-fashion-mnist: the package has no file"
                + " usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");
    assertThat(store.isReady(KnownDataset.FASHION_MNIST)).isFalse();
    assertThat(dir.resolve("fashion-mnist/SHA256SUMS")).doesNotExist();
  }

  @Test
  void failedFetchKeepsAPreviousInstallReady() {
    DataStore store = new DataStore(dir);
    new DataInstaller(store, fake(), log::add).install(KnownDataset.DIGITS);
    DataInstaller broken =
        new DataInstaller(
            store,
            (pkg, target, l) -> {
              throw new UserInputException(pkg, "offline");
            },
            log::add);
    assertThatThrownBy(() -> broken.install(KnownDataset.DIGITS)).hasMessage("opencv-doc: offline");
    assertThat(store.isReady(KnownDataset.DIGITS)).isTrue();
    assertThat(store.verify(KnownDataset.DIGITS)).containsEntry("digits.png", SHA_ABC);
  }

  @Test
  void knownDataSetsByName() {
    assertThat(KnownDataset.fromName("fashion-mnist", "NAME"))
        .isEqualTo(KnownDataset.FASHION_MNIST);
    assertThatThrownBy(() -> KnownDataset.fromName("cifar", "NAME"))
        .isInstanceOf(UserInputException.class)
        .hasMessage("NAME: unknown data set 'cifar'; choose digits, fashion-mnist");
  }

  @Test
  void defaultDirectoryComesFromEnvironmentOrHome() {
    assertThat(DataStore.defaultDirectory("/data/x", "/home/u")).isEqualTo(Path.of("/data/x"));
    assertThat(DataStore.defaultDirectory(null, "/home/u"))
        .isEqualTo(Path.of("/home/u/.cache/shiftlab/data"));
    assertThat(DataStore.defaultDirectory(" ", "/home/u"))
        .isEqualTo(Path.of("/home/u/.cache/shiftlab/data"));
  }
}
