package io.shiftlab.nn.zoo;

import java.util.List;

/**
 * A catalog family whose members are named {@code BASE} (the defaults) or {@code
 * BASE:key=value,key=value} (e.g. {@code vgg-small:padding=circular,down=aps,head=gap}). The
 * catalog lists {@link #entries()} under their plain names and hands every {@code BASE:...} name to
 * {@link #resolve}, so the training and probe commands, run directories ({@code config.json}
 * records the name) and loading back all accept the parameterised names.
 */
public interface ModelVariants {
  /** The base name, without a colon. */
  String base();

  /** The entries listed in the catalog under plain names (at least the defaults). */
  List<ModelEntry> entries();

  /**
   * The entry of a parameterised name.
   *
   * @param option the option that named it, for the error message
   * @param parameters what follows {@code BASE:}
   * @return the entry, named canonically (parameters in a fixed order, defaults left out)
   * @throws io.shiftlab.UserInputException one line naming the bad key or value and the choices
   */
  ModelEntry resolve(String option, String parameters);

  /** One line describing the parameters, e.g. {@code padding=zero|circular|..., down=...}. */
  String syntax();
}
