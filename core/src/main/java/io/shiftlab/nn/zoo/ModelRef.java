package io.shiftlab.nn.zoo;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.shiftlab.Setting;
import io.shiftlab.UserInputException;
import java.util.Objects;

/**
 * A model named by its catalog name and resolved against {@link ModelCatalog} once, where the name
 * enters (a command-line flag, an experiment's arm, a {@code config.json}); downstream code takes
 * the entry from here instead of looking the name up again.
 *
 * <p>In JSON it is the name as written, e.g. {@code "vgg-small:padding=circular"}, so run
 * directories written before this type existed read back unchanged.
 *
 * @param name the catalog name as given (a parameterised name keeps its spelling)
 * @param entry the catalog entry it names
 */
public record ModelRef(String name, ModelEntry entry) {

  /** Validates the fields. */
  public ModelRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(entry, "entry");
  }

  /**
   * Resolves a catalog name.
   *
   * @param option the setting or flag that named it, the subject of an error
   * @param name the catalog name, {@code BASE:key=value,...} for a member of a parameterised family
   * @return the reference
   * @throws UserInputException if no model has that name
   */
  public static ModelRef of(String option, String name) {
    return new ModelRef(name, ModelCatalog.get(option, name));
  }

  /**
   * Resolves a catalog name against the model setting; also how a {@code config.json} reads it.
   *
   * @param name the catalog name
   * @return the reference
   * @throws UserInputException if the name is blank ({@code is required}) or names no model
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ModelRef of(String name) {
    if (name == null || name.isBlank()) {
      throw new UserInputException(Setting.MODEL.id(), "is required");
    }
    return of(Setting.MODEL.id(), name);
  }

  /** The catalog name, which is also the JSON form. */
  @JsonValue
  @Override
  public String name() {
    return name;
  }

  /** Equal when the names are: a parameterised family builds a fresh entry on every look-up. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ModelRef m && name.equals(m.name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
