package io.shiftlab.data.synthetic;

import io.shiftlab.data.ImageSet;
import java.util.SplittableRandom;

/**
 * The location-grid data of PROTOCOLS card 7 (Islam et al. ICCV 2021): a {@code tile x tile} image
 * pasted into one cell of a {@code g x g} grid on a zero canvas of {@code g*tile} pixels a side.
 * Cell {@code c} (the card's {@code loc - 1}, row-major) has row {@code c / g} and column {@code c
 * mod g}; its top-left pixel is {@code (tile * row, tile * col)}. The background is 0, which for
 * the card's normalised CIFAR canvas is the mean colour and for digits is already black.
 *
 * <p>Two ways to place a set of tiles: {@link #random} draws one cell per tile, uniform over the
 * {@code g^2} cells, from the stream it is given (one stream per epoch gives fresh locations every
 * epoch); {@link #everyCell} puts every tile in every cell, a balanced test set on which a model
 * whose logits do not depend on the cell scores exactly {@code 1/g^2} on the location task.
 *
 * @param cells g, the cells per side, at least 1
 * @param tile the tile side in pixels, at least 1
 */
public record LocationGrid(int cells, int tile) {
  /** Validates the sizes. */
  public LocationGrid {
    if (cells < 1 || tile < 1 || (long) cells * tile > 4096) {
      throw new IllegalArgumentException(
          "grid needs g >= 1, tile >= 1 and a canvas of at most 4096 px, got g="
              + cells
              + " tile="
              + tile);
    }
  }

  /**
   * Tiles placed on a grid, with the cell each one went to.
   *
   * @param images the canvases, labelled for the task
   * @param cell the cell of image {@code i}
   */
  public record Placed(ImageSet images, int[] cell) {}

  /** g^2, the number of cells. */
  public int cellCount() {
    return cells * cells;
  }

  /** The canvas side in pixels, {@code g * tile}. */
  public int side() {
    return cells * tile;
  }

  /** The grid row of a cell. */
  public int row(int cell) {
    return cell / cells;
  }

  /** The grid column of a cell. */
  public int col(int cell) {
    return cell % cells;
  }

  /**
   * Places tile {@code i} in a cell drawn uniformly from {@code rng}.
   *
   * @param name the name of the result
   * @param tiles the tiles, {@code tile x tile}
   * @param task what the label is
   * @param rng the stream the cells are drawn from (one draw per tile, in order)
   * @return the canvases and their cells
   */
  public Placed random(String name, ImageSet tiles, GridTask task, SplittableRandom rng) {
    int[] cell = new int[tiles.size()];
    for (int i = 0; i < cell.length; i++) {
      cell[i] = rng.nextInt(cellCount());
    }
    return place(name, tiles, cell, task);
  }

  /**
   * Places every tile in every cell: image {@code i * g^2 + c} is tile {@code i} in cell {@code c}.
   *
   * @param name the name of the result
   * @param tiles the tiles
   * @param task what the label is
   * @return the canvases and their cells
   */
  public Placed everyCell(String name, ImageSet tiles, GridTask task) {
    int k = cellCount();
    int[] index = new int[tiles.size() * k];
    int[] cell = new int[index.length];
    for (int i = 0; i < index.length; i++) {
      index[i] = i / k;
      cell[i] = i % k;
    }
    return place(name, tiles.subset(tiles.name(), index), cell, task);
  }

  /**
   * Places tile {@code i} in cell {@code cell[i]}.
   *
   * @param name the name of the result
   * @param tiles the tiles, {@code tile x tile}
   * @param cell one cell per tile
   * @param task what the label is
   * @return the canvases and their cells
   */
  public Placed place(String name, ImageSet tiles, int[] cell, GridTask task) {
    if (tiles.height() != tile || tiles.width() != tile) {
      throw new IllegalArgumentException(
          "tiles must be " + tile + "x" + tile + ", got " + tiles.height() + "x" + tiles.width());
    }
    int n = tiles.size();
    int[] rows = new int[n];
    int[] cols = new int[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      if (cell[i] < 0 || cell[i] >= cellCount()) {
        throw new IllegalArgumentException("cell " + cell[i] + " outside 0.." + (cellCount() - 1));
      }
      rows[i] = tile * row(cell[i]);
      cols[i] = tile * col(cell[i]);
      labels[i] = task.label(cell[i], tiles.labels()[i]);
    }
    ImageSet placed = new CanvasPlacement(side(), side()).place(name, tiles, rows, cols);
    ImageSet labelled =
        new ImageSet(
            name,
            placed.pixels(),
            labels,
            task.numClasses(this, tiles.numClasses()),
            placed.channels(),
            placed.height(),
            placed.width());
    return new Placed(labelled, cell.clone());
  }
}
