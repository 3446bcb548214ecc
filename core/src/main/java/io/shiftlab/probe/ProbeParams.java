package io.shiftlab.probe;

import io.shiftlab.Setting;
import io.shiftlab.UserInputException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The values of one probe's options: the defaults it declares, overridden by {@code --param
 * PROBE.KEY=VALUE}. Unknown keys and malformed values fail at once with the option named.
 */
public final class ProbeParams {
  private final String probe;
  private final Map<String, String> values = new TreeMap<>();
  private final Map<String, ProbeParam> declared = new TreeMap<>();

  /**
   * Resolves a probe's options.
   *
   * @param probe the probe's name
   * @param declared the options it declares
   * @param given the values given for it, key (without prefix) to value
   * @throws UserInputException for an unknown key, or a value its option's rule rejects
   */
  public ProbeParams(String probe, List<ProbeParam> declared, Map<String, String> given) {
    this.probe = probe;
    for (ProbeParam p : declared) {
      values.put(p.key(), p.defaultValue());
      this.declared.put(p.key(), p);
    }
    for (var e : given.entrySet()) {
      if (!values.containsKey(e.getKey())) {
        throw new UserInputException(
            Setting.PARAM.subject(probe + "." + e.getKey()),
            "unknown option of probe '"
                + probe
                + "'; it takes "
                + (declared.isEmpty()
                    ? "no options"
                    : declared.stream().map(ProbeParam::key).collect(Collectors.joining(", "))));
      }
      values.put(e.getKey(), e.getValue());
    }
    // every rule checked now, before the caller loads data or runs a model
    for (ProbeParam p : declared) {
      if (p.rule() != null) {
        check(p.key(), p.rule());
      }
    }
  }

  private void check(String key, ProbeParam.Rule rule) {
    if (rule instanceof ProbeParam.IntRange r) {
      integer(key, r.min(), r.max());
    } else if (rule instanceof ProbeParam.RealRange r) {
      real(key, r.min(), r.max());
    } else if (rule instanceof ProbeParam.Choice c) {
      choice(key, c.choices());
    }
  }

  private <R extends ProbeParam.Rule> R rule(String key, Class<R> type) {
    ProbeParam p = declared.get(key);
    if (p == null || !type.isInstance(p.rule())) {
      throw new IllegalArgumentException(
          "probe " + probe + " declares no " + type.getSimpleName() + " option " + key);
    }
    return type.cast(p.rule());
  }

  /**
   * An integer option, within the bounds its declaration gives.
   *
   * @param key the key
   * @return its value
   */
  public int integer(String key) {
    ProbeParam.IntRange r = rule(key, ProbeParam.IntRange.class);
    return integer(key, r.min(), r.max());
  }

  /**
   * A real option, within the bounds its declaration gives.
   *
   * @param key the key
   * @return its value
   */
  public double real(String key) {
    ProbeParam.RealRange r = rule(key, ProbeParam.RealRange.class);
    return real(key, r.min(), r.max());
  }

  /**
   * A choice option, among the words its declaration gives.
   *
   * @param key the key
   * @return its value
   */
  public String choice(String key) {
    return choice(key, rule(key, ProbeParam.Choice.class).choices());
  }

  /** Every option with its value in force, sorted by key (printed with the result). */
  public Map<String, String> asMap() {
    return Map.copyOf(values);
  }

  /**
   * A string option.
   *
   * @param key the key
   * @return its value
   */
  public String string(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("probe " + probe + " declares no option " + key);
    }
    return v;
  }

  /**
   * An integer option within bounds.
   *
   * @param key the key
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @return its value
   */
  public int integer(String key, int min, int max) {
    String v = string(key);
    try {
      int i = Integer.parseInt(v.trim());
      if (i < min || i > max) {
        throw bad(key, v, "must be between " + min + " and " + max);
      }
      return i;
    } catch (NumberFormatException e) {
      throw bad(key, v, "not an integer");
    }
  }

  /**
   * A real option within bounds.
   *
   * @param key the key
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @return its value
   */
  public double real(String key, double min, double max) {
    String v = string(key);
    try {
      double d = Double.parseDouble(v.trim());
      if (!(d >= min && d <= max)) {
        throw bad(key, v, "must be between " + min + " and " + max);
      }
      return d;
    } catch (NumberFormatException e) {
      throw bad(key, v, "not a number");
    }
  }

  /**
   * One of a fixed set of lower-case choices.
   *
   * @param key the key
   * @param choices the allowed values
   * @return the value
   */
  public String choice(String key, List<String> choices) {
    String v = string(key).trim().toLowerCase(Locale.ROOT);
    if (!choices.contains(v)) {
      throw bad(key, v, "choose " + String.join(", ", choices));
    }
    return v;
  }

  /**
   * An error about one option's value.
   *
   * @param key the key
   * @param value the value given
   * @param reason why it is wrong
   * @return the exception to throw
   */
  public UserInputException bad(String key, String value, String reason) {
    return new UserInputException(
        Setting.PARAM.subject(probe + "." + key), "'" + value + "': " + reason);
  }
}
