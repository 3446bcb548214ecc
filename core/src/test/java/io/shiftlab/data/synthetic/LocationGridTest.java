package io.shiftlab.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.TestData;
import io.shiftlab.data.ImageSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The location-grid generator and regions (PROTOCOLS cards 7 and 8). */
class LocationGridTest {
  private final ImageSet tiles = TestData.squares("t", 30, 10, 2);
  private final LocationGrid grid = new LocationGrid(3, 28);

  @Test
  void aTileLandsInItsCellAndTheRestIsZero() {
    LocationGrid.Placed p = grid.place("p", tiles.head(1), new int[] {5}, GridTask.LOCATION);
    ImageSet img = p.images();
    assertThat(img.height()).isEqualTo(84);
    assertThat(img.labels()).containsExactly(5);
    assertThat(img.numClasses()).isEqualTo(9);
    // cell 5 = row 1, column 2: top-left pixel (28, 56)
    byte[] px = img.image(0);
    byte[] src = tiles.image(0);
    for (int y = 0; y < 84; y++) {
      for (int x = 0; x < 84; x++) {
        boolean inside = y >= 28 && y < 56 && x >= 56;
        byte expected = inside ? src[(y - 28) * 28 + (x - 56)] : 0;
        assertThat(px[y * 84 + x]).as("(%d, %d)", y, x).isEqualTo(expected);
      }
    }
  }

  @Test
  void classTaskKeepsTheTileLabel() {
    LocationGrid.Placed p = grid.random("p", tiles, GridTask.CLASS, new SplittableRandom(1));
    assertThat(p.images().labels()).containsExactly(tiles.labels());
    assertThat(p.images().numClasses()).isEqualTo(10);
  }

  @Test
  void randomCellsAreReproduciblePerStreamAndCoverTheGrid() {
    int[] a = grid.random("a", tiles, GridTask.LOCATION, new SplittableRandom(7)).cell();
    int[] b = grid.random("b", tiles, GridTask.LOCATION, new SplittableRandom(7)).cell();
    int[] c = grid.random("c", tiles, GridTask.LOCATION, new SplittableRandom(8)).cell();
    assertThat(a).containsExactly(b);
    assertThat(a).isNotEqualTo(c);
    assertThat(java.util.Arrays.stream(a).distinct().count()).isGreaterThan(5);
    assertThat(
            grid.random("a", tiles, GridTask.LOCATION, new SplittableRandom(7)).images().labels())
        .containsExactly(a);
  }

  @Test
  void everyCellIsBalanced() {
    LocationGrid.Placed p = grid.everyCell("e", tiles.head(4), GridTask.LOCATION);
    assertThat(p.images().size()).isEqualTo(36);
    for (int i = 0; i < 36; i++) {
      assertThat(p.cell()[i]).isEqualTo(i % 9);
      assertThat(p.images().labels()[i]).isEqualTo(i % 9);
    }
  }

  @Test
  void regionsFollowTheCardsHalvesAndCentre() {
    assertThat(GridRegion.LEFT.contains(0, 3)).isTrue();
    assertThat(GridRegion.LEFT.contains(1, 3)).isFalse();
    assertThat(GridRegion.CENTRE.contains(1, 3)).isTrue();
    assertThat(GridRegion.CENTRE.contains(0, 3)).isFalse();
    assertThat(GridRegion.RIGHT.contains(2, 3)).isTrue();
    assertThat(GridRegion.RIGHT.contains(1, 3)).isFalse();
    // g = 4: halves are columns {0, 1} and {2, 3}, the centre [W/4, 3W/4) is {1, 2}
    assertThat(GridRegion.LEFT.contains(1, 4)).isTrue();
    assertThat(GridRegion.CENTRE.contains(1, 4)).isTrue();
    assertThat(GridRegion.CENTRE.contains(3, 4)).isFalse();
    assertThat(GridRegion.RIGHT.contains(2, 4)).isTrue();
    assertThat(GridRegion.LEFT.members(grid, new int[] {0, 3, 6, 4}))
        .containsExactly(true, true, true, false);
  }

  @Test
  void badInputIsRejected() {
    assertThatThrownBy(() -> new LocationGrid(0, 28)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> grid.place("x", tiles.head(1), new int[] {9}, GridTask.LOCATION))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new LocationGrid(3, 20).place("x", tiles.head(1), new int[] {0}, GridTask.LOCATION))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
