package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.data.ImageSet;
import io.shiftlab.experiment.ShiftRobust.ArmResult;
import io.shiftlab.experiment.ShiftRobust.Consistency;
import io.shiftlab.experiment.ShiftRobust.Result;
import io.shiftlab.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke run of shift-robust on random images, the padding, and the checks by hand. */
class ShiftRobustTest {
  @TempDir Path dir;

  private static ImageSet noise(String name, int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] pixels = new byte[n * 28 * 28];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(10);
      for (int p = 0; p < 28 * 28; p++) {
        pixels[i * 28 * 28 + p] = (byte) rng.nextInt(256);
      }
    }
    return new ImageSet(name, pixels, labels, 10, 1, 28, 28);
  }

  @Test
  void padPutsA28PixelImageTwoPixelsInFromEachSide() {
    byte[] px = new byte[28 * 28];
    px[0] = (byte) 255; // (row 0, col 0)
    px[28 * 28 - 1] = 7; // (row 27, col 27)
    ImageSet padded = ShiftRobust.pad(new ImageSet("one", px, new int[] {3}, 10, 1, 28, 28));
    assertThat(padded.height()).isEqualTo(32);
    assertThat(padded.width()).isEqualTo(32);
    byte[] out = padded.image(0);
    assertThat(out[2 * 32 + 2]).isEqualTo((byte) 255);
    assertThat(out[29 * 32 + 29]).isEqualTo((byte) 7);
    int nonZero = 0;
    for (byte b : out) {
      nonZero += b != 0 ? 1 : 0;
    }
    assertThat(nonZero).isEqualTo(2);
    assertThat(padded.labels()).containsExactly(3);
  }

  @Test
  void smokeRunWritesEveryFileAndApsIsExactlyCircularlyConsistentEvenUntrained()
      throws IOException {
    ShiftRobust.Budget b = ShiftRobust.budget(BudgetLevel.SMOKE);
    Result r =
        ShiftRobust.run(
            "noise",
            5,
            b,
            ShiftRobust.pad(noise("train", 64, 1)),
            ShiftRobust.pad(noise("val", 16, 2)),
            ShiftRobust.pad(noise("test", 16, 3)),
            Map.of(),
            dir,
            arm -> new TrainingListener() {});
    ShiftRobustReport.write(r, dir);
    for (String f :
        List.of(
            "results.md",
            "results.csv",
            "results.json",
            "consistency-by-distance-crop.png",
            "consistency-by-distance-circular.svg",
            "runs/aps/config.json",
            "probes/aps/circular/consistency.json",
            "probes/baseline/crop/consistency-distance.csv")) {
      assertThat(dir.resolve(f)).as(f).isNotEmptyFile();
    }
    assertThat(r.arms())
        .extracting(a -> a.spec().label())
        .containsExactly("baseline", "blurpool", "aps", "augshift");
    assertThat(r.checks()).hasSize(5);
    // a property of the architecture, true for any weights: APS + circular padding + GAP
    assertThat(r.arms().get(2).circular().pct()).isEqualTo(100.0);
    assertThat(r.checks().get(0).held()).isTrue();
    assertThat(Files.readAllLines(dir.resolve("results.csv"))).hasSize(5);
    String md = Files.readString(dir.resolve("results.md"));
    assertThat(md).contains("published CIFAR-10 acc %").contains("93.1").contains("94.8");
    assertThat(Files.readString(dir.resolve("runs/aps/config.json")))
        .contains("vgg-small:padding=circular,down=aps_max");
  }

  @Test
  void checksFollowCard10() {
    List<ArmResult> arms =
        List.of(
            arm(0, 90, 80), // baseline: crop 90, circular 80
            arm(1, 90, 85), // blurpool: equal on crop, higher on circular
            arm(2, 91, 100), // aps
            arm(3, 89, 99.99)); // augshift: lower on crop, higher on circular
    List<Check> c = ShiftRobust.checks(arms);
    assertThat(c).extracting(Check::held).containsExactly(true, true, true, false, true);
    List<ArmResult> almost = List.of(arms.get(0), arms.get(1), arm(2, 91, 99.999), arms.get(3));
    assertThat(ShiftRobust.checks(almost).get(0).held()).isFalse();
  }

  private static ArmResult arm(int i, double crop, double circular) {
    return new ArmResult(
        ShiftRobust.ARMS.get(i),
        null,
        "runs/x",
        50,
        new Consistency(crop, 0.5, 100),
        new Consistency(circular, 0.5, 100),
        new double[0][],
        new double[0][]);
  }
}
