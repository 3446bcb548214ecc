package io.shiftlab.data.synthetic;

import io.shiftlab.Choices;

/**
 * What a {@link LocationGrid} image is labelled with (PROTOCOLS card 7): the cell the tile sits in,
 * or the tile's own class.
 */
public enum GridTask {
  /** Label = cell index {@code loc - 1} in {@code 0 .. g^2 - 1} (row-major); K = g^2. */
  LOCATION,
  /** Label = the tile's class (e.g. the digit); K = the tiles' number of classes. */
  CLASS;

  /** The lower-case name used in tables and run names. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The number of labels.
   *
   * @param grid the grid
   * @param tileClasses the tiles' number of classes
   * @return K
   */
  public int numClasses(LocationGrid grid, int tileClasses) {
    return this == LOCATION ? grid.cellCount() : tileClasses;
  }

  /**
   * The label of one placed tile.
   *
   * @param cell the cell index
   * @param tileLabel the tile's class
   * @return the label
   */
  public int label(int cell, int tileLabel) {
    return this == LOCATION ? cell : tileLabel;
  }

  /**
   * Parses a name, case-insensitively.
   *
   * @param option the option, for the error
   * @param text location or class
   * @return the task
   */
  public static GridTask parse(String option, String text) {
    return Choices.parse(GridTask.class, option, "grid task", text);
  }
}
