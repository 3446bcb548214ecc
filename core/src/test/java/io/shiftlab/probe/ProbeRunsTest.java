package io.shiftlab.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.UserInputException;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.InputShape;
import org.junit.jupiter.api.Test;

/** The input checks the equivariance and border-distance probes share, with their exact words. */
class ProbeRunsTest {
  private static ImageSet images(int n, int c, int h, int w) {
    return new ImageSet("toy", new byte[n * c * h * w], new int[n], 2, c, h, w);
  }

  @Test
  void equivarianceNeedsTheModelsExactInputSize() {
    assertThatCode(
            () ->
                ProbeRuns.requireInputSize("equivariance", images(2, 1, 28, 28), InputShape.MNIST))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                ProbeRuns.requireInputSize("equivariance", images(2, 1, 20, 28), InputShape.MNIST))
        .isInstanceOf(UserInputException.class)
        .hasMessage("probe equivariance: test images are 1x20x28 but the model takes 1x28x28");
  }

  @Test
  void borderDistanceTakesSmallerImagesOfTheSameChannels() {
    assertThatCode(
            () ->
                ProbeRuns.requireFitsInput(
                    "border-distance", images(2, 1, 20, 28), InputShape.MNIST))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                ProbeRuns.requireFitsInput(
                    "border-distance", images(2, 3, 20, 28), InputShape.MNIST))
        .hasMessage(
            "probe border-distance: test images are 3x20x28 but the model takes 1x28x28; the"
                + " images must have its channels and fit in it");
  }

  @Test
  void anEmptyTestSetIsRefusedAfterItsSize() {
    assertThatThrownBy(
            () ->
                ProbeRuns.requireFitsInput(
                    "border-distance", images(0, 1, 28, 28), InputShape.MNIST))
        .hasMessage("probe border-distance: the test set is empty");
    assertThatThrownBy(
            () ->
                ProbeRuns.requireInputSize("equivariance", images(0, 1, 30, 28), InputShape.MNIST))
        .hasMessageContaining("1x30x28 but the model takes");
  }

  @Test
  void theLengthCheckNamesEachArray() {
    assertThatThrownBy(
            () -> BorderDistance.byDistance(new int[] {0, 1}, new long[] {1}, new long[] {2, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lengths differ: 2 distances, 1 correct, 2 images");
    assertThat(BorderDistance.byDistance(new int[] {0}, new long[] {1}, new long[] {2})).hasSize(1);
  }
}
