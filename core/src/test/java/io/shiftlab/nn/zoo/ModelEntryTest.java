package io.shiftlab.nn.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.nn.core.Linear;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A catalog entry never builds a block before it is asked to: the catalog and the experiments' arms
 * are made before the engine is configured, and a count that needs a built block would start
 * PyTorch with the wrong threads (TorchRuntime refuses such a run).
 */
class ModelEntryTest {
  @Test
  void countIsComputedOnFirstUseOnly() {
    AtomicInteger calls = new AtomicInteger();
    ModelEntry e =
        new ModelEntry(
            "lazy",
            "test",
            "test",
            () -> {
              calls.incrementAndGet();
              return 42;
            },
            (in, k) -> Linear.builder().setUnits(k).build());
    assertThat(calls).hasValue(0);
    assertThat(e.referenceParameters()).isEqualTo(42);
    assertThat(e.referenceParameters()).isEqualTo(42);
    assertThat(calls).hasValue(1);
  }

  @Test
  void parameterisedMembersAreResolvedWithoutCountingThem() {
    ModelEntry e = ModelCatalog.get("vgg-small:padding=circular,down=blur_max");
    assertThat(e.name()).isEqualTo("vgg-small:padding=circular,down=blur_max");
    // counted when asked, and the same as the default member's architecture implies
    assertThat(e.referenceParameters()).isPositive();
  }

  @Test
  void aKnownCountMustBePositive() {
    assertThatThrownBy(() -> new ModelEntry("x", "d", "s", 0, (in, k) -> null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
