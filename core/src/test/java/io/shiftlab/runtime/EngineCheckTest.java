package io.shiftlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine self-check against the real engine and against faulty stand-ins of its kernels: a
 * wrong kernel is caught, the check switches to a strategy that passes, and a fault no strategy can
 * avoid makes the runtime refuse.
 */
class EngineCheckTest {
  private static final Device CPU = Device.cpu();

  /**
   * libtorch's convolution with the known fault's shape: for output channels that are not a
   * multiple of 16 the input gradient is wrong (the forward value is untouched: {@code e -
   * stopGradient(e)} is exactly zero but carries the gradient of e).
   */
  private static final Conv2dKernel WRONG_INPUT_GRADIENT =
      (x, w, b, g) -> {
        NDArray y = Conv2dKernel.NATIVE.conv2d(x, w, b, g);
        if (w.getShape().get(0) % 16 == 0) {
          return y;
        }
        NDArray e = x.mul(0.5f).sum(new int[] {1, 2, 3}, true);
        return y.add(e.sub(e.stopGradient()));
      };

  /** A forward kernel that leaves its last output channel unwritten (NaN) when not 16-aligned. */
  private static final Conv2dKernel UNWRITTEN_CHANNEL =
      (x, w, b, g) -> {
        NDArray y = Conv2dKernel.NATIVE.conv2d(x, w, b, g);
        long out = w.getShape().get(0);
        if (out % 16 == 0) {
          return y;
        }
        float[] v = new float[(int) out];
        v[v.length - 1] = Float.NaN;
        return y.add(y.getManager().create(v, new Shape(1, out, 1, 1)));
      };

  @AfterEach
  void restoreTheRealVerdict() {
    TorchRuntime.verifyEngine(false, EngineCheck.DEFAULT_REPEATS);
  }

  @Test
  void theRuntimeHasAUsableVerdictAndOurOwnConvolutionPassesEverywhere() {
    for (ConvStrategy s : ConvStrategy.values()) {
      EngineVerdict.Candidate c =
          EngineCheck.run(
              s.id(), EngineOps.libtorch().withConv(s.over(Conv2dKernel.NATIVE)), CPU, 1);
      // 13 convolution cases (forward and two gradients, 7 of them with a bias gradient too), 4
      // poolings (forward, gradient), 2 dense layers (forward, three gradients), 1 softmax
      assertThat(c.checks()).isEqualTo(13 * 3 + 7 + 4 * 2 + 2 * 4 + 1);
      if (s == ConvStrategy.UNFOLD_GEMM) {
        // no oneDNN convolution in it: right on every host
        assertThat(c.failures()).as(s.id()).isEmpty();
      } else {
        // libtorch's convolution may be wrong on some hosts; nothing else may
        assertThat(c.failures()).as(s.id()).allMatch(f -> f.startsWith("conv2d"));
      }
    }
    EngineVerdict v = TorchRuntime.engineVerdict();
    assertThat(v.usable()).isTrue();
    assertThat(v.libtorch()).isEqualTo("2.7.1");
    assertThat(v.candidates().get(0).strategy()).isEqualTo("native");
    assertThat(v.candidates()).filteredOn(EngineVerdict.Candidate::passed).isNotEmpty();
  }

  @Test
  void aWrongInputGradientIsCaughtAndAFallbackThatPassesIsChosen() {
    EngineOps faulty = EngineOps.libtorch().withConv(WRONG_INPUT_GRADIENT);
    EngineVerdict v = EngineCheck.select(faulty, CPU, 1, TorchRuntime.threads());
    EngineVerdict.Candidate nat = v.candidates().get(0);
    assertThat(nat.passed()).isFalse();
    assertThat(nat.failures()).isNotEmpty().allMatch(f -> f.contains("grad-input"));
    assertThat(nat.failures().get(0)).contains("out=20").contains("values wrong");
    assertThat(v.nativeConvCorrect()).isFalse();
    assertThat(v.usable()).isTrue();
    assertThat(v.strategy()).isIn("padded-filters", "unfold-gemm");
    // both fallbacks pass here and were timed; the faster one won
    List<EngineVerdict.Candidate> fallbacks = v.candidates().subList(1, v.candidates().size());
    assertThat(fallbacks.get(1).passed()).as("unfold-gemm runs no oneDNN convolution").isTrue();
    double best =
        fallbacks.stream()
            .filter(EngineVerdict.Candidate::passed)
            .mapToDouble(EngineVerdict.Candidate::stepMillis)
            .min()
            .orElseThrow();
    assertThat(fallbacks.stream().filter(c -> c.strategy().equals(v.strategy())).findFirst())
        .hasValueSatisfying(c -> assertThat(c.stepMillis()).isEqualTo(best));
  }

