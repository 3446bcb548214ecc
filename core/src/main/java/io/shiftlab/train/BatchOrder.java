package io.shiftlab.train;

/** The order in which an epoch visits the training images. */
public enum BatchOrder {
  /** A fresh random permutation every epoch, drawn from the {@code order/<epoch>} stream. */
  SHUFFLED,
  /** The images in their stored order, every epoch (no shuffling). */
  FIXED
}
