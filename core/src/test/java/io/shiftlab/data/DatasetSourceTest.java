package io.shiftlab.data;

import static io.shiftlab.data.IdxBytes.gzip;
import static io.shiftlab.data.IdxBytes.images;
import static io.shiftlab.data.IdxBytes.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.UserInputException;
import io.shiftlab.random.Streams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSourceTest {
  @TempDir Path dir;

  /**
   * n 2x2 images; image i holds (i mod 256, i / 256, 7, 9), so each is unique and names its index;
   * label i mod 10.
   */
  static byte[][] idxPair(int n) {
    byte[] px = new byte[4 * n];
    int[] lab = new int[n];
    for (int i = 0; i < n; i++) {
      px[4 * i] = (byte) i;
      px[4 * i + 1] = (byte) (i / 256);
      px[4 * i + 2] = 7;
      px[4 * i + 3] = 9;
      lab[i] = i % 10;
    }
    return new byte[][] {images(n, 2, 2, px), labels(lab)};
  }

  static void writeIdxDir(Path d, int nTrain, int nTest, boolean gz) {
    try {
      Files.createDirectories(d);
      String ext = gz ? ".gz" : "";
      byte[][] tr = idxPair(nTrain);
      byte[][] te = idxPair(nTest);
      Files.write(d.resolve("train-images-idx3-ubyte" + ext), gz ? gzip(tr[0]) : tr[0]);
      Files.write(d.resolve("train-labels-idx1-ubyte" + ext), gz ? gzip(tr[1]) : tr[1]);
      Files.write(d.resolve("t10k-images-idx3-ubyte"), te[0]);
      Files.write(d.resolve("t10k-labels-idx1-ubyte" + ext), gz ? gzip(te[1]) : te[1]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int index(ImageSet s, int k) {
    return (s.pixels()[4 * k] & 0xff) + 256 * (s.pixels()[4 * k + 1] & 0xff);
  }

  private static int[] indices(ImageSet s) {
    int[] r = new int[s.size()];
    for (int k = 0; k < s.size(); k++) {
      r[k] = index(s, k);
    }
    return r;
  }

  private static Set<String> hashes(ImageSet s) {
    Set<String> h = new HashSet<>();
    for (int k = 0; k < s.size(); k++) {
      h.add(Arrays.toString(s.image(k)));
    }
    return h;
  }

  private DataSplits loadIdx(long seed, SplitLimits limits) {
    DataInstaller unused =
        new DataInstaller(
            new DataStore(dir.resolve("store")),
            (p, t, l) -> {
              throw new AssertionError("idx:DIR must not install");
            },
            m -> {});
    return DatasetSource.parse("idx:" + dir.resolve("kmnist"))
        .load(unused, new Streams(seed), limits);
  }

  @Test
  void parsesImageFoldersAndCifarBatches() {
    var shape = new io.shiftlab.nn.InputShape(3, 32, 32);
    assertThat(DatasetSource.parse("folder:/data/pets", shape))
        .isEqualTo(new DatasetSource.ImageFolder(Path.of("/data/pets"), shape));
    assertThat(DatasetSource.parse("cifar10:/data/c10"))
        .isEqualTo(new DatasetSource.Cifar(Path.of("/data/c10"), CifarFormat.CIFAR10));
    assertThat(DatasetSource.parse("cifar100-coarse:/x"))
        .isEqualTo(new DatasetSource.Cifar(Path.of("/x"), CifarFormat.CIFAR100_COARSE));
    assertThatThrownBy(() -> DatasetSource.parse("folder:/data/pets"))
        .hasMessage(
            "dataset: folder: images are fitted to a model's input; use it with probe or eval");
    assertThatThrownBy(() -> DatasetSource.parse("cifar100:", shape))
        .hasMessage(
            "dataset: cifar100: needs a batch file or a directory, e.g. cifar100:/data/cifar");
  }

  @Test
  void parsesTheThreeForms() {
    assertThat(DatasetSource.parse("digits"))
        .isEqualTo(new DatasetSource.Known(KnownDataset.DIGITS));
    assertThat(DatasetSource.parse("fashion-mnist").describe()).isEqualTo("fashion-mnist");
    assertThat(DatasetSource.parse("idx:/data/k"))
        .isEqualTo(new DatasetSource.IdxDirectory(Path.of("/data/k"), IdxFormat.mnist()));
    assertThatThrownBy(() -> DatasetSource.parse("mnist"))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            "dataset: unknown data set 'mnist'; choose digits, fashion-mnist, idx:DIR, folder:DIR,"
                + " cifar10:PATH, cifar100:PATH or cifar100-coarse:PATH");
    assertThatThrownBy(() -> DatasetSource.parse("idx:"))
        .hasMessageStartingWith("dataset: idx: needs a directory");
  }

  @Test
  void idxValidationIsATwelfthHeldOutDisjointFromTrain() {
    writeIdxDir(dir.resolve("kmnist"), 120, 15, true);
    DataSplits s = loadIdx(42, SplitLimits.NONE);
    assertThat(s.train().size()).isEqualTo(110);
    assertThat(s.val().size()).isEqualTo(10); // 120 / 12
    assertThat(s.test().size()).isEqualTo(15);
    assertThat(s.train().name()).isEqualTo("kmnist/train");
    assertThat(s.val().name()).isEqualTo("kmnist/val");
    int[] tr = indices(s.train());
    int[] va = indices(s.val());
    // disjoint by index, together exactly the training file, each in file order
    Set<Integer> all = new HashSet<>();
    Arrays.stream(tr).forEach(all::add);
    Arrays.stream(va).forEach(all::add);
    assertThat(all).hasSize(120);
    assertThat(tr).isSorted();
    assertThat(va).isSorted();
    // disjoint by image content
    Set<String> common = hashes(s.train());
    common.retainAll(hashes(s.val()));
    assertThat(common).isEmpty();
    // labels travel with their images
    for (int k = 0; k < s.val().size(); k++) {
      assertThat(s.val().labels()[k]).isEqualTo(va[k] % 10);
    }
    assertThat(s.sha256().keySet())
        .containsExactly(
            "train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte",
            "t10k-labels-idx1-ubyte.gz");
  }

  @Test
  void sameSeedSameSplitsOtherSeedOtherVal() {
    writeIdxDir(dir.resolve("kmnist"), 120, 15, false);
    DataSplits a = loadIdx(7, SplitLimits.NONE);
    DataSplits b = loadIdx(7, SplitLimits.NONE);
    DataSplits c = loadIdx(8, SplitLimits.NONE);
    assertThat(b.train().pixels()).isEqualTo(a.train().pixels());
    assertThat(b.val().pixels()).isEqualTo(a.val().pixels());
    assertThat(b.val().labels()).isEqualTo(a.val().labels());
    assertThat(indices(c.val())).isNotEqualTo(indices(a.val()));
  }

  @Test
  void capsDrawTrainFromTrainStreamAndTakeTheFirstTestImages() {
    writeIdxDir(dir.resolve("kmnist"), 120, 15, false);
    DataSplits full = loadIdx(3, SplitLimits.NONE);
    DataSplits capped = loadIdx(3, SplitLimits.NONE.withMaxTrain(50).withMaxTest(4));
    assertThat(capped.val().pixels()).isEqualTo(full.val().pixels());
    assertThat(capped.train().size()).isEqualTo(50);
    Set<Integer> fullTrain = new HashSet<>();
    Arrays.stream(indices(full.train())).forEach(fullTrain::add);
    assertThat(Arrays.stream(indices(capped.train())).boxed().toList())
        .allMatch(fullTrain::contains)
        .doesNotHaveDuplicates();
    assertThat(indices(capped.test())).containsExactly(0, 1, 2, 3);
  }

  @Test
  void missingOrAmbiguousIdxFilesAreNamed() throws IOException {
    Path d = dir.resolve("kmnist");
    writeIdxDir(d, 24, 3, false);
    Files.delete(d.resolve("t10k-labels-idx1-ubyte"));
    assertThatThrownBy(() -> loadIdx(1, SplitLimits.NONE))
        .isInstanceOf(UserInputException.class)
        .hasMessage(d.resolve("t10k-labels-idx1-ubyte") + "[.gz]: file not found");
    Files.write(d.resolve("t10k-labels-idx1-ubyte"), labels(1, 2, 3));
    Files.write(d.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(1, 2, 3)));
    assertThatThrownBy(() -> loadIdx(1, SplitLimits.NONE))
        .hasMessageContaining("both t10k-labels-idx1-ubyte and t10k-labels-idx1-ubyte.gz exist");
  }

  @Test
  void testImagesOfAnotherSizeThanTrainAreNamed() throws IOException {
    Path d = dir.resolve("kmnist");
    writeIdxDir(d, 24, 3, false);
    Files.write(d.resolve("t10k-images-idx3-ubyte"), images(3, 3, 3, new byte[27]));
    assertThatThrownBy(() -> loadIdx(1, SplitLimits.NONE))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            d.resolve("t10k-images-idx3-ubyte")
                + ": holds 1x3x3 images but "
                + d.resolve("train-images-idx3-ubyte")
                + " holds 1x2x2; the test and training images must have the same size");
  }

  @Test
  void tooSmallTrainingFileForValidation() {
    writeIdxDir(dir.resolve("kmnist"), 11, 3, false);
    assertThatThrownBy(() -> loadIdx(1, SplitLimits.NONE))
        .hasMessageEndingWith(
            "holds 11 images; at least 12 are needed to hold out a validation split");
  }

  @Test
  void valSizeIsFiveThousandOrATwelfth() {
    assertThat(Sampling.valSize(60000)).isEqualTo(5000);
    assertThat(Sampling.valSize(59999)).isEqualTo(4999);
    assertThat(Sampling.valSize(120)).isEqualTo(10);
  }

  /** Known data sets go through the installer; a fake fetcher provides the package tree. */
  @Test
  void knownDataSetsAreInstalledVerifiedAndSplit() {
    PackageFetcher fake =
        (pkg, target, log) -> {
          try {
            if (pkg.equals("opencv-doc")) {
              Path p = target.resolve(KnownDataset.DIGITS.packagePath("digits.png"));
              Files.createDirectories(p.getParent());
              DigitsSheetTest.writeSheet(p);
            } else {
              Path tmp = dir.resolve("fm");
              writeIdxDir(tmp, 24, 5, true);
              Files.write(
                  tmp.resolve("t10k-images-idx3-ubyte.gz"),
                  gzip(Files.readAllBytes(tmp.resolve("t10k-images-idx3-ubyte"))));
              for (String f : KnownDataset.FASHION_MNIST.files()) {
                Path p = target.resolve(KnownDataset.FASHION_MNIST.packagePath(f));
                Files.createDirectories(p.getParent());
                Files.copy(tmp.resolve(f), p);
              }
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    DataInstaller inst = new DataInstaller(new DataStore(dir.resolve("store")), fake, m -> {});
    Streams streams = new Streams(1);

    DataSplits digits =
        DatasetSource.parse("digits").load(inst, streams, SplitLimits.NONE.withMaxTrain(100));
    assertThat(List.of(digits.train().size(), digits.val().size(), digits.test().size()))
        .containsExactly(100, 500, 1000);
    assertThat(digits.sha256()).containsOnlyKeys("digits.png");

    DataSplits fm = DatasetSource.parse("fashion-mnist").load(inst, streams, SplitLimits.NONE);
    assertThat(List.of(fm.train().size(), fm.val().size(), fm.test().size()))
        .containsExactly(22, 2, 5);
    assertThat(fm.sha256()).hasSize(4);
    assertThat(fm.test().name()).isEqualTo("fashion-mnist/test");
  }
}