  @Test
  void anUnwrittenOutputShowsUpAsAFailedForward() {
    EngineVerdict.Candidate c =
        EngineCheck.run("native", EngineOps.libtorch().withConv(UNWRITTEN_CHANNEL), CPU, 1);
    assertThat(c.passed()).isFalse();
    assertThat(c.failures().get(0)).contains("forward").contains("NaN");
  }

  @Test
  void theRuntimeSwitchesToTheChosenFallbackAndRefusesTorchScriptGraphs() {
    EngineVerdict v =
        EngineCheck.select(
            EngineOps.libtorch().withConv(WRONG_INPUT_GRADIENT), CPU, 1, TorchRuntime.threads());
    TorchRuntime.adopt(v);
    assertThat(TorchRuntime.engineVerdict().strategy()).isEqualTo(v.strategy());
    assertThat(TorchRuntime.conv()).isNotSameAs(Conv2dKernel.NATIVE);
    assertThatThrownBy(() -> TorchRuntime.requireNativeConvolution("model.pt"))
        .isInstanceOf(EngineCheckException.class)
        .hasMessageStartingWith("model.pt: libtorch's own convolution gives wrong results")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aFaultNoStrategyAvoidsMakesTheRuntimeRefuseWithOneLine() {
    EngineVerdict good = TorchRuntime.engineVerdict();
    Conv2dKernel inForce = TorchRuntime.conv();
    EngineOps wrongPool =
        new EngineOps(
            // our own convolution, right on every host, so that only the pooling fails
            ConvStrategy.UNFOLD_GEMM.over(Conv2dKernel.NATIVE),
            (x, k, s, p) -> EngineOps.libtorch().avgPool().apply(x, k, s, p),
            EngineOps.libtorch().avgPool(),
            EngineOps.libtorch().linear(),
            EngineOps.libtorch().softmax());
    EngineVerdict bad = EngineCheck.select(wrongPool, CPU, 1, TorchRuntime.threads());
    assertThat(bad.usable()).isFalse();
    assertThat(bad.candidates()).hasSize(1); // the convolution passed, so no fallback was tried
    assertThat(bad.firstFailure()).startsWith("max_pool2d");
    assertThatThrownBy(() -> TorchRuntime.adopt(bad))
        .isInstanceOf(EngineCheckException.class)
        .hasMessageStartingWith(
            "engine self-check: libtorch 2.7.1 gives wrong results on this host")
        .hasMessageContaining("max_pool2d")
        .hasMessageNotContaining("\n");
    // nothing changed: the verdict and the convolution in force are the good ones
    assertThat(TorchRuntime.engineVerdict()).isSameAs(good);
    assertThat(TorchRuntime.conv()).isSameAs(inForce);
    assertThat(TorchRuntime.lastVerdict()).isSameAs(bad);
  }

  @Test
  void aVerdictRoundTripsThroughTheCache(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    EngineVerdict v = TorchRuntime.engineVerdict();
    EngineCheckCache cache = EngineCheckCache.forHost(dir, 2, ComputeDevice.CPU, 3);
    assertThat(cache.load()).isNull();
    cache.store(v);
    EngineVerdict back = cache.load();
    assertThat(back.cached()).isTrue();
    assertThat(back.candidates()).isEqualTo(v.candidates());
    assertThat(back.strategy()).isEqualTo(v.strategy());
    // another thread count or repeat count is another entry
    assertThat(EngineCheckCache.forHost(dir, 1, ComputeDevice.CPU, 3).file())
        .isNotEqualTo(cache.file());
    assertThat(EngineCheckCache.forHost(dir, 2, ComputeDevice.CPU, 1).file())
        .isNotEqualTo(cache.file());
  }

  @Test
  void aCorruptCacheFileIsIgnored(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    EngineCheckCache cache = EngineCheckCache.forHost(dir, 2, ComputeDevice.CPU, 3);
    java.nio.file.Files.writeString(cache.file(), "{not json");
    assertThat(cache.load()).isNull();
  }
}
