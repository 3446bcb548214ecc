package io.shiftlab.rf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The golden values of PROTOCOLS card 12, hand-computed rows, and forward = backward. */
class ReceptiveFieldTest {
  private static RfRow last(List<RfRow> rows) {
    return rows.get(rows.size() - 1);
  }

  @Test
  void cornerOnlyNetC3M2C3Gives3Then4Then8() {
    var layers =
        List.of(
            LayerGeometry.conv("c1", 3, 1, 0),
            LayerGeometry.pool("m2", 2, 2, 0),
            LayerGeometry.conv("c3", 3, 1, 0));
    var rows = ReceptiveField.forward(layers, 32);
    assertThat(rows).extracting(RfRow::r).containsExactly(1, 3, 4, 8);
    assertThat(rows).extracting(RfRow::jump).containsExactly(1, 1, 2, 2);
    assertThat(rows).extracting(RfRow::size).containsExactly(32, 30, 15, 13);
    assertThat(ReceptiveField.backward(layers).r()).isEqualTo(8);
  }

  static List<LayerGeometry> cnn2() {
    return List.of(
        LayerGeometry.conv("conv1", 5, 1, 0),
        LayerGeometry.pool("pool1", 2, 2, 0),
        LayerGeometry.conv("conv2", 5, 1, 0),
        LayerGeometry.pool("pool2", 2, 2, 0));
  }

  @Test
  void cnn2Gives16Jump4() {
    var rows = ReceptiveField.forward(cnn2(), 28);
    assertThat(rows).extracting(RfRow::r).containsExactly(1, 5, 6, 14, 16);
    assertThat(rows).extracting(RfRow::jump).containsExactly(1, 1, 2, 2, 4);
    assertThat(rows).extracting(RfRow::size).containsExactly(28, 24, 12, 8, 4);
    // start: 0, +2*1, +0.5*1, +2*2, +0.5*2
    assertThat(rows).extracting(RfRow::start).containsExactly(0.0, 2.0, 2.5, 6.5, 7.5);
    RfRow top = last(rows);
    // unit 1 of the 4x4 map: pool2 rows 2-3, conv2 rows 2-6, pool1 rows 2-7 (conv1 rows 4-15),
    // input rows 4-19: centre 11.5
    assertThat(top.centre(1)).isEqualTo(11.5);
    assertThat(top.firstPixel(1)).isEqualTo(4);
    assertThat(top.lastPixel(1)).isEqualTo(19);
  }

  static List<LayerGeometry> redGreen(int padding) {
    return List.of(
        LayerGeometry.conv("conv1", 3, 1, padding),
        LayerGeometry.conv("conv2", 3, 2, padding),
        LayerGeometry.conv("conv3", 3, 2, padding),
        LayerGeometry.conv("conv4", 3, 2, padding));
  }

  /**
   * The red-green net gives r 17, jump 8 with valid and with same-zero padding alike: padding moves
   * the start and changes the map sizes, never r or the jump.
   */
  @Test
  void redGreenGives17Jump8WithEitherPadding() {
    var valid = ReceptiveField.forward(redGreen(0), 32);
    assertThat(valid).extracting(RfRow::r).containsExactly(1, 3, 5, 9, 17);
    assertThat(valid).extracting(RfRow::jump).containsExactly(1, 1, 2, 4, 8);
    assertThat(valid).extracting(RfRow::size).containsExactly(32, 30, 14, 6, 2);
    assertThat(last(valid).start()).isEqualTo(8.0);
    assertThat(last(valid).firstPixel(0)).isEqualTo(0);
    assertThat(last(valid).lastPixel(1)).isEqualTo(24);

    var same = ReceptiveField.forward(redGreen(1), 32);
    assertThat(last(same).r()).isEqualTo(17);
    assertThat(last(same).jump()).isEqualTo(8);
    assertThat(same).extracting(RfRow::size).containsExactly(32, 32, 16, 8, 4);
    assertThat(last(same).start()).isEqualTo(0.0);
    assertThat(last(same).firstPixel(0)).isEqualTo(-8);
  }

  static List<LayerGeometry> vgg16() {
    int[] convsPerStage = {2, 2, 3, 3, 3};
    List<LayerGeometry> layers = new ArrayList<>();
    for (int stage = 0; stage < convsPerStage.length; stage++) {
      for (int c = 0; c < convsPerStage[stage]; c++) {
        layers.add(LayerGeometry.conv("conv" + (stage + 1) + "_" + (c + 1), 3, 1, 1));
      }
      layers.add(LayerGeometry.pool("pool" + (stage + 1), 2, 2, 0));
    }
    return layers;
  }

  @Test
  void vgg16Pool5Gives212Stride32Padding90() {
    assertThat(vgg16()).hasSize(18);
    BackwardRf b = ReceptiveField.backward(vgg16());
    assertThat(b).isEqualTo(new BackwardRf(212, 32, 90));
    RfRow f = last(ReceptiveField.forward(vgg16(), 224));
    assertThat(f.r()).isEqualTo(212);
    assertThat(f.jump()).isEqualTo(32);
    assertThat(f.size()).isEqualTo(7);
    // -90 + 211/2 = 15.5 = 0.5 + 1 + 2 + 4 + 8
    assertThat(f.start()).isEqualTo(15.5);
  }

