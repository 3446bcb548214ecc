package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewCommandTest {
  @TempDir Path tmp;

  @Test
  void writesASampleGridOfEachGenerator() throws Exception {
    for (String name :
        new String[] {
          "patch-location",
          "red-green",
          "red-green-dissimilar",
          "framing-bias",
          "framing-bias-anywhere"
        }) {
      Path png = tmp.resolve(name + ".png");
      Cli.Result r = Cli.run("data", "preview", name, "--n", "4", "--out", png.toString());
      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains(name + ": ").contains(png.toString());
      BufferedImage img = ImageIO.read(png.toFile());
      assertThat(img.getWidth()).as(name).isGreaterThan(100);
    }
  }

  @Test
  void anExistingFileShiftlabDidNotWriteIsRefusedUnlessForced() throws Exception {
    Path png = tmp.resolve("mine.png");
    java.nio.file.Files.writeString(png, "my picture");
    Cli.Result r = Cli.run("data", "preview", "red-green", "--n", "4", "--out", png.toString());
    Cli.assertRefused(r, "shiftlab: --out: " + png + " exists and shiftlab did not write it");
    assertThat(r.errLines()).hasSize(1);
    assertThat(png).hasContent("my picture");
    Cli.ok(Cli.run("data", "preview", "red-green", "--n", "4", "--out", png.toString(), "--force"));
    assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(100);
    // shiftlab's own preview is replaced without --force
    Cli.ok(Cli.run("data", "preview", "red-green", "--n", "8", "--out", png.toString()));
    Cli.assertRefused(
        Cli.run("data", "preview", "red-green", "--out", tmp.toString()),
        "shiftlab: --out: " + tmp + " exists and is not a plain file");
  }

  @Test
  void badNameOrCountIsOneLineExitTwo() {
    Path png = tmp.resolve("x.png");
    for (String[] args :
        new String[][] {
          {"data", "preview", "bogus", "--out", png.toString()},
          {"data", "preview", "red-green", "--n", "0", "--out", png.toString()}
        }) {
      Cli.Result r = Cli.run(args);
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err().strip()).startsWith("shiftlab: ").doesNotContain("\n");
      assertThat(png).doesNotExist();
    }
  }
}
