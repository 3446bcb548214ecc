package io.shiftlab.nn.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import io.shiftlab.TestData;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.GridTask;
import io.shiftlab.data.synthetic.LocationGrid;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.probe.BackboneProbe;
import io.shiftlab.probe.GridMetrics;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers of the location-grid models (PROTOCOLS card 7). */
class GapNetsTest {
  private static final List<float[]> PLAIN = Arrays.asList((float[]) null);

  private static Network net(String model, int g, int k) {
    return Network.create(ModelCatalog.get(model), new InputShape(1, 28 * g, 28 * g), k, 7);
  }

  @Test
  void circularGapNetGivesBitIdenticalLogitsInEveryCell() {
    // cells are 28 px apart, a multiple of the total stride 4: moving the tile is a circular shift
    // of the canvas, the trunk shifts its map, the order-exact average pool removes the shift
    ImageSet tiles = TestData.squares("t", 4, 10, 3);
    for (int g : new int[] {3, 4}) {
      LocationGrid.Placed set = new LocationGrid(g, 28).everyCell("test", tiles, GridTask.LOCATION);
      try (Network net = net(GapNets.gapNetName(PaddingMode.CIRCULAR), g, g * g)) {
        float[] logits = BackboneProbe.headLogits(net, set.images(), PLAIN).get(0);
        assertThat(GridMetrics.tilesWithIdenticalLogits(logits, g * g, g * g))
            .as("g=" + g)
            .isEqualTo(4);
      }
    }
  }

  @Test
  void zeroPaddedGapNetSeesTheCellEvenUntrained() {
    ImageSet tiles = TestData.squares("t", 3, 10, 4);
    LocationGrid.Placed set = new LocationGrid(3, 28).everyCell("test", tiles, GridTask.LOCATION);
    try (Network net = net(GapNets.gapNetName(PaddingMode.ZERO), 3, 9)) {
      float[] logits = BackboneProbe.headLogits(net, set.images(), PLAIN).get(0);
      assertThat(GridMetrics.tilesWithIdenticalLogits(logits, 9, 9)).isZero();
    }
  }

  @Test
  void theTwoHalvesGiveTheWholeModelsLogits() {
    ImageSet tiles = TestData.squares("t", 5, 10, 5);
    ImageSet set = new LocationGrid(3, 28).everyCell("test", tiles, GridTask.CLASS).images();
    try (Network net = net(GapNets.gapNetName(PaddingMode.REFLECT), 3, 10);
        NDManager m = net.manager().newSubManager()) {
      float[] whole = net.logits(Batches.images(set, null, 0, set.size(), m)).toFloatArray();
      assertThat(BackboneProbe.headLogits(net, set, PLAIN).get(0)).containsExactly(whole);
    }
  }

  @Test
  void nonFiniteHeadLogitsAreRefusedNotTurnedIntoPredictions() {
    // a NaN in a channel mask makes the head's logits NaN; an argmax would read them as class 0
    ImageSet tiles = TestData.squares("t", 2, 10, 7);
    ImageSet set = new LocationGrid(3, 28).everyCell("test", tiles, GridTask.LOCATION).images();
    try (Network net = net(GapNets.gapNetName(PaddingMode.ZERO), 3, 9)) {
      int c = BackboneProbe.pooledBackbone(net, set, false)[0].length;
      float[] mask = new float[c];
      Arrays.fill(mask, 1);
      mask[0] = Float.NaN;
      assertThatThrownBy(() -> BackboneProbe.headLogits(net, set, Arrays.asList(null, mask)))
          .isInstanceOf(io.shiftlab.NonFiniteException.class)
          .hasMessageContaining("with channel mask 1");
    }
  }

  @Test
  void permuteNetIsRandomAtTestTimeAndGapNetIsNot() {
    ImageSet tiles = TestData.squares("t", 8, 10, 6);
    ImageSet set = new LocationGrid(3, 28).everyCell("test", tiles, GridTask.LOCATION).images();
    List<float[]> twice = Arrays.asList(null, null);
    try (Network perm = net(GapNets.permuteNetName(PaddingMode.ZERO), 3, 9);
        Network gap = net(GapNets.gapNetName(PaddingMode.ZERO), 3, 9)) {
      List<float[]> p = BackboneProbe.headLogits(perm, set, twice);
      assertThat(p.get(0)).isNotEqualTo(p.get(1));
      List<float[]> q = BackboneProbe.headLogits(gap, set, twice);
      assertThat(q.get(0)).isEqualTo(q.get(1));
    }
  }

  @Test
  void everyModelIsTrunkThenHead() {
    for (ModelEntry e : GapNets.entries()) {
      var block = e.build(InputShape.MNIST, 10);
      assertThat(block).isInstanceOf(SequentialBlock.class);
      assertThat(GapNets.trunkOf(block)).isNotNull();
      assertThat(GapNets.headOf(block)).isNotNull();
    }
    assertThatThrownBy(() -> GapNets.trunkOf(new SequentialBlock()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
