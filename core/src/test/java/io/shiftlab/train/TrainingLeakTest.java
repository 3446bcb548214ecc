package io.shiftlab.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.TestData;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.runtime.NativeResources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leak check of issue 6, as a plain test: the native resources DJL holds (live NDArrays, live
 * managers, other attached resources) are the same after every epoch of a short run. A per-batch
 * leak would add at least one array per step; this counts, it does not time.
 */
class TrainingLeakTest {
  @TempDir Path dir;

  private static final ImageSet TRAIN = TestData.squares("leak/train", 160, 4, 1);
  private static final ImageSet VAL = TestData.squares("leak/val", 40, 4, 2);

  private List<NativeResources.Counts> countsPerEpoch(String model, String augment) {
    List<NativeResources.Counts> counts = new ArrayList<>();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void epochFinished(EpochRecord record) {
            counts.add(NativeResources.count());
          }
        };
    TrainConfig c =
        new TrainConfig(
            ModelRef.of(model),
            "toy",
            4,
            32,
            OptimizerSettings.adam(1e-3f),
            AugmentSpec.parse(augment),
            0,
            3,
            0,
            BatchOrder.SHUFFLED);
    var input = new io.shiftlab.nn.InputShape(1, TRAIN.height(), TRAIN.width());
    new Training(c, TRAIN, VAL, c.augment().augmentation(input), listener)
        .start(RunDirectory.create(dir.resolve(model + "-" + augment)), Map.of());
    return counts;
  }

  @Test
  void nativeResourceCountsStayFlatEpochOverEpoch() {
    List<NativeResources.Counts> counts = countsPerEpoch("cnn2", "none");
    assertThat(counts).hasSize(4);
    // the model's parameters and the optimiser's state are alive: something is counted
    assertThat(counts.get(0).arrays()).isGreaterThan(0);
    assertThat(counts.subList(1, 4)).containsOnly(counts.get(0));
  }

  @Test
  void shiftAugmentationAddsNothingThatOutlivesItsBatch() {
    List<NativeResources.Counts> counts = countsPerEpoch("cnn2", "keras");
    assertThat(counts).hasSize(4);
    assertThat(counts.subList(1, 4)).containsOnly(counts.get(0));
  }

  @Test
  void theCounterSeesAnArrayThatIsLeftOpen() {
    NativeResources.Counts before = NativeResources.count();
    try (var m = io.shiftlab.runtime.TorchRuntime.engine().newBaseManager()) {
      m.zeros(new ai.djl.ndarray.types.Shape(3));
      m.zeros(new ai.djl.ndarray.types.Shape(3));
      NativeResources.Counts during = NativeResources.count();
      assertThat(during.arrays()).isEqualTo(before.arrays() + 2);
      assertThat(during.managers()).isEqualTo(before.managers() + 1);
    }
    assertThat(NativeResources.count()).isEqualTo(before);
  }
}
