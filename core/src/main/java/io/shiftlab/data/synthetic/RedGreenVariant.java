package io.shiftlab.data.synthetic;

/**
 * The two test sets of the red-green experiment (PROTOCOLS card 5, "red-green").
 *
 * <p>{@link #SIMILAR} places the boxes as in training (class 0 in rows 3&ndash;13, class 1 in rows
 * 19&ndash;29); {@link #DISSIMILAR} is the same images rolled circularly by 16 rows, so class-0
 * boxes move 16 rows down and class-1 boxes 16 rows up, while the left-right colour order that
 * defines the class is kept.
 */
public enum RedGreenVariant {
  /** Boxes where training put them. */
  SIMILAR,
  /** The Similar images rolled circularly by {@link RedGreen#ROLL_ROWS} rows. */
  DISSIMILAR
}
