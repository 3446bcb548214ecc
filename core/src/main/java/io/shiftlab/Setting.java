package io.shiftlab;

import java.util.Arrays;
import java.util.Optional;

/**
 * The settings the library validates, named as its records name them. A {@link UserInputException}
 * about a setting has the setting's id as its subject ({@code batchSize: must be positive, got 0});
 * a front end maps the id to its own spelling (the command line prints {@code --batch-size}), so
 * the library never speaks in command-line flags.
 */
public enum Setting {
  /** A catalog model name with its options. */
  MODEL("model"),
  /** A data set name or location. */
  DATASET("dataset"),
  /** Training epochs. */
  EPOCHS("epochs"),
  /** Mini-batch size. */
  BATCH_SIZE("batchSize"),
  /** The optimiser. */
  OPTIMIZER("optimizer"),
  /** Early-stopping patience. */
  PATIENCE("patience"),
  /** The training-set cap. */
  MAX_TRAIN("maxTrain"),
  /** The training augmentation. */
  AUGMENT("augment"),
  /** Where the engine runs. */
  DEVICE("device"),
  /** A TorchScript model file. */
  TORCHSCRIPT("torchScript"),
  /** A model's input shape. */
  INPUT("input"),
  /** The pixel scale of a model's input. */
  SCALE("scale"),
  /** Per-channel input means. */
  MEAN("mean"),
  /** Per-channel input standard deviations. */
  STD("std"),
  /** A model's class count. */
  CLASSES("classes"),
  /** The cap on test images. */
  LIMIT("limit"),
  /** A probe, by name: {@code probe NAME}. */
  PROBE("probe"),
  /** A probe parameter: {@code param PROBE.KEY}. */
  PARAM("param");

  private final String id;

  Setting(String id) {
    this.id = id;
  }

  /** The id used as an error's subject, e.g. {@code batchSize}. */
  public String id() {
    return id;
  }

  /**
   * The subject of an error about one instance of this setting.
   *
   * @param detail e.g. the probe parameter {@code readout.targets}
   * @return e.g. {@code param readout.targets}
   */
  public String subject(String detail) {
    return id + " " + detail;
  }

  /**
   * The setting an error's subject names, if it names one: its first word is a setting's id.
   *
   * @param subject an error's subject (a setting or a file path)
   * @return the setting, or empty for a file path or anything else
   */
  public static Optional<Setting> of(String subject) {
    if (subject == null || subject.contains("/") || subject.contains("\\")) {
      return Optional.empty();
    }
    String first = subject.split(" ", 2)[0];
    return Arrays.stream(values()).filter(s -> s.id.equals(first)).findFirst();
  }
}
