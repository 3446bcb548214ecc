package io.shiftlab.cli;

import io.shiftlab.Setting;
import io.shiftlab.UserInputException;

/**
 * The command line's spelling of the library's settings: core errors name a {@link Setting} ({@code
 * batchSize: must be positive, got 0}); the command line prints the option the user typed ({@code
 * --batch-size: must be positive, got 0}).
 */
final class Flags {
  private Flags() {}

  /**
   * The option that sets a setting.
   *
   * @param s the setting
   * @return e.g. {@code --batch-size}
   */
  static String of(Setting s) {
    return switch (s) {
      case MODEL -> "--model";
      case DATASET -> "--dataset";
      case EPOCHS -> "--epochs";
      case BATCH_SIZE -> "--batch-size";
      case OPTIMIZER -> "--optimizer";
      case PATIENCE -> "--patience";
      case MAX_TRAIN -> "--max-train";
      case AUGMENT -> "--augment";
      case DEVICE -> "--device";
      case TORCHSCRIPT -> "--torchscript";
      case INPUT -> "--input";
      case SCALE -> "--scale";
      case MEAN -> "--mean";
      case STD -> "--std";
      case CLASSES -> "--classes";
      case LIMIT -> "--limit";
      case PROBE -> "--probe";
      case PARAM -> "--param";
    };
  }

  /**
   * The one-line message of a user-input error, with a setting's id replaced by its option.
   *
   * @param e the error
   * @return e.g. {@code --param readout.targets: 'x': unknown target}
   */
  static String message(UserInputException e) {
    String subject = e.subject();
    String shown =
        Setting.of(subject)
            .map(s -> Flags.of(s) + subject.substring(s.id().length()))
            .orElse(subject);
    return shown + ": " + e.reason();
  }
}
