package io.shiftlab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.UserInputException;
import io.shiftlab.data.synthetic.PatchLocation;
import io.shiftlab.data.synthetic.SampleGrid;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFileTest {
  @Test
  void aSampleGridIsAMarkedPngThatStillReads(@TempDir Path tmp) throws Exception {
    Path png = tmp.resolve("grid.png");
    SampleGrid.write(PatchLocation.images(), 5, png);
    assertThat(OutputFile.isShiftlabPng(png)).isTrue();
    assertThat(ImageIO.read(png.toFile()).getWidth()).isPositive();
    assertThatCode(() -> OutputFile.claim(png, "--out", false, OutputFile::isShiftlabPng))
        .doesNotThrowAnyException();
  }

  @Test
  void anotherFileIsRefusedUnlessForced(@TempDir Path tmp) throws Exception {
    Path png = tmp.resolve("photo.png");
    ImageIO.write(new java.awt.image.BufferedImage(4, 4, 1), "png", png.toFile());
    assertThat(OutputFile.isShiftlabPng(png)).isFalse();
    assertThatThrownBy(() -> OutputFile.claim(png, "--out", false, OutputFile::isShiftlabPng))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("shiftlab did not write it");
    assertThatCode(() -> OutputFile.claim(png, "--out", true, OutputFile::isShiftlabPng))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> OutputFile.claim(tmp, "--out", true, f -> true))
        .hasMessageContaining("is not a plain file");
    assertThat(Files.exists(tmp.resolve("new.png"))).isFalse();
    assertThatCode(() -> OutputFile.claim(tmp.resolve("new.png"), "--out", false, f -> false))
        .doesNotThrowAnyException();
  }
}
