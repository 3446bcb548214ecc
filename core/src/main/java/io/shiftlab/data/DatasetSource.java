package io.shiftlab.data;

import io.shiftlab.Setting;
import io.shiftlab.UserInputException;
import io.shiftlab.io.Sha256;
import io.shiftlab.nn.InputShape;
import io.shiftlab.random.Streams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a command's data comes from: the {@code --dataset} value {@code digits}, {@code
 * fashion-mnist} or {@code idx:DIR}.
 *
 * <p>Loading gives train, validation and test splits. The digits sheet has its own column split
 * (see {@link DigitsSheet}). For IDX sets the validation split is held out of the training file:
 * 5000 images, or a twelfth of the file if that is fewer, chosen by a permutation drawn from the
 * {@code val} stream; the remaining images are the training split. {@link SplitLimits} then caps
 * the training split (a subset drawn from the {@code train} stream) and the test split (the first
 * images in file order). Every split keeps file order; shuffling is the training loop's job.
 */
public sealed interface DatasetSource {
  /** The option whose value this parses, used as the subject of errors. */
  String OPTION = Setting.DATASET.id();

  /** The prefix of an IDX directory value. */
  String IDX_PREFIX = "idx:";

  /** The prefix of an image-folder value ({@code ImageFolder} layout). */
  String FOLDER_PREFIX = "folder:";

  /** What the values may be, for error messages. */
  String CHOICES =
      "digits, fashion-mnist, idx:DIR, folder:DIR, cifar10:PATH, cifar100:PATH or"
          + " cifar100-coarse:PATH";

  /**
   * Parses a {@code --dataset} value.
   *
   * @param value {@code digits}, {@code fashion-mnist} or {@code idx:DIR}
   * @return the source
   * @throws UserInputException listing the valid values if the value is none of them
   */
  static DatasetSource parse(String value) {
    return parse(value, null);
  }

  /**
   * Parses a {@code --dataset} value for a model of a known input shape, which an image folder's
   * images are resized and cropped to.
   *
   * @param value the value
   * @param shape the model's input shape, or null when there is no model yet
   * @return the source
   * @throws UserInputException listing the valid values if the value is none of them
   */
  static DatasetSource parse(String value, InputShape shape) {
    Objects.requireNonNull(value, "value");
    if (value.startsWith(FOLDER_PREFIX)) {
      String dir = value.substring(FOLDER_PREFIX.length());
      if (dir.isBlank()) {
        throw new UserInputException(OPTION, "folder: needs a directory, e.g. folder:/data/pets");
      }
      if (shape == null) {
        throw new UserInputException(
            OPTION, "folder: images are fitted to a model's input; use it with probe or eval");
      }
      return new ImageFolder(Path.of(dir), shape);
    }
    for (CifarFormat f : CifarFormat.values()) {
      String prefix = cifarPrefix(f);
      if (value.startsWith(prefix)) {
        String path = value.substring(prefix.length());
        if (path.isBlank()) {
          throw new UserInputException(
              OPTION,
              prefix + " needs a batch file or a directory, e.g. " + prefix + "/data/cifar");
        }
        return new Cifar(Path.of(path), f);
      }
    }
    if (value.startsWith(IDX_PREFIX)) {
      String dir = value.substring(IDX_PREFIX.length());
      if (dir.isBlank()) {
        throw new UserInputException(OPTION, "idx: needs a directory, e.g. idx:/data/kmnist");
      }
      return new IdxDirectory(Path.of(dir), IdxFormat.mnist());
    }
    for (KnownDataset d : KnownDataset.values()) {
      if (d.cliName().equals(value)) {
        return new Known(d);
      }
    }
    throw new UserInputException(OPTION, "unknown data set '" + value + "'; choose " + CHOICES);
  }

  /** {@code cifar10:}, {@code cifar100:} or {@code cifar100-coarse:}. */
  private static String cifarPrefix(CifarFormat f) {
    return switch (f) {
      case CIFAR10 -> "cifar10:";
      case CIFAR100_FINE -> "cifar100:";
      case CIFAR100_COARSE -> "cifar100-coarse:";
    };
  }

