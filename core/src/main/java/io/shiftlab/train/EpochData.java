package io.shiftlab.train;

import io.shiftlab.data.ImageSet;

/**
 * The training images of each epoch, for data that are drawn afresh every epoch (e.g. the
 * location-grid tiles get new cells each epoch, PROTOCOLS card 7). Must be a pure function of the
 * epoch (draw from a named stream per epoch) so that a resumed run sees the same images; every
 * epoch's set has the same size, shape and number of classes.
 */
@FunctionalInterface
public interface EpochData {
  /**
   * The training set of one epoch.
   *
   * @param epoch the epoch, from 1
   * @return its images
   */
  ImageSet forEpoch(int epoch);

  /**
   * The same set every epoch.
   *
   * @param set the images
   * @return a constant source
   */
  static EpochData fixed(ImageSet set) {
    return epoch -> set;
  }
}
