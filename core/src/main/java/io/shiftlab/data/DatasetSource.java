package io.shiftlab.data;

import io.shiftlab.UserInputException;
import io.shiftlab.io.Sha256;
import io.shiftlab.random.Streams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
  String OPTION = "--dataset";

  /** The prefix of an IDX directory value. */
  String IDX_PREFIX = "idx:";

  /**
   * Parses a {@code --dataset} value.
   *
   * @param value {@code digits}, {@code fashion-mnist} or {@code idx:DIR}
   * @return the source
   * @throws UserInputException listing the valid values if the value is none of them
   */
  static DatasetSource parse(String value) {
    Objects.requireNonNull(value, "value");
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
    throw new UserInputException(
        OPTION, "unknown data set '" + value + "'; choose digits, fashion-mnist or idx:DIR");
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
    return new DataSplits(
        file.subset(name + "/train", trainIdx), file.subset(name + "/val", split[1]), test, sha);
  }
}