  /**
   * A folder of images in torchvision's {@code ImageFolder} layout, all of it the test split
   * ({@link ImageFolderReader}); there is no training or validation split.
   *
   * @param dir the folder of class folders
   * @param shape the model's input shape the images are fitted to
   */
  record ImageFolder(Path dir, InputShape shape) implements DatasetSource {
    /** Checks the fields. */
    public ImageFolder {
      Objects.requireNonNull(dir, "dir");
      Objects.requireNonNull(shape, "shape");
    }

    @Override
    public String describe() {
      return FOLDER_PREFIX + dir;
    }

    @Override
    public DataSplits load(DataInstaller installer, Streams streams, SplitLimits limits) {
      ImageFolderReader.Folder f = ImageFolderReader.read(dir, shape);
      ImageSet test = f.images().head(limits.maxTest());
      return new DataSplits(
          test.head(0), test.head(0), test, Map.of(describe(), f.sha256()), f.classes());
    }
  }

  /**
   * CIFAR-10 or CIFAR-100 binary batches as test images: a batch file, or the directory of the
   * original archive, whose test batch ({@code test_batch.bin} or {@code test.bin}) is used. There
   * is no training or validation split.
   *
   * @param path a batch file or the batches' directory
   * @param format CIFAR-10, or CIFAR-100 with its fine or coarse labels
   */
  record Cifar(Path path, CifarFormat format) implements DatasetSource {
    /** Checks the fields. */
    public Cifar {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(format, "format");
    }

    @Override
    public String describe() {
      return cifarPrefix(format) + path;
    }

    @Override
    public DataSplits load(DataInstaller installer, Streams streams, SplitLimits limits) {
      Path file = path;
      if (Files.isDirectory(path)) {
        String name = format == CifarFormat.CIFAR10 ? "test_batch.bin" : "test.bin";
        file = path.resolve(name);
      }
      if (!Files.isRegularFile(file)) {
        throw new UserInputException(file.toString(), "file not found");
      }
      String name = file.getFileName().toString();
      ImageSet test = CifarBinaryReader.read(List.of(file), format, name).head(limits.maxTest());
      return new DataSplits(test.head(0), test.head(0), test, Map.of(name, Sha256.of(file)));
    }
  }

  /** The value as given on the command line, e.g. {@code idx:/data/kmnist}. */
  String describe();

  /**
   * Reads the data and splits it.
   *
   * @param installer installs known data sets that are missing (unused for {@code idx:DIR})
   * @param streams the run's random streams ({@code val} and {@code train} are used)
   * @param limits caps on the training and test splits
   * @return the splits and the checksums of the source files
   * @throws UserInputException if a file is missing or malformed
   */
  DataSplits load(DataInstaller installer, Streams streams, SplitLimits limits);

  /**
   * A data set from the store, installed on first use.
   *
   * @param dataset the data set
   */
  record Known(KnownDataset dataset) implements DatasetSource {
    /** Checks the data set. */
    public Known {
      Objects.requireNonNull(dataset, "dataset");
    }

    @Override
    public String describe() {
      return dataset.cliName();
    }

    @Override
    public DataSplits load(DataInstaller installer, Streams streams, SplitLimits limits) {
      DataStore store = installer.store();
      installer.ensureInstalled(dataset);
      Map<String, String> sha = store.verify(dataset);
      return switch (dataset) {
        case DIGITS -> {
          DigitsSheet.Splits s = DigitsSheet.read(store.file(dataset, "digits.png"));
          yield new DataSplits(
              capTrain(s.train(), streams, limits), s.val(), s.test().head(limits.maxTest()), sha);
        }
        case FASHION_MNIST -> {
          Path d = store.directory(dataset);
          yield splitIdx(
              dataset.cliName(),
              d.resolve("train-images-idx3-ubyte.gz"),
              d.resolve("train-labels-idx1-ubyte.gz"),
              d.resolve("t10k-images-idx3-ubyte.gz"),
              d.resolve("t10k-labels-idx1-ubyte.gz"),
              IdxFormat.mnist(),
              streams,
              limits,
              sha);
        }
      };
    }
  }

