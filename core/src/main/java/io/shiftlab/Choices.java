package io.shiftlab;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
    throw new UserInputException(option, unknown(what, text, names(type)));
  }

  /** The lower-case names of an enum's constants, e.g. {@code avg or max}. */
  static <E extends Enum<E>> String names(Class<E> type) {
    return list(
        Arrays.stream(type.getEnumConstants())
            .map(e -> e.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.toList()));
  }

  /**
   * An enum whose constants go by a lower-case id on the command line, in files and in messages:
   * the constant's name with {@code _} written {@code -}, e.g. {@code PADDED_FILTERS} is {@code
   * padded-filters}.
   */
  public interface Id {
    /** The constant's name (an enum's own {@code name()}). */
    String name();

    /** The id, e.g. {@code padded-filters}. */
    default String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * The constant whose id is exactly the given one.
   *
   * @param type the enum
   * @param id the id, or null
   * @param <E> the enum type
   * @return the constant, or empty when none has that id
   */
  public static <E extends Enum<E> & Id> Optional<E> withId(Class<E> type, String id) {
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.id().equals(id)).findFirst();
  }

  /**
   * Looks a constant up by a name a user gave: surrounding blanks stripped, case ignored, aliases
   * first, then the ids.
   *
   * @param type the enum
   * @param name the name, or null
   * @param aliases other lower-case names of some constants, e.g. {@code valid} for {@code none}
   * @param <E> the enum type
   * @return the constant, or empty when the name is unknown (or null)
   */
  public static <E extends Enum<E> & Id> Optional<E> byName(
      Class<E> type, String name, Map<String, E> aliases) {
    if (name == null) {
      return Optional.empty();
    }
    String s = name.strip().toLowerCase(Locale.ROOT);
    return aliases.containsKey(s) ? Optional.of(aliases.get(s)) : withId(type, s);
  }

  /** The ids of an enum's constants, in order, e.g. {@code article, real or int}. */
  public static <E extends Enum<E> & Id> String ids(Class<E> type) {
    return list(Arrays.stream(type.getEnumConstants()).map(Id::id).toList());
  }

  /**
   * The reason given for a name that is none of the choices.
   *
   * @param what what the name should name, e.g. {@code padding mode}
   * @param text the name given
   * @param choices the choices, e.g. {@link #ids}
   * @return {@code unknown WHAT 'text'; choose CHOICES}
   */
  public static String unknown(String what, String text, String choices) {
    return "unknown " + what + " '" + text + "'; choose " + choices;
  }

  /**
   * Lists names for a message.
   *
   * @param names at least one name
   * @return {@code a, b or c}; the one name alone
   */
  public static String list(List<String> names) {
    return names.size() == 1
        ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1))
            + " or "
            + names.get(names.size() - 1);
  }
}
