package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PyTorch RGB model (3x32x32, 10 logits, ImageNet normalisation; {@code golden/make_rgb.py})
 * probed on a generated image folder and on a CIFAR-10 batch: the class counts are checked before
 * anything runs, {@code --class-map} maps a folder's 3 classes onto the model's logits, and the
 * sweep and consistency probes run end to end.
 */
class RgbProbeTest {
  @TempDir static Path tmp;

  private static final Path MODEL =
      Path.of("../core/src/test/resources/io/shiftlab/golden/rgb_cnn.pt").toAbsolutePath();
  private static Path folder;
  private static Path cifar;

  @BeforeAll
  static void writeImages() throws Exception {
    folder = tmp.resolve("images");
    SplittableRandom rng = new SplittableRandom(7);
    String[] classes = {"airplane", "bird", "cat"};
    for (int c = 0; c < classes.length; c++) {
      for (int i = 0; i < 4; i++) {
        int w = 36 + rng.nextInt(20);
        int h = 36 + rng.nextInt(20);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(rng.nextInt(256), rng.nextInt(256), rng.nextInt(256)));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(60 * c, 255 - 60 * c, 128));
        g.fillOval(rng.nextInt(w / 2), rng.nextInt(h / 2), w / 2, h / 2);
        g.dispose();
        Path f = folder.resolve(classes[c]).resolve(String.format("%02d.png", i));
        Files.createDirectories(f.getParent());
        ImageIO.write(img, "png", f.toFile());
      }
    }
    // a CIFAR-10 batch of 6 records: label byte, then the red, green and blue 32x32 planes
    cifar = tmp.resolve("test_batch.bin");
    byte[] batch = new byte[6 * 3073];
    for (int r = 0; r < 6; r++) {
      batch[r * 3073] = (byte) (r % 10);
      for (int i = 1; i < 3073; i++) {
        batch[r * 3073 + i] = (byte) rng.nextInt(256);
      }
    }
    Files.write(cifar, batch);
  }

  private static Cli.Result probe(String dataset, Path out, String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "probe",
                "--torchscript",
                MODEL.toString(),
                "--input",
                "3x32x32",
                "--scale",
                "1",
                "--mean",
                "0.485,0.456,0.406",
                "--std",
                "0.229,0.224,0.225",
                "--dataset",
                dataset,
                "--probe",
                "sweep,consistency",
                "--param",
                "sweep.range=2",
                "--threads",
                Cli.THREADS,
                "--out",
                out.toString()));
    a.addAll(List.of(extra));
    return Cli.run(a.toArray(String[]::new));
  }

  @Test
  void tenLogitsAgainstThreeFolderClassesAreRefusedBeforeAnythingRuns() {
    Cli.assumeTorchScriptRuns();
    Path out = tmp.resolve("refused");
    Cli.Result r = probe("folder:" + folder, out);
    assertThat(r.code()).as(r.describe()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.errLines())
        .containsExactly(
            "shiftlab: --dataset: rgb_cnn.pt gives 10 logits but folder:"
                + folder
                + " has 3 classes; map them with --class-map DATA=MODEL,...");
    assertThat(out).doesNotExist();
  }

  @Test
  void aFolderMappedOntoTheModelsClassesIsProbedEndToEnd() throws Exception {
    Cli.assumeTorchScriptRuns();
    Path out = tmp.resolve("folder");
    Cli.Result r = probe("folder:" + folder, out, "--class-map", "airplane=0,bird=2,cat=3");
    assertThat(r.code()).as(r.describe()).isZero();
    assertThat(r.out()).contains("12 test images of folder:" + folder);
    List<String> sweep = Files.readAllLines(out.resolve("sweep.csv"));
    assertThat(sweep).hasSize(1 + 25);
    assertThat(out.resolve("consistency.csv")).isNotEmptyFile();
    JsonNode manifest = Cli.json(out.resolve("manifest.json"));
    assertThat(manifest.get("dataSha256").get("folder:" + folder).asText()).hasSize(64);
    assertThat(manifest.get("model").get("mean").toString()).isEqualTo("[0.485,0.456,0.406]");
  }

  @Test
  void aCifarBatchIsProbedWithoutAMap() {
    Cli.assumeTorchScriptRuns();
    Path out = tmp.resolve("cifar");
    Cli.Result r = probe("cifar10:" + cifar, out);
    assertThat(r.code()).as(r.describe()).isZero();
    assertThat(r.out()).contains("6 test images of cifar10:" + cifar);
    assertThat(out.resolve("sweep.csv")).isNotEmptyFile();
  }
}
