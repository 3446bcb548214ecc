package io.shiftlab.nn.zoo;

import io.shiftlab.Setting;
import io.shiftlab.UserInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of named models: every family registers its entries here, one line per family, and
 * {@code --model} names resolve through it ({@code BASE:key=value,...} through a parameterised
 * family). The models are defined in the file of their architecture: multilayer perceptrons in
 * {@link DenseNets}; convolution, ReLU and max-pool stages in {@link PlainCnns}; convolution stacks
 * without pooling layers in {@link AllConvNets}; a batch-normalised trunk with a position-blind
 * head in {@link GapNets}; and the parameterised backbones {@link VggSmall} and {@link
 * ResNetCifar}. The registration order below is the catalog order that listings and error messages
 * show.
 */
public final class ModelCatalog {
  private static final Map<String, ModelEntry> ENTRIES = new LinkedHashMap<>();
  private static final Map<String, ModelVariants> VARIANTS = new LinkedHashMap<>();

  static {
    registerAll(DenseNets.entries());
    registerAll(PlainCnns.cnns());
    registerAll(AllConvNets.patchNets());
    registerAll(VggSmall.family());
    registerAll(ResNetCifar.family());
    registerAll(AllConvNets.redGreenNets());
    registerAll(PlainCnns.cornerNets());
    registerAll(PlainCnns.framingNets());
    registerAll(AllConvNets.framingNets());
    registerAll(AllConvNets.borderNets());
    registerAll(PlainCnns.positionEncoders());
    registerAll(GapNets.entries());
  }

  private ModelCatalog() {}

  private static void register(ModelEntry entry) {
    if (ENTRIES.putIfAbsent(entry.name(), entry) != null) {
      throw new IllegalStateException("two catalog models are named " + entry.name());
    }
  }

  /** Registers a family of models defined in its own class (one line per family below). */
  private static void registerAll(List<ModelEntry> family) {
    family.forEach(ModelCatalog::register);
  }

  /**
   * Registers a parameterised family: its plain entries, and its base name so that {@code
   * BASE:key=value,...} names resolve through it.
   */
  private static void registerAll(ModelVariants family) {
    registerAll(family.entries());
    if (VARIANTS.putIfAbsent(family.base(), family) != null) {
      throw new IllegalStateException("two catalog families are named " + family.base());
    }
  }

  /** The parameterised families, in catalog order. */
  public static List<ModelVariants> variants() {
    return List.copyOf(VARIANTS.values());
  }

  /** All entries, in catalog order. */
  public static List<ModelEntry> entries() {
    return List.copyOf(ENTRIES.values());
  }

  /** The catalog names, in order. */
  public static List<String> names() {
    return List.copyOf(Collections.unmodifiableSet(ENTRIES.keySet()));
  }

  /**
   * Looks a model up by name; {@code BASE:key=value,...} names a member of a parameterised family.
   *
   * @param option the option that named it, for the error message
   * @param name the catalog name
   * @return the entry
   * @throws UserInputException if no model has that name
   */
  public static ModelEntry get(String option, String name) {
    ModelEntry e = ENTRIES.get(name);
    int colon = name.indexOf(':');
    if (e == null && colon > 0 && VARIANTS.containsKey(name.substring(0, colon))) {
      return VARIANTS.get(name.substring(0, colon)).resolve(option, name.substring(colon + 1));
    }
    if (e == null) {
      throw new UserInputException(
          option,
          "unknown model '"
              + name
              + "'; choose one of "
              + String.join(", ", names())
              + parameterised());
    }
    return e;
  }

  /** The tail of the unknown-model message that names the parameterised families. */
  private static String parameterised() {
    if (VARIANTS.isEmpty()) {
      return "";
    }
    return " (parameterised: "
        + String.join("; ", VARIANTS.values().stream().map(ModelVariants::syntax).toList())
        + ")";
  }

  /** Looks a model up by name, for callers that already validated it. */
  public static ModelEntry get(String name) {
    return get(Setting.MODEL.id(), name);
  }
}
