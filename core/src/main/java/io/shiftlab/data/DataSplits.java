package io.shiftlab.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The train, validation and test splits of one data set, with the checksums of the files they came
 * from (for the run manifest).
 *
 * @param train the training split
 * @param val the validation split, disjoint from {@code train}
 * @param test the test split
 * @param sha256 source file name to lower-case hex SHA-256, in a stable order
 */
public record DataSplits(
    ImageSet train,
    ImageSet val,
    ImageSet test,
    Map<String, String> sha256,
    List<String> classNames) {
  /**
   * Splits whose classes have no names (label {@code i} is called {@code "i"}).
   *
   * @param train the training split
   * @param val the validation split
   * @param test the test split
   * @param sha256 the checksums of the source files
   */
  public DataSplits(ImageSet train, ImageSet val, ImageSet test, Map<String, String> sha256) {
    this(train, val, test, sha256, List.of());
  }

  /**
   * Checks that the splits agree on image shape and classes, and freezes the checksum map and the
   * class names (empty, or one per class).
   */
  public DataSplits {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(val, "val");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(sha256, "sha256");
    for (ImageSet s : new ImageSet[] {val, test}) {
      if (s.channels() != train.channels()
          || s.height() != train.height()
          || s.width() != train.width()
          || s.numClasses() != train.numClasses()) {
        throw new IllegalArgumentException(
            s.name() + " does not match the shape or classes of " + train.name());
      }
    }
    sha256 = Collections.unmodifiableMap(new LinkedHashMap<>(sha256));
    classNames = List.copyOf(classNames == null ? List.of() : classNames);
    if (!classNames.isEmpty() && classNames.size() != train.numClasses()) {
      throw new IllegalArgumentException(
          classNames.size() + " class names for " + train.numClasses() + " classes");
    }
  }

  /**
   * The name of a class: its folder name for an image folder, else its label as a number.
   *
   * @param label the label
   * @return the name
   */
  public String className(int label) {
    return classNames.isEmpty() ? Integer.toString(label) : classNames.get(label);
  }
}
