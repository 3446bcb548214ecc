package io.shiftlab.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} options of a bench tool's {@code main}, parsed once: every name must be
 * one the tool takes, a later value of a name replaces an earlier one, and each is read back with
 * the tool's default.
 */
final class ToolArgs {
  private final Map<String, String> values;

  private ToolArgs(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses {@code --name value} pairs.
   *
   * @param args the arguments
   * @param names the option names the tool takes, e.g. {@code --threads}
   * @return the options
   * @throws IllegalArgumentException for an option the tool does not take
   */
  static ToolArgs parse(String[] args, String... names) {
    Set<String> known = Set.of(names);
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!known.contains(args[i])) {
        throw new IllegalArgumentException("unknown option " + args[i]);
      }
      values.put(args[i], args[i + 1]);
    }
    return new ToolArgs(values);
  }

  /** The option's text, or {@code fallback} when it is not given. */
  String textOr(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /** The option as an int, or {@code fallback} when it is not given. */
  int intOr(String name, int fallback) {
    String v = values.get(name);
    return v == null ? fallback : Integer.parseInt(v);
  }

  /** The option as a long, or {@code fallback} when it is not given. */
  long longOr(String name, long fallback) {
    String v = values.get(name);
    return v == null ? fallback : Long.parseLong(v);
  }

  /**
   * The option as a path, which must be given.
   *
   * @param name the option, e.g. {@code --out}
   * @param label its value's name in the message, e.g. {@code DIR}
   * @return the path
   * @throws IllegalArgumentException when it is not given
   */
  Path requiredPath(String name, String label) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException(name + " " + label + " is required");
    }
    return Path.of(v);
  }
}