  @Test
  void dilationUsesTheEffectiveKernel() {
    // Card 2's D-flat: 3x3 convs with dilations 1, 2, 4, 8, stride 1: r = 1 + 2(1+2+4+8) = 31
    var layers =
        List.of(
            LayerGeometry.conv("d1", 3, 1, 1, 1),
            LayerGeometry.conv("d2", 3, 1, 2, 2),
            LayerGeometry.conv("d4", 3, 1, 4, 4),
            LayerGeometry.conv("d8", 3, 1, 8, 8));
    var rows = ReceptiveField.forward(layers, 48);
    assertThat(rows).extracting(RfRow::r).containsExactly(1, 3, 7, 15, 31);
    assertThat(rows).extracting(RfRow::size).containsOnly(48);
    assertThat(ReceptiveField.backward(layers).r()).isEqualTo(31);
  }

  @Test
  void forwardAndBackwardAgreeOnRandomNetworks() {
    SplittableRandom rng = new SplittableRandom(12);
    for (int trial = 0; trial < 500; trial++) {
      List<LayerGeometry> layers = new ArrayList<>();
      int depth = 1 + rng.nextInt(6);
      for (int i = 0; i < depth; i++) {
        int k = 1 + rng.nextInt(5);
        int s = 1 + rng.nextInt(3);
        int d = 1 + rng.nextInt(2);
        int p = rng.nextInt(d * (k - 1) / 2 + 1);
        layers.add(
            rng.nextBoolean()
                ? LayerGeometry.conv("c" + i, k, s, p, d)
                : LayerGeometry.pool("p" + i, k, s, p));
        if (rng.nextInt(4) == 0) {
          layers.add(LayerGeometry.pointwise("relu" + i));
        }
      }
      RfRow f = last(ReceptiveField.forward(layers, 4096));
      BackwardRf b = ReceptiveField.backward(layers);
      assertThat(b.r()).as("r of %s", layers).isEqualTo(f.r());
      assertThat(b.stride()).as("jump of %s", layers).isEqualTo(f.jump());
      for (int i = 0; i < Math.min(f.size(), 5); i++) {
        assertThat(b.centre(i)).as("centre %d of %s", i, layers).isEqualTo(f.centre(i));
      }
    }
  }

  /** The rows of a 5x5 valid convolution on 28 pixels followed by two more layers. */
  private static List<RfRow> afterAConv(LayerGeometry second, LayerGeometry third) {
    return ReceptiveField.forward(List.of(LayerGeometry.conv("c", 5, 1, 0), second, third), 28);
  }

  @Test
  void pointwiseLayersChangeNothing() {
    var rows = afterAConv(LayerGeometry.pointwise("relu"), LayerGeometry.pointwise("dropout"));
    assertThat(rows.get(2))
        .usingRecursiveComparison()
        .ignoringFields("layer")
        .isEqualTo(rows.get(1));
    assertThat(rows.get(3))
        .usingRecursiveComparison()
        .ignoringFields("layer")
        .isEqualTo(rows.get(1));
  }

  @Test
  void globalLayersSeeTheWholeInputFromThenOn() {
    var rows = afterAConv(LayerGeometry.global("flatten"), LayerGeometry.pointwise("dense"));
    assertThat(rows.get(1).global()).isFalse();
    for (RfRow r : rows.subList(2, 4)) {
      assertThat(r.global()).isTrue();
      assertThat(r.r()).isEqualTo(28);
      assertThat(r.size()).isEqualTo(1);
      assertThat(r.centre(0)).isEqualTo(13.5);
    }
    assertThatThrownBy(() -> ReceptiveField.backward(List.of(LayerGeometry.global("flatten"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("global");
  }

  @Test
  void mergeTakesTheLargerField() {
    var a = last(ReceptiveField.forward(List.of(LayerGeometry.conv("a", 3, 1, 1)), 16));
    var b = last(ReceptiveField.forward(List.of(LayerGeometry.conv("b", 5, 1, 2)), 16));
    RfRow m = ReceptiveField.merge(LayerGeometry.pointwise("concat"), a, b);
    assertThat(m.r()).isEqualTo(5);
    assertThat(m.size()).isEqualTo(16);
    assertThat(m.name()).isEqualTo("concat");
    assertThat(ReceptiveField.merge(LayerGeometry.pointwise("add"), b, a).r()).isEqualTo(5);
    var strided = last(ReceptiveField.forward(List.of(LayerGeometry.conv("s", 3, 2, 1)), 16));
    assertThatThrownBy(() -> ReceptiveField.merge(LayerGeometry.pointwise("x"), a, strided))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsBadGeometryAndVanishingMaps() {
    assertThatThrownBy(() -> LayerGeometry.conv("c", 0, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LayerGeometry("o", 3, 1, 0, 1, LayerGeometry.Kind.OTHER))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReceptiveField.forward(List.of(LayerGeometry.conv("c", 5, 1, 0)), 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too small");
  }
}
