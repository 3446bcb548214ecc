package io.shiftlab.data;

import io.shiftlab.UserInputException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The data sets shiftlab can install by itself, each from a Debian package.
 *
 * <p>Each entry names the package, the directory inside the package that holds the files, and the
 * file names, which are kept unchanged in the store under {@code <store>/<name>/}.
 */
public enum KnownDataset {
  /** OpenCV's 5000-digit sheet {@code digits.png}, from {@code opencv-doc}. */
  DIGITS("digits", "opencv-doc", "usr/share/doc/opencv-doc/examples/data", List.of("digits.png")),
  /** Fashion-MNIST, 60k/10k 28x28 IDX gz files, from {@code dataset-fashion-mnist}. */
  FASHION_MNIST(
      "fashion-mnist",
      "dataset-fashion-mnist",
      "usr/share/datasets/fashion-mnist",
      List.of(
          "train-images-idx3-ubyte.gz",
          "train-labels-idx1-ubyte.gz",
          "t10k-images-idx3-ubyte.gz",
          "t10k-labels-idx1-ubyte.gz"));

  private final String cliName;
  private final String debianPackage;
  private final String packageDir;
  private final List<String> files;

  KnownDataset(String cliName, String debianPackage, String packageDir, List<String> files) {
    this.cliName = cliName;
    this.debianPackage = debianPackage;
    this.packageDir = packageDir;
    this.files = files;
  }

  /** The name used on the command line and as the directory in the store, e.g. {@code digits}. */
  public String cliName() {
    return cliName;
  }

  /** The Debian package that ships the files. */
  public String debianPackage() {
    return debianPackage;
  }

  /** The file names, as in the package and in the store. */
  public List<String> files() {
    return files;
  }

  /**
   * Where a file lies inside the unpacked package, relative to its root.
   *
   * @param file one of {@link #files()}
   * @return e.g. {@code usr/share/doc/opencv-doc/examples/data/digits.png}
   */
  public String packagePath(String file) {
    return packageDir + "/" + file;
  }

  /** A description of the source, e.g. {@code debian:opencv-doc/usr/share/.../data}. */
  public String source() {
    return "debian:" + debianPackage + "/" + packageDir;
  }

  /**
   * Finds a data set by its command-line name.
   *
   * @param name e.g. {@code fashion-mnist}
   * @param subject the option or argument that gave the name, for the error message
   * @return the data set
   * @throws UserInputException listing the valid names if none matches
   */
  public static KnownDataset fromName(String name, String subject) {
    for (KnownDataset d : values()) {
      if (d.cliName.equals(name)) {
        return d;
      }
    }
    throw new UserInputException(
        subject,
        "unknown data set '"
            + name
            + "'; choose "
            + Arrays.stream(values()).map(KnownDataset::cliName).collect(Collectors.joining(", ")));
  }
}
