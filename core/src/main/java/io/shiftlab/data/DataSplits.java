package io.shiftlab.data;

import java.util.Collections;
import java.util.LinkedHashMap;
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
public record DataSplits(ImageSet train, ImageSet val, ImageSet test, Map<String, String> sha256) {
  /** Checks that the splits agree on image shape and classes, and freezes the checksum map. */
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
  }
}
