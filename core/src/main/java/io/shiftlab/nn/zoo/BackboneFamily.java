package io.shiftlab.nn.zoo;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import io.shiftlab.Choices;
import io.shiftlab.UserInputException;
import io.shiftlab.nn.Downsample;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.PaddingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A convolutional backbone built from the layers of {@code io.shiftlab.nn} and parameterised by
 * padding, downsampling and head (PROTOCOLS card 11), named {@code BASE} for its defaults or {@code
 * BASE:padding=P,down=D,head=H} with any subset of the keys in any order. The canonical name lists
 * the non-default values in the order padding, down, head, so {@code
 * vgg-small:head=gap,padding=circular} and {@code vgg-small:padding=circular} are one model.
 *
 * <p>Reference parameter counts ({@link ModelEntry#referenceParameters()}) count every DJL
 * parameter, batch-norm running mean and variance included, for one input channel and 10 classes; a
 * flatten head depends on the input size and is counted for 1x32x32 (1x48x48 with {@code
 * padding=none}, which does not fit 32 pixels in every family).
 */
public final class BackboneFamily implements ModelVariants {
  /**
   * One member's settings.
   *
   * @param padding how every convolution pads
   * @param down how the resolution is halved
   * @param head how the features become logits
   */
  public record Options(PaddingMode padding, Downsample down, Head head) {
    /** Rejects nulls. */
    public Options {
      Objects.requireNonNull(padding, "padding");
      Objects.requireNonNull(down, "down");
      Objects.requireNonNull(head, "head");
    }
  }

  /** Builds the body (everything before the head) for a number of input channels. */
  @FunctionalInterface
  public interface Body {
    /**
     * Builds the body.
     *
     * @param options the member
     * @param inChannels input channels
     * @return a fresh, uninitialised sequential block
     */
    SequentialBlock build(Options options, int inChannels);
  }

  private static final List<String> KEYS = List.of("padding", "down", "head");

  private final String base;
  private final String description;
  private final String source;
  private final List<PaddingMode> paddings;
  private final List<Downsample> downs;
  private final Options defaults;
  private final Body body;
  private final Function<Options, Long> bodyParameters;

  /**
   * Creates a family.
   *
   * @param base the base name, e.g. {@code vgg-small}
   * @param description one line on the architecture
   * @param source the paper it follows
   * @param paddings the padding modes it accepts
   * @param downs the downsamplings it accepts
   * @param defaults the member named {@code base}
   * @param body builds the body
   * @param bodyParameters the body's parameter count for one input channel, by hand formula
   */
  public BackboneFamily(
      String base,
      String description,
      String source,
      List<PaddingMode> paddings,
      List<Downsample> downs,
      Options defaults,
      Body body,
      Function<Options, Long> bodyParameters) {
    this.base = Objects.requireNonNull(base, "base");
    this.description = Objects.requireNonNull(description, "description");
    this.source = Objects.requireNonNull(source, "source");
    this.paddings = List.copyOf(paddings);
    this.downs = List.copyOf(downs);
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    this.body = Objects.requireNonNull(body, "body");
    this.bodyParameters = Objects.requireNonNull(bodyParameters, "bodyParameters");
    if (base.contains(":") || !paddings.contains(defaults.padding())) {
      throw new IllegalArgumentException("bad family " + base);
    }
  }

  @Override
  public String base() {
    return base;
  }

  /** The member named {@link #base()}. */
  public Options defaults() {
    return defaults;
  }

  /** The padding modes the family accepts. */
  public List<PaddingMode> paddings() {
    return paddings;
  }

  /** The downsamplings the family accepts. */
  public List<Downsample> downs() {
    return downs;
  }

  @Override
  public List<ModelEntry> entries() {
    return List.of(entry(defaults));
  }

  @Override
  public String syntax() {
    return base
        + "[:padding="
        + String.join("|", paddings.stream().map(PaddingMode::id).toList())
        + ",down="
        + String.join("|", downs.stream().map(Downsample::id).toList())
        + ",head="
        + String.join("|", List.of(Head.values()).stream().map(Head::id).toList())
        + "]";
  }

  @Override
  public ModelEntry resolve(String option, String parameters) {
    return entry(parse(option, parameters));
  }

  /**
   * Parses what follows {@code BASE:}.
   *
   * @param option the option, for the error message
   * @param parameters {@code key=value} pairs separated by commas
   * @return the member
   */
  public Options parse(String option, String parameters) {
    Map<String, String> given = new LinkedHashMap<>();
    for (String pair : parameters.split(",", -1)) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair.strip() : pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      if (!KEYS.contains(key)) {
        throw new UserInputException(
            option,
            "unknown parameter '" + key + "' of " + base + "; choose " + Choices.list(KEYS));
      }
      if (eq < 0) {
        throw new UserInputException(
            option, "parameter '" + key + "' of " + base + " needs =VALUE");
      }
      if (given.put(key, pair.substring(eq + 1).strip()) != null) {
        throw new UserInputException(option, "parameter '" + key + "' of " + base + " given twice");
      }
    }
    PaddingMode padding = defaults.padding();
    Downsample down = defaults.down();
    Head head = defaults.head();
    if (given.containsKey("padding")) {
      String v = given.get("padding");
      padding =
          paddings.stream()
              .filter(p -> PaddingMode.byName(v).orElse(null) == p)
              .findFirst()
              .orElseThrow(() -> bad(option, "padding", v, paddings.stream().map(PaddingMode::id)));
    }
    if (given.containsKey("down")) {
      String v = given.get("down");
      down =
          downs.stream()
              .filter(d -> d.id().equalsIgnoreCase(v))
              .findFirst()
              .orElseThrow(() -> bad(option, "down", v, downs.stream().map(Downsample::id)));
    }
    if (given.containsKey("head")) {
      String v = given.get("head");
      head =
          List.of(Head.values()).stream()
              .filter(h -> h.id().equalsIgnoreCase(v))
              .findFirst()
              .orElseThrow(
                  () -> bad(option, "head", v, List.of(Head.values()).stream().map(Head::id)));
    }
    return new Options(padding, down, head);
  }

  private UserInputException bad(
      String option, String key, String value, java.util.stream.Stream<String> choices) {
    return new UserInputException(
        option,
        "unknown "
            + key
            + " '"
            + value
            + "' of "
            + base
            + "; choose "
            + Choices.list(choices.toList()));
  }

  /**
   * The canonical name of a member: the base, then the non-default values in key order.
   *
   * @param o the member
   * @return e.g. {@code vgg-small:padding=circular,down=aps}
   */
  public String name(Options o) {
    List<String> parts = new ArrayList<>();
    if (o.padding() != defaults.padding()) {
      parts.add("padding=" + o.padding().id());
    }
    if (o.down() != defaults.down()) {
      parts.add("down=" + o.down().id());
    }
    if (o.head() != defaults.head()) {
      parts.add("head=" + o.head().id());
    }
    return parts.isEmpty() ? base : base + ":" + String.join(",", parts);
  }

  /**
   * The catalog entry of a member.
   *
   * @param o the member
   * @return the entry, named canonically
   */
  public ModelEntry entry(Options o) {
    return new ModelEntry(
        name(o),
        description
            + " (padding "
            + o.padding().id()
            + ", down "
            + o.down().id()
            + ", head "
            + o.head().id()
            + "); parameters: "
            + syntax(),
        source,
        () -> referenceParameters(o), // builds a block: not before the engine is configured
        (in, k) -> build(o, in, k));
  }

  /**
   * Builds a member: the body, then the head.
   *
   * @param o the member
   * @param in the input shape
   * @param numClasses the number of logits
   * @return a fresh, uninitialised block
   */
  public Block build(Options o, InputShape in, int numClasses) {
    SequentialBlock net = body.build(o, in.channels());
    o.head().blocks(numClasses).forEach(net::add);
    return net;
  }

  /**
   * The parameter count for one input channel and 10 classes: the body's by hand formula, the
   * head's from the shape of the last feature map at the reference size.
   *
   * @param o the member
   * @return the count
   */
  public long referenceParameters(Options o) {
    int side = o.padding() == PaddingMode.NONE ? 48 : 32;
    Shape out = body.build(o, 1).getOutputShapes(new Shape[] {new Shape(1, 1, side, side)})[0];
    return bodyParameters.apply(o) + o.head().parameters(out.get(1), out.get(2), out.get(3), 10);
  }
}
