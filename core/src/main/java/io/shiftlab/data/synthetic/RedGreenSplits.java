package io.shiftlab.data.synthetic;

import io.shiftlab.data.ImageSet;
import java.util.Objects;

/**
 * The generated red-green data (PROTOCOLS card 5, "red-green"): train, val, and the test set in its
 * two variants. {@code testDissimilar} is {@code testSimilar} rolled by 16 rows, image for image.
 *
 * @param train the training split
 * @param val the validation split, disjoint by content from train
 * @param testSimilar the Similar test split, disjoint by content from train and val
 * @param testDissimilar the Dissimilar test split
 */
public record RedGreenSplits(
    ImageSet train, ImageSet val, ImageSet testSimilar, ImageSet testDissimilar) {
  /** Rejects nulls. */
  public RedGreenSplits {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(val, "val");
    Objects.requireNonNull(testSimilar, "testSimilar");
    Objects.requireNonNull(testDissimilar, "testDissimilar");
  }

  /**
   * Returns the test set of a variant.
   *
   * @param variant Similar or Dissimilar
   * @return the matching test split
   */
  public ImageSet test(RedGreenVariant variant) {
    return switch (variant) {
      case SIMILAR -> testSimilar;
      case DISSIMILAR -> testDissimilar;
    };
  }
}
