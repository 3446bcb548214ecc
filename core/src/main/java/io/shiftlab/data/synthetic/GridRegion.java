package io.shiftlab.data.synthetic;

/**
 * The image regions of PROTOCOLS card 8, applied to the cells of a {@link LocationGrid}: the card
 * scores the left half {@code [0, W/2)}, the right half {@code [W/2, W)} and the centre {@code
 * [W/4, 3W/4)} of each image. A tile counts for a region when its columns lie wholly inside it; so
 * for g = 3 the left region is grid column 0, the centre column 1 and the right column 2, and for g
 * = 4 the centre is columns 1 and 2 while left and right are the two outer pairs.
 */
public enum GridRegion {
  /** Tiles wholly in the left half. */
  LEFT,
  /** Tiles wholly in the middle half. */
  CENTRE,
  /** Tiles wholly in the right half. */
  RIGHT;

  /** The lower-case name. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Whether a grid column lies in this region.
   *
   * @param col the column, {@code 0 .. g-1}
   * @param g the columns of the grid
   * @return whether the tile's columns {@code [col/g, (col+1)/g)} of the width lie inside
   */
  public boolean contains(int col, int g) {
    // in units of W/(4g): the tile spans [4col, 4col+4), the halves [0, 2g) and [2g, 4g)
    int lo = 4 * col;
    int hi = 4 * col + 4;
    return switch (this) {
      case LEFT -> hi <= 2 * g;
      case RIGHT -> lo >= 2 * g;
      case CENTRE -> lo >= g && hi <= 3 * g;
    };
  }

  /**
   * Which images of a placed set lie in this region.
   *
   * @param grid the grid
   * @param cell the cell of each image
   * @return one flag per image
   */
  public boolean[] members(LocationGrid grid, int[] cell) {
    boolean[] in = new boolean[cell.length];
    for (int i = 0; i < cell.length; i++) {
      in[i] = contains(grid.col(cell[i]), grid.cells());
    }
    return in;
  }
}
