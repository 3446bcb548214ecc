package io.shiftlab.probe;

import io.shiftlab.Setting;
import io.shiftlab.UserInputException;
import io.shiftlab.io.Sha256;
import io.shiftlab.nn.Classifier;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.TorchScriptClassifier;
import io.shiftlab.nn.TorchScriptSpec;
import io.shiftlab.train.RunDirectory;
import io.shiftlab.train.TrainResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The model a command was pointed at: a finished shiftlab run directory or an exported TorchScript
 * file. Either opens to a {@link Classifier}, so probes and evaluation treat both alike.
 *
 * <p>{@link #resolve} turns raw option values into a source, with one-line {@link
 * UserInputException}s naming the option at fault; the parse helpers are public for commands that
 * read these options themselves.
 */
public sealed interface ModelSource permits ModelSource.Run, ModelSource.TorchScript {

  /** A short name for reports and console lines: the run directory's or the file's name. */
  String displayName();

  /**
   * What a probe's manifest records of the model: its file (path, size, SHA-256) and the input
   * transform it was given.
   *
   * @return field names and values, in the order to write them
   */
  Map<String, Object> describe();

  /**
   * Loads the model; the caller closes it.
   *
   * @return the classifier
   * @throws UserInputException if the run or the file cannot be used
   */
  Classifier open();

  /**
   * A finished shiftlab run.
   *
   * @param dir the run directory
   */
  record Run(Path dir) implements ModelSource {
    /** Requires a directory path. */
    public Run {
      Objects.requireNonNull(dir, "dir");
    }

    @Override
    public String displayName() {
      return name(dir);
    }

    @Override
    public Classifier open() {
      return TrainResult.load(RunDirectory.open(dir));
    }

    @Override
    public Map<String, Object> describe() {
      Map<String, Object> m = fileFacts(RunDirectory.open(dir).paramsFile());
      m.put("run", dir.toAbsolutePath().normalize().toString());
      m.put("input", "pixels / 255, as the run was trained");
      return m;
    }
  }

  /**
   * An exported TorchScript classifier.
   *
   * @param spec the file, input shape and pixel transform
   */
  record TorchScript(TorchScriptSpec spec) implements ModelSource {
    /** Requires a spec. */
    public TorchScript {
      Objects.requireNonNull(spec, "spec");
    }

    @Override
    public String displayName() {
      return name(spec.file());
    }

    @Override
    public Classifier open() {
      return TorchScriptClassifier.load(spec);
    }

    @Override
    public Map<String, Object> describe() {
      Map<String, Object> m = fileFacts(spec.file());
      m.put("input", spec.input().toString());
      m.put("scale", spec.scale());
      m.put("mean", spec.mean());
      m.put("std", spec.std());
      return m;
    }
  }

  /**
   * Resolves what a command was given. Exactly one of {@code runDir} and {@code torchscript} must
   * be set; {@code --input} and {@code --scale} are required with {@code --torchscript} (a wrong
   * scale silently ruins every number, so there is no default), and the TorchScript options are
   * refused with a run directory, which carries its own shape and needs no transform.
   *
   * @param runDir the run directory, or null
   * @param torchscript the {@code --torchscript} file, or null
   * @param input the {@code --input} value ({@code CxHxW}), or null
   * @param scale the {@code --scale} value, or null
   * @param mean the {@code --mean} value (comma-separated, one per channel), or null
   * @param std the {@code --std} value (comma-separated, one per channel), or null
   * @param classes the {@code --classes} value, or null to take the module's
   * @return the source; nothing is loaded yet
   */
  static ModelSource resolve(
      Path runDir,
      Path torchscript,
      String input,
      String scale,
      String mean,
      String std,
      Integer classes) {
    if (runDir != null && torchscript != null) {
      throw new UserInputException(
          Setting.TORCHSCRIPT.id(), "give either a run directory or a TorchScript file, not both");
    }
    if (runDir != null) {
      refuseWithRun(Setting.INPUT.id(), input);
      refuseWithRun(Setting.SCALE.id(), scale);
      refuseWithRun(Setting.MEAN.id(), mean);
      refuseWithRun(Setting.STD.id(), std);
      refuseWithRun(Setting.CLASSES.id(), classes);
      return new Run(runDir);
    }
    if (torchscript == null) {
      throw new UserInputException(
          Setting.TORCHSCRIPT.id(), "no model given: pass a run directory or a TorchScript file");
    }
    if (input == null) {
      throw new UserInputException(
          Setting.INPUT.id(),
          "required with a TorchScript file: the image shape CxHxW, e.g. 1x28x28");
    }
    if (scale == null) {
      throw new UserInputException(
          Setting.SCALE.id(),
          "required with a TorchScript file: 1 if the model was trained on pixels in [0, 1],"
              + " 255 if on [0, 255]");
    }
    InputShape shape = parseInput(Setting.INPUT.id(), input);
    return new TorchScript(
        new TorchScriptSpec(
            torchscript,
            shape,
            parseScale(Setting.SCALE.id(), scale),
            mean == null ? null : parseFloats(Setting.MEAN.id(), mean),
            std == null ? null : parseFloats(Setting.STD.id(), std),
            classes));
  }

  /**
   * Parses an image shape {@code CxHxW}.
   *
   * @param option the option name, for errors
   * @param text the value
   * @return the shape
   */
  static InputShape parseInput(String option, String text) {
    return InputShape.parse(option, text);
  }

  /**
   * Parses a pixel scale: a positive finite number, in practice 1 or 255.
   *
   * @param option the option name, for errors
   * @param text the value
   * @return the scale
   */
  static float parseScale(String option, String text) {
    float v;
    try {
      v = Float.parseFloat(text.strip());
    } catch (NumberFormatException e) {
      v = Float.NaN;
    }
    if (!(v > 0) || !Float.isFinite(v)) {
      throw new UserInputException(
          option, "'" + text + "': expected a positive number, e.g. 1 or 255");
    }
    return v;
  }

  /**
   * Parses comma-separated finite numbers, e.g. {@code 0.485,0.456,0.406}.
   *
   * @param option the option name, for errors
   * @param text the value
   * @return the numbers, at least one
   */
  static float[] parseFloats(String option, String text) {
    String[] parts = text.split(",", -1);
    float[] out = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Float.parseFloat(parts[i].strip());
      } catch (NumberFormatException e) {
        out[i] = Float.NaN;
      }
      if (!Float.isFinite(out[i])) {
        throw new UserInputException(
            option,
            "'" + text + "': expected comma-separated numbers, one per channel, e.g. 0.1307");
      }
    }
    return out;
  }

  private static void refuseWithRun(String option, Object value) {
    if (value != null) {
      throw new UserInputException(
          option, "applies only to a TorchScript file; a run directory records its own input");
    }
  }

  private static Map<String, Object> fileFacts(Path file) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", file.toAbsolutePath().normalize().toString());
    try {
      m.put("bytes", Files.size(file));
    } catch (IOException e) {
      throw new UserInputException(file.toString(), "cannot read: " + e.getMessage());
    }
    m.put("sha256", Sha256.of(file));
    return m;
  }

  private static String name(Path p) {
    Path f = p.toAbsolutePath().normalize().getFileName();
    return f != null ? f.toString() : p.toString();
  }
}
