package io.shiftlab;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parsing of enum-valued options: case-insensitive, failing with the valid choices listed. */
public final class Choices {
  private Choices() {}

  /**
   * Parses an enum constant by name, ignoring case and surrounding blanks.
   *
   * @param type the enum
   * @param option the option that gave the value, the subject of the error
   * @param what what the value names, e.g. {@code global pool}
   * @param text the value
   * @param <E> the enum type
   * @return the constant
   * @throws UserInputException {@code OPTION: unknown WHAT 'x'; choose a, b or c}
   */
  public static <E extends Enum<E>> E parse(
      Class<E> type, String option, String what, String text) {
    String wanted = text == null ? "" : text.trim();
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(wanted)) {
        return e;
      }
    }
    throw new UserInputException(
        option, "unknown " + what + " '" + text + "'; choose " + names(type));
  }

  /** The lower-case names of an enum's constants, e.g. {@code avg or max}. */
  static <E extends Enum<E>> String names(Class<E> type) {
    var names =
        Arrays.stream(type.getEnumConstants())
            .map(e -> e.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.toList());
    return names.size() == 1
        ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1))
            + " or "
            + names.get(names.size() - 1);
  }
}
