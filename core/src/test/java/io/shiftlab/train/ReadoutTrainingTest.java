package io.shiftlab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.data.synthetic.PositionTarget;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.nn.ReadoutSpec;
import io.shiftlab.probe.PositionMetrics;
import io.shiftlab.random.Streams;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The read-out's training loop: it learns a target that its features contain, it is bit-for-bit
 * reproducible, and features without position give a read-out with no ranking to offer.
 */
class ReadoutTrainingTest {
  private static final int N = 64;
  private static final int S = 8;

  /** Channel 0: noise; channel 1: the column coordinate x / (S - 1), so H is readable. */
  private static float[] featuresWithCoordinate(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] f = new float[N * 2 * S * S];
    for (int i = 0; i < N; i++) {
      for (int y = 0; y < S; y++) {
        for (int x = 0; x < S; x++) {
          f[((i * 2) * S + y) * S + x] = (float) rng.nextDouble();
          f[((i * 2 + 1) * S + y) * S + x] = x / (float) (S - 1);
        }
      }
    }
    return f;
  }

  private static ReadoutConfig config(long seed) {
    return new ReadoutConfig(4, 16, ReadoutConfig.cardSgd(), seed);
  }

  /** The default read-out trained on {@code f} (N x 2 x S x S) to regress target H at 10 x 10. */
  private static ReadoutTraining.Trained trainH(float[] f, ReadoutConfig c) {
    float[] target = PositionTarget.H.map(10, 10);
    return ReadoutTraining.train(ReadoutSpec.DEFAULT, c, f, N, 2, S, target, 10, 10);
  }

  @Test
  void learnsATargetItsFeaturesContain() {
    float[] f = featuresWithCoordinate(1);
    float[] target = PositionTarget.H.map(10, 10);
    try (ReadoutTraining.Trained t = trainH(f, config(3))) {
      double[] loss = t.epochLoss();
      assertThat(loss).hasSize(4);
      assertThat(loss[3]).isLessThan(loss[0]);
      float[][] pred = t.predict(f, N, 2, S, 10, 10);
      assertThat(pred).hasNumberOfRows(N);
      assertThat(PositionMetrics.spc(pred, target).mean()).isGreaterThan(0.8);
      // V is not in the features: the same loop finds no vertical ranking
      float[] v = PositionTarget.V.map(10, 10);
      assertThat(PositionMetrics.spc(pred, v).mean()).isLessThan(0.2);
    }
  }

  @Test
  void nonFinitePredictionsAreRefused() {
    // an all-NaN map would rank as pixel order and correlate with the vertical target (SPC 0.999)
    float[] f = featuresWithCoordinate(1);
    try (ReadoutTraining.Trained t = trainH(f, config(1))) {
      float[] bad = f.clone();
      bad[0] = Float.NaN;
      assertThatThrownBy(() -> t.predict(bad, N, 2, S, 10, 10))
          .isInstanceOf(io.shiftlab.NonFiniteException.class)
          .hasMessageContaining("predictions are NaN or infinite");
    }
  }

  /**
   * The read-out is kept with batch-norm statistics of its final parameters: 25 epochs of 4 batches
   * give a full recalibration of 100 batches, and recalibrating once more with the same stream
   * moves no prediction by more than the 0.9^100 left of the old averages (without the step, the
   * statistics trail the parameters and a recalibration moves predictions by 0.004).
   */
  @Test
  void readOutIsKeptWithStatisticsOfItsFinalParameters() {
    float[] f = featuresWithCoordinate(1);
    ReadoutConfig c = new ReadoutConfig(25, 16, ReadoutConfig.cardSgd(), 3);
    try (ReadoutTraining.Trained t = trainH(f, c)) {
      float[][] kept = t.predict(f, N, 2, S, 10, 10);
      ReadoutTraining.recalibrate(
          t.block(), t.manager(), c, new Streams(c.seed()), f, N, 2 * S * S, 2, S);
      float[][] again = t.predict(f, N, 2, S, 10, 10);
      assertThat(maxAbsDiff(kept, again)).isLessThan(1e-4);
    }
  }

  private static double maxAbsDiff(float[][] a, float[][] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        d = Math.max(d, Math.abs(a[i][j] - b[i][j]));
      }
    }
    return d;
  }

  @Test
  void theSameSeedGivesBitIdenticalPredictions() {
    float[] f = featuresWithCoordinate(1);
    float[] target = PositionTarget.G.map(10, 10);
    ReadoutSpec spec = new ReadoutSpec(2, 3, PaddingMode.ZERO);
    float[][] a;
    float[][] b;
    try (var t = ReadoutTraining.train(spec, config(5), f, N, 2, S, target, 10, 10)) {
      a = t.predict(f, 4, 2, S, 10, 10);
    }
    try (var t = ReadoutTraining.train(spec, config(5), f, N, 2, S, target, 10, 10)) {
      b = t.predict(f, 4, 2, S, 10, 10);
    }
    assertThat(b).isDeepEqualTo(a);
  }

  @Test
  void constantFeaturesWithoutPaddingGiveAConstantPredictionAndNaN() {
    float[] f = new float[N * 2 * S * S];
    java.util.Arrays.fill(f, 0.7f);
    float[] target = PositionTarget.H.map(10, 10);
    try (var t =
        ReadoutTraining.train(ReadoutSpec.DEFAULT, config(2), f, N, 2, S, target, 10, 10)) {
      float[][] pred = t.predict(f, 2, 2, S, 10, 10);
      assertThat(PositionMetrics.isConstant(pred[0])).isTrue();
      assertThat(PositionMetrics.spc(pred, target).isNaN()).isTrue();
    }
  }

  @Test
  void refusesShapesThatLeaveNoOutput() {
    ReadoutSpec big = new ReadoutSpec(3, 7, PaddingMode.NONE);
    assertThat(big.outputSide(8)).isEqualTo(-10);
    assertThatThrownBy(
            () ->
                ReadoutTraining.train(
                    big, config(1), new float[2 * S * S], 1, 2, S, new float[4], 2, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("D3 k7 pad none");
    assertThatThrownBy(() -> new ReadoutSpec(1, 4, PaddingMode.NONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReadoutSpec(1, 3, PaddingMode.CIRCULAR))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
