package io.shiftlab.data;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether two image sets share images, by content: the check that training, validation and test
 * splits are disjoint (PROTOCOLS conventions: "assert splits disjoint by image hash"). Images are
 * compared byte for byte through hashed sets of their pixels, so two images count as shared exactly
 * when their pixels are equal.
 */
public final class ImageOverlap {
  private ImageOverlap() {}

  /**
   * Counts the images of {@code b} whose pixels equal those of some image of {@code a}.
   *
   * @param a the reference set
   * @param b the set to check
   * @return the number of images of {@code b} (with repetition) that also occur in {@code a}
   */
  public static int shared(ImageSet a, ImageSet b) {
    Set<ByteBuffer> seen = new HashSet<>();
    for (int i = 0; i < a.size(); i++) {
      seen.add(ByteBuffer.wrap(a.image(i)));
    }
    int n = 0;
    for (int i = 0; i < b.size(); i++) {
      n += seen.contains(ByteBuffer.wrap(b.image(i))) ? 1 : 0;
    }
    return n;
  }
}
