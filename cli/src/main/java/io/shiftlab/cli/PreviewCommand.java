package io.shiftlab.cli;

import io.shiftlab.UserInputException;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.CanvasGrid;
import io.shiftlab.data.synthetic.CanvasPlacement;
import io.shiftlab.data.synthetic.CornerOnly;
import io.shiftlab.data.synthetic.FramingBias;
import io.shiftlab.data.synthetic.PatchLocation;
import io.shiftlab.data.synthetic.RedGreen;
import io.shiftlab.data.synthetic.RedGreenSizes;
import io.shiftlab.data.synthetic.RedGreenVariant;
import io.shiftlab.data.synthetic.SampleGrid;
import io.shiftlab.io.OutputFile;
import io.shiftlab.random.Streams;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shiftlab data preview NAME}: a PNG grid of sample images of a synthetic data set. */
@Command(
    name = "preview",
    description =
        "Write a PNG grid of sample images of a synthetic data set: patch-location, red-green,"
            + " red-green-dissimilar, framing-bias, framing-bias-anywhere, corner-only,"
            + " canvas-grid, canvas-grid-white.")
final class PreviewCommand extends Subcommand {
  static final List<String> NAMES =
      List.of(
          "patch-location",
          "red-green",
          "red-green-dissimilar",
          "framing-bias",
          "framing-bias-anywhere",
          "corner-only",
          "canvas-grid",
          "canvas-grid-white");

  @Parameters(index = "0", paramLabel = "NAME", description = "The data set.")
  String name;

  @Option(
      names = "--n",
      defaultValue = "16",
      description = "Images to show, 1..256 (default: ${DEFAULT-VALUE}).")
  int n;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the generator (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "The PNG to write (default: NAME.png); a file shiftlab did not write is refused unless"
              + " --force.")
  Path out;

  @Option(
      names = "--force",
      description = "Replace the --out file even if shiftlab did not write it.")
  boolean force;

  @Mixin DataDirOption data;

  @Override
  public Integer call() {
    if (!NAMES.contains(name)) {
      throw new UserInputException(
          "NAME", "unknown synthetic data set '" + name + "'; choose " + String.join(", ", NAMES));
    }
    if (n < 1 || n > 256) {
      throw new UserInputException("--n", "must be between 1 and 256, got " + n);
    }
    Path target = out != null ? out : Path.of(name + ".png");
    OutputFile.claim(
        target, out != null ? "--out" : target.toString(), force, OutputFile::isShiftlabPng);
    ImageSet set =
        switch (name) {
          case "patch-location" -> PatchLocation.images();
          case "red-green" -> RedGreen.generate(seed, new RedGreenSizes(n, n, n)).train();
          case "red-green-dissimilar" ->
              RedGreen.generate(seed, new RedGreenSizes(n, n, n)).test(RedGreenVariant.DISSIMILAR);
          case "framing-bias" ->
              new FramingBias(new Streams(seed)).test(FramingBias.Placement.FRAMED, n).images();
          case "framing-bias-anywhere" ->
              new FramingBias(new Streams(seed)).test(FramingBias.Placement.ANYWHERE, n).images();
          case "canvas-grid" -> canvasGrid(CanvasGrid.Colour.BLACK);
          case "canvas-grid-white" -> canvasGrid(CanvasGrid.Colour.WHITE);
          default -> cornerOnly();
        };
    SampleGrid.write(set, Math.min(n, set.size()), target);
    spec.commandLine()
        .getOut()
        .println(name + ": " + Math.min(n, set.size()) + " images in " + target);
    return 0;
  }

  /** Test digits (20x20 sheet cells) on the 5x5 grid of card 9, in random cells. */
  private ImageSet canvasGrid(CanvasGrid.Colour colour) {
    ImageSet digits =
        CanvasGrid.centreCrop(
            DataOptions.load(data.dir, "digits", seed, 0, n, err()).test().head(n), 20);
    return new CanvasGrid(
            new Streams(seed),
            new CanvasGrid.Geometry(CanvasGrid.Geometry.CARD_GRID, 20),
            colour.value(digits))
        .test(digits, n)
        .images();
  }

  /** Digits test images, image i at corner i mod 4 of the 64x64 canvas. */
  private ImageSet cornerOnly() {
    ImageSet digits = DataOptions.load(data.dir, "digits", seed, 0, n, err()).test().head(n);
    CornerOnly.Corner[] corners = CornerOnly.Corner.values();
    int[] rows = new int[digits.size()];
    int[] cols = new int[digits.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = corners[i % 4].row();
      cols[i] = corners[i % 4].col();
    }
    return new CanvasPlacement(CornerOnly.CANVAS, CornerOnly.CANVAS)
        .place("corner-only", digits, rows, cols);
  }
}
