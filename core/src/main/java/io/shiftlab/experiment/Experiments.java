package io.shiftlab.experiment;

import io.shiftlab.UserInputException;
import java.util.List;

/**
 * The registry of reproducible experiments, in the order {@code shiftlab reproduce} runs them and
 * the report shows them.
 */
public final class Experiments {
  private static final List<Experiment<?>> ALL =
      List.of(
          new ShiftedDigits(),
          new PatchLocationExperiment(),
          new RedGreenExperiment(),
          new CornerOnlyExperiment(),
          new FramingBiasExperiment(),
          new BorderDistanceExperiment(),
          new ShiftRobust(),
          new PositionReadoutExperiment(),
          new LocationGridExperiment(),
          new PositionChannelsExperiment());

  private Experiments() {}

  /** Every experiment, in report order. */
  public static List<Experiment<?>> all() {
    return ALL;
  }

  /** Their names, in order. */
  public static List<String> names() {
    return ALL.stream().map(Experiment::name).toList();
  }

  /**
   * Looks one up by name.
   *
   * @param option the option or parameter that named it, for the error
   * @param name the name
   * @return the experiment
   * @throws UserInputException if none has that name
   */
  public static Experiment<?> get(String option, String name) {
    return ALL.stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new UserInputException(
                    option,
                    "unknown experiment '"
                        + name
                        + "'; choose one of "
                        + String.join(", ", names())));
  }
}
