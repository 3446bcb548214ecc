package io.shiftlab.nn.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.shiftlab.UserInputException;
import io.shiftlab.nn.InputShape;
import io.shiftlab.rf.RfRow;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.train.ParameterFile;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The backbone families over a representative set of members: every padding, every downsampling and
 * every head of each family at least once, on 1- and 3-channel inputs.
 */
class BackboneCatalogTest {
  /** A member and the input it runs on. */
  record Case(String name, InputShape input) {
    @Override
    public String toString() {
      return name + " @ " + input;
    }
  }

  static Stream<Case> cases() {
    InputShape one = new InputShape(1, 32, 32);
    InputShape three = new InputShape(3, 32, 32);
    InputShape small = new InputShape(3, 16, 16);
    // Every padding, downsampling and head of each family at least once, paired to keep the run
    // short; plain resnet18-cifar at 1x28x28 runs in ModelCatalogTest.
    return Stream.of(
        new Case("vgg-small", one),
        new Case("vgg-small", three),
        new Case("vgg-small:padding=reflect,down=avg", one),
        new Case("vgg-small:padding=replicate,down=strided,head=flatten", one),
        new Case("vgg-small:padding=circular,down=aps,head=gap", one),
        new Case("vgg-small:padding=full,down=blur", one),
        new Case("vgg-small:padding=partial,down=blur_max,head=gmp", three),
        new Case("vgg-small:padding=none,down=aps_blur", new InputShape(1, 40, 40)),
        new Case("vgg-small:padding=circular,down=aps_max", one),
        new Case("vgg-small:down=dilated", one),
        new Case("resnet18-cifar", three),
        new Case("resnet18-cifar:padding=full,down=aps", small),
        new Case("resnet18-cifar:padding=circular,down=aps_blur", small),
        new Case("resnet18-cifar:padding=reflect,down=max", small),
        new Case("resnet18-cifar:padding=partial,down=avg", small),
        new Case("resnet18-cifar:down=blur,head=flatten", small),
        new Case("resnet18-cifar:padding=replicate,down=dilated,head=gmp", small));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void forwardBackwardSaveLoad(Case c, @TempDir Path dir) {
    ModelEntry entry = ModelCatalog.get(c.name());
    Path file = dir.resolve("m.params");
    try (Network net = Network.create(entry, c.input(), 10, 3);
        NDManager m = net.manager().newSubManager()) {
      NDArray x = m.randomUniform(0, 1, c.input().batch(2));
      NDArray y;
      try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
        y = net.forward(x, true);
        gc.backward(y.sum());
      }
      assertThat(y.getShape()).isEqualTo(new Shape(2, 10));
      int trainable = 0;
      for (var p : net.block().getParameters()) {
        if (!p.getValue().requiresGradient()) {
          continue; // batch-norm running statistics
        }
        trainable++;
        NDArray g = p.getValue().getArray().getGradient();
        float total = g.abs().sum().getFloat();
        assertThat(total).as("gradient of " + p.getKey()).isGreaterThan(0f).isFinite();
        g.close();
      }
      assertThat(trainable).isGreaterThan(0);
      float[] before = net.logits(x).toFloatArray();
      ParameterFile.save(file, c.name(), net.block());
      try (Network other = Network.create(ModelCatalog.get(c.name()), c.input(), 10, 99)) {
        assertThat(other.logits(x).toFloatArray()).isNotEqualTo(before);
        ParameterFile.load(file, c.name(), other.block(), other.manager());
        assertThat(other.logits(x).toFloatArray()).containsExactly(before);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void referenceCountIsTheBuiltCountAtTheReferenceInput(Case c) {
    ModelEntry entry = ModelCatalog.get(c.name());
    int side = c.name().contains("padding=none") ? 48 : 32;
    try (Network net = Network.create(entry, new InputShape(1, side, side), 10, 1)) {
      assertThat(net.parameterCount()).isEqualTo(entry.referenceParameters());
    }
  }

  @Test
  void parameterCountsMatchTheHandComputation() {
    // vgg-small: convs 9 (16 + 256 + 512 + 1024 + 2048 + 4096) = 71,568; BN 4 (16+16+32+32+64+64)
    // = 896; GAP head 64 * 10 + 10 = 650
    assertThat(count("vgg-small", 1, 32)).isEqualTo(71_568 + 896 + 650).isEqualTo(73_114);
    assertThat(count("vgg-small", 3, 32)).isEqualTo(73_114 + 2 * 16 * 9);
    // flatten head at 32: 64 * 4 * 4 * 10 + 10 = 10,250
    assertThat(count("vgg-small:head=flatten", 1, 32)).isEqualTo(71_568 + 896 + 10_250);
    // see ResNetCifar: 11,182,410 with 1 channel; with 3: + 2 * 576, of which 9,600 running stats
    assertThat(count("resnet18-cifar", 1, 32)).isEqualTo(11_182_410);
    assertThat(count("resnet18-cifar", 3, 32) - 9_600).isEqualTo(11_173_962);
    // flatten head at 32: 512 * 4 * 4 * 10 + 10 = 81,930 instead of 5,130
    assertThat(count("resnet18-cifar:head=flatten", 1, 32)).isEqualTo(11_182_410 - 5_130 + 81_930);
    // the down choices change no parameter count; dilated keeps the 1x1 projections
    assertThat(count("resnet18-cifar:down=aps", 1, 16)).isEqualTo(11_182_410);
    assertThat(count("vgg-small:down=dilated", 1, 16)).isEqualTo(73_114);
  }

  private static long count(String name, int channels, int side) {
    try (Network net =
        Network.create(ModelCatalog.get(name), new InputShape(channels, side, side), 10, 1)) {
      return net.parameterCount();
    }
  }

  @Test
  void namesAreCanonicalAndBadOnesFailInOneLine() {
    assertThat(ModelCatalog.get("vgg-small:head=gap,down=aps,padding=Circular").name())
        .isEqualTo("vgg-small:padding=circular,down=aps");
    assertThat(ModelCatalog.get("vgg-small:head=gap").name()).isEqualTo("vgg-small");
    assertThat(ModelCatalog.get("resnet18-cifar:down=blur").name())
        .isEqualTo("resnet18-cifar:down=blur");
    assertThatThrownBy(() -> ModelCatalog.get("--model", "vgg-small:pad=zero"))
        .isInstanceOf(UserInputException.class)
        .hasMessage("--model: unknown parameter 'pad' of vgg-small; choose padding, down or head");
    assertThatThrownBy(() -> ModelCatalog.get("--model", "resnet18-cifar:padding=none"))
        .hasMessage(
            "--model: unknown padding 'none' of resnet18-cifar; choose zero, reflect, replicate,"
                + " circular, full or partial");
    assertThatThrownBy(() -> ModelCatalog.get("--model", "resnet18-cifar:down=aps_max"))
        .hasMessage(
            "--model: unknown down 'aps_max' of resnet18-cifar; choose strided, max, avg, blur,"
                + " aps, aps_blur or dilated");
    assertThatThrownBy(() -> ModelCatalog.get("--model", "vgg-small:head=fc"))
        .hasMessage("--model: unknown head 'fc' of vgg-small; choose gap, gmp or flatten");
    assertThatThrownBy(() -> ModelCatalog.get("--model", "vgg-small:head=gap,head=gmp"))
        .hasMessage("--model: parameter 'head' of vgg-small given twice");
    assertThatThrownBy(() -> ModelCatalog.get("--model", "vgg-small:head"))
        .hasMessage("--model: parameter 'head' of vgg-small needs =VALUE");
    assertThatThrownBy(() -> ModelCatalog.get("--model", "vgg-big:head=gap"))
        .hasMessageStartingWith("--model: unknown model 'vgg-big:head=gap'; choose one of")
        .hasMessageContaining("vgg-small[:padding=zero|reflect|");
  }

  @Test
  void receptiveFieldsFollowTheMainPaths() {
    // resnet18-cifar: stem 3; stage 1 +2 per conv: 5, 7, 9, 11; stage 2 conv s2 13 (jump 2), then
    // +4 per conv: 17, 21, 25; stage 3: 29 (jump 4), 37, 45, 53; stage 4: 61 (jump 8), 77, 93, 109
    RfRow res = lastSpatial("resnet18-cifar");
    assertThat(res.r()).isEqualTo(109);
    assertThat(res.jump()).isEqualTo(8);
    assertThat(res.size()).isEqualTo(4);
    assertThat(res.name()).isEqualTo("11BasicBlock/tail/02BatchNorm");
    // vgg-small: 3, 5, pool 6 (jump 2), 10, 14, pool 16 (jump 4), 24, 32, pool 36 (jump 8)
    RfRow vgg = lastSpatial("vgg-small");
    assertThat(vgg.r()).isEqualTo(36);
    assertThat(vgg.jump()).isEqualTo(8);
    assertThat(vgg.size()).isEqualTo(4);
    // APS's max-pool form: pad (0,1) keeps r, MaxPool 2 s1 adds 1, APS (2, s2) adds 1 step:
    // 3, 5, +1 = 6, +1 = 7 (jump 2); 11, 15, +2 = 17, +2 = 19 (jump 4); 27, 35, +4, +4 = 43
    assertThat(lastSpatial("vgg-small:down=aps_max").r()).isEqualTo(43);
    // APS with blur: pool k 4, s 2: 5 + 3 = 8 (jump 2); 12, 16, + 6 = 22 (jump 4); 30, 38, + 12 =
    // 50
    assertThat(lastSpatial("vgg-small:down=aps_blur").r()).isEqualTo(50);
  }

  private static RfRow lastSpatial(String model) {
    return LastMap.of(ModelCatalog.get(model).build(new InputShape(1, 32, 32), 10), 32);
  }

  @Test
  void apsWithCircularPaddingAndGapIsInvariantToEveryCircularShift() {
    InputShape in = new InputShape(1, 32, 32);
    try (Network aps =
            Network.create(ModelCatalog.get("vgg-small:padding=circular,down=aps"), in, 10, 7);
        Network twin = Network.create(ModelCatalog.get("vgg-small:padding=circular"), in, 10, 7);
        NDManager m = aps.manager().newSubManager()) {
      NDArray x = m.randomUniform(0, 1, in.batch(4));
      float[] base = aps.logits(x).toFloatArray();
      float[] twinBase = twin.logits(x).toFloatArray();
      double twinWorst = 0;
      int[][] offsets = {{1, 0}, {0, 1}, {1, 1}, {3, -5}, {7, 2}, {-1, -1}, {16, 16}, {31, 9}};
      for (int[] o : offsets) {
        NDArray rolled = roll(x, o[0], o[1]);
        float[] got = aps.logits(rolled).toFloatArray();
        for (int i = 0; i < base.length; i++) {
          assertThat(Math.abs(got[i] - base[i]))
              .as("logit " + i + " at offset " + o[0] + "," + o[1])
              .isLessThanOrEqualTo(1e-5f);
        }
        float[] t = twin.logits(rolled).toFloatArray();
        for (int i = 0; i < base.length; i++) {
          twinWorst = Math.max(twinWorst, Math.abs(t[i] - twinBase[i]));
        }
      }
      // the max-pool twin is invariant only to multiples of 8 (three stride-2 pools)
      assertThat(twinWorst).isGreaterThan(1e-3);
    }
  }

  /** Circular roll by (dy, dx): out(y, x) = in(y - dy, x - dx). */
  private static NDArray roll(NDArray x, int dy, int dx) {
    NDArray out = x;
    int[] by = {dy, dx};
    for (int a = 0; a < 2; a++) {
      int axis = 2 + a;
      long n = out.getShape().get(axis);
      long k = Math.floorMod(by[a], n);
      if (k != 0) {
        String lead = ":, ".repeat(axis);
        out = out.get(lead + (n - k) + ":").concat(out.get(lead + ":" + (n - k)), axis);
      }
    }
    return out;
  }
}
