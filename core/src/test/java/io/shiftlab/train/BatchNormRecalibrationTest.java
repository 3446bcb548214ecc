package io.shiftlab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.shiftlab.TestData;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.random.Streams;
import org.junit.jupiter.api.Test;

/** Recomputing batch-norm statistics for the final parameters. */
class BatchNormRecalibrationTest {
  private static final int N = 16;

  /**
   * With one batch served again and again, the running statistics become that batch's own (the old
   * ones weigh 0.9^100), so eval mode normalises it exactly as training mode does: the logits agree
   * up to the unbiased-variance factor n/(n-1), n = 16 images x 28 x 28 pixels per channel.
   */
  @Test
  void repeatedBatchGivesItsOwnStatistics() {
    ImageSet batch = TestData.squares("b", N, 9, 3);
    byte[] bright = new byte[N * 784];
    java.util.Arrays.fill(bright, (byte) 200);
    ImageSet other = new ImageSet("o", bright, new int[N], 9, 1, 28, 28);
    try (Network net =
            Network.create(ModelCatalog.get("gapnet-zero"), new InputShape(1, 28, 28), 9, 1);
        NDManager m = net.manager().newSubManager()) {
      NDArray x = Batches.images(batch, null, 0, N, m);
      // stale statistics: training-mode passes over other images, then the batch in eval mode
      new BatchNormRecalibration(100, N).apply(net, p -> other);
      float[] stale = net.logits(x).toFloatArray();
      float[] batchStats = net.forward(x, true).toFloatArray();
      int run = new BatchNormRecalibration(100, N).apply(net, p -> batch);
      float[] recalibrated = net.logits(x).toFloatArray();
      assertThat(run).isEqualTo(100);
      assertThat(maxAbsDiff(recalibrated, batchStats)).isLessThan(1e-3);
      assertThat(maxAbsDiff(stale, batchStats)).isGreaterThan(1e-2);
    }
  }

  @Test
  void runsAtLeastTheBatchesAskedOverAsManyPassesAsNeeded() {
    ImageSet set = TestData.squares("s", 40, 9, 5); // 3 batches of 16, 16, 8 per pass
    int[] passes = {0};
    try (Network net =
        Network.create(ModelCatalog.get("gapnet-zero"), new InputShape(1, 28, 28), 9, 1)) {
      int run =
          new BatchNormRecalibration(7, N)
              .apply(
                  net,
                  p -> {
                    assertThat(p).isEqualTo(passes[0]++);
                    return set;
                  });
      assertThat(run).isEqualTo(7);
      assertThat(passes[0]).isEqualTo(3);
    }
  }

  @Test
  void appliesToNetworksWithBatchNormOnly() {
    try (Network gap =
            Network.create(ModelCatalog.get("gapnet-zero"), new InputShape(1, 28, 28), 9, 1);
        Network cnn = Network.create(ModelCatalog.get("cnn2"), new InputShape(1, 28, 28), 9, 1)) {
      assertThat(BatchNormRecalibration.appliesTo(gap.block())).isTrue();
      assertThat(BatchNormRecalibration.appliesTo(cnn.block())).isFalse();
    }
  }

  /**
   * With a stream per pass, each pass runs in an order drawn from it: the same streams give the
   * same statistics bit for bit, other streams other statistics (the last batches differ).
   */
  @Test
  void shuffledPassesFollowTheirStream() {
    ImageSet set = TestData.squares("s", 64, 9, 5);
    float[][] logits = new float[3][];
    long[] seeds = {1, 1, 2};
    for (int i = 0; i < 3; i++) {
      Streams streams = new Streams(seeds[i]);
      try (Network net =
              Network.create(ModelCatalog.get("gapnet-zero"), new InputShape(1, 28, 28), 9, 1);
          NDManager m = net.manager().newSubManager()) {
        new BatchNormRecalibration(6, N)
            .apply(net, p -> set, Augmentation.NONE, p -> streams.stream("bn", p));
        logits[i] = net.logits(Batches.images(set, null, 0, N, m)).toFloatArray();
      }
    }
    assertThat(logits[1]).containsExactly(logits[0]);
    assertThat(maxAbsDiff(logits[2], logits[0])).isGreaterThan(1e-4);
  }

  @Test
  void refusesEmptyPassesAndNonPositiveSizes() {
    assertThatThrownBy(() -> new BatchNormRecalibration(0, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BatchNormRecalibration(4, 0))
        .isInstanceOf(IllegalArgumentException.class);
    try (Network net =
        Network.create(ModelCatalog.get("gapnet-zero"), new InputShape(1, 28, 28), 9, 1)) {
      ImageSet empty = TestData.squares("e", 0, 9, 1);
      assertThatThrownBy(() -> new BatchNormRecalibration(4, 4).apply(net, p -> empty))
          .hasMessageContaining("pass 0 has no images");
    }
  }

  private static double maxAbsDiff(float[] a, float[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d = Math.max(d, Math.abs(a[i] - b[i]));
    }
    return d;
  }
}