  /**
   * A directory of MNIST-style IDX files: {@code train-images-idx3-ubyte}, {@code
   * train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each
   * optionally with {@code .gz}.
   *
   * @param dir the directory
   * @param format the layout and classes of the files
   */
  record IdxDirectory(Path dir, IdxFormat format) implements DatasetSource {
    /** The base names of the four files. */
    static final String[] FILES = {
      "train-images-idx3-ubyte",
      "train-labels-idx1-ubyte",
      "t10k-images-idx3-ubyte",
      "t10k-labels-idx1-ubyte"
    };

    /** Checks the fields. */
    public IdxDirectory {
      Objects.requireNonNull(dir, "dir");
      Objects.requireNonNull(format, "format");
    }

    @Override
    public String describe() {
      return IDX_PREFIX + dir;
    }

    @Override
    public DataSplits load(DataInstaller installer, Streams streams, SplitLimits limits) {
      if (!Files.isDirectory(dir)) {
        throw new UserInputException(dir.toString(), "directory not found");
      }
      Path[] p = new Path[FILES.length];
      Map<String, String> sha = new LinkedHashMap<>();
      for (int i = 0; i < FILES.length; i++) {
        p[i] = find(FILES[i]);
        sha.put(p[i].getFileName().toString(), Sha256.of(p[i]));
      }
      Path name = dir.toAbsolutePath().normalize().getFileName();
      return splitIdx(
          name == null ? "idx" : name.toString(),
          p[0],
          p[1],
          p[2],
          p[3],
          format,
          streams,
          limits,
          sha);
    }

    private Path find(String base) {
      Path plain = dir.resolve(base);
      Path gz = dir.resolve(base + ".gz");
      boolean hasPlain = Files.isRegularFile(plain);
      boolean hasGz = Files.isRegularFile(gz);
      if (hasPlain && hasGz) {
        throw new UserInputException(
            plain.toString(), "both " + base + " and " + base + ".gz exist; keep one");
      }
      if (!hasPlain && !hasGz) {
        throw new UserInputException(plain.toString() + "[.gz]", "file not found");
      }
      return hasPlain ? plain : gz;
    }
  }

  private static ImageSet capTrain(ImageSet train, Streams streams, SplitLimits limits) {
    if (limits.maxTrain() >= train.size()) {
      return train;
    }
    int[] keep =
        Sampling.choose(
            Sampling.range(train.size()), limits.maxTrain(), streams.stream(Streams.TRAIN));
    return train.subset(train.name(), keep);
  }

  private static DataSplits splitIdx(
      String name,
      Path trainImages,
      Path trainLabels,
      Path testImages,
      Path testLabels,
      IdxFormat format,
      Streams streams,
      SplitLimits limits,
      Map<String, String> sha) {
    ImageSet file = IdxReader.readPair(trainImages, trainLabels, format, name + "/train");
    int k = Sampling.valSize(file.size());
    if (k < 1) {
      throw new UserInputException(
          trainImages.toString(),
          "holds "
              + file.size()
              + " images; at least 12 are needed to hold out a validation split");
    }
    int[][] split = Sampling.holdOut(file.size(), k, streams.stream(Streams.VAL));
    int[] trainIdx = Sampling.choose(split[0], limits.maxTrain(), streams.stream(Streams.TRAIN));
    ImageSet test =
        IdxReader.readPair(testImages, testLabels, format, name + "/test").head(limits.maxTest());
    if (test.channels() != file.channels()
        || test.height() != file.height()
        || test.width() != file.width()) {
      throw new UserInputException(
          testImages.toString(),
          "holds "
              + test.channels()
              + "x"
              + test.height()
              + "x"
              + test.width()
              + " images but "
              + trainImages
              + " holds "
              + file.channels()
              + "x"
              + file.height()
              + "x"
              + file.width()
              + "; the test and training images must have the same size");
    }
    if (test.numClasses() != file.numClasses()) {
      throw new UserInputException(
          testLabels.toString(),
          "has " + test.numClasses() + " classes but " + trainLabels + " has " + file.numClasses());
    }
    return new DataSplits(
        file.subset(name + "/train", trainIdx), file.subset(name + "/val", split[1]), test, sha);
  }
}
