package io.shiftlab.probe;

import java.util.List;
import java.util.Objects;

/**
 * One option of a probe, set on the command line as {@code --param PROBE.KEY=VALUE}.
 *
 * <p>An option may carry a {@link Rule}: its value is then checked when the options are resolved
 * ({@link ProbeParams}), before any data is loaded or model run, and the probe reads it back
 * through the same rule ({@link ProbeParams#integer(String)}, {@link ProbeParams#real(String)},
 * {@link ProbeParams#choice(String)}). Options whose check needs the data or the model (a layer
 * name, a size that must fit the images) have no rule and are checked when the probe runs.
 *
 * @param key the key without the probe prefix, e.g. {@code range}
 * @param defaultValue the value used when it is not set
 * @param description one line for {@code probe --list}
 * @param rule what a value must be, or null when only the probe can tell
 */
public record ProbeParam(String key, String defaultValue, String description, Rule rule) {
  /** What a value must be. */
  public sealed interface Rule permits IntRange, RealRange, Choice {}

  /**
   * An integer in {@code [min, max]}.
   *
   * @param min the smallest value
   * @param max the largest value
   */
  public record IntRange(int min, int max) implements Rule {}

  /**
   * A real number in {@code [min, max]}.
   *
   * @param min the smallest value
   * @param max the largest value
   */
  public record RealRange(double min, double max) implements Rule {}

  /**
   * One of fixed lower-case words.
   *
   * @param choices the words
   */
  public record Choice(List<String> choices) implements Rule {
    /** Copies the list. */
    public Choice {
      choices = List.copyOf(choices);
    }
  }

  /** Checks the key and the description. */
  public ProbeParam {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(description, "description");
  }

  /**
   * An option checked only by the probe itself.
   *
   * @param key the key
   * @param defaultValue the default
   * @param description the description
   */
  public ProbeParam(String key, String defaultValue, String description) {
    this(key, defaultValue, description, null);
  }

  /**
   * An integer option.
   *
   * @param key the key
   * @param defaultValue the default
   * @param min the smallest value
   * @param max the largest value
   * @param description the description
   * @return the option
   */
  public static ProbeParam integer(
      String key, String defaultValue, int min, int max, String description) {
    return new ProbeParam(key, defaultValue, description, new IntRange(min, max));
  }

  /**
   * A real-valued option.
   *
   * @param key the key
   * @param defaultValue the default
   * @param min the smallest value
   * @param max the largest value
   * @param description the description
   * @return the option
   */
  public static ProbeParam real(
      String key, String defaultValue, double min, double max, String description) {
    return new ProbeParam(key, defaultValue, description, new RealRange(min, max));
  }

  /**
   * A choice among words.
   *
   * @param key the key
   * @param defaultValue the default
   * @param choices the allowed words
   * @param description the description
   * @return the option
   */
  public static ProbeParam choice(
      String key, String defaultValue, List<String> choices, String description) {
    return new ProbeParam(key, defaultValue, description, new Choice(choices));
  }
}
