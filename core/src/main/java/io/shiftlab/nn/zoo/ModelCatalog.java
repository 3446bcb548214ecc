package io.shiftlab.nn.zoo;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.shiftlab.Setting;
import io.shiftlab.UserInputException;
import io.shiftlab.nn.GlobalPool;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.MaxPool2d;
import io.shiftlab.nn.PaddedConv2d;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.nn.UniformDropout;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog of named models.
 *
 * <p>The four models of the shifted-digits experiment follow Soni, "Translation Invariance in
 * Convolutional Neural Networks" (Medium, 2019), as pinned down in card 1 of PROTOCOLS.md.
 * Reference parameter counts are for a 1x28x28 input and 10 classes:
 *
 * <table>
 *   <caption>shifted-digits models</caption>
 *   <tr><th>name</th><th>layers</th><th>parameters</th></tr>
 *   <tr><td>nn-article</td><td>channels-last, per-pixel Dense(100) (= 1x1 conv 1&rarr;100), ReLU,
 *   Dropout .5, per-pixel Dense 100&rarr;100, ReLU, Dropout .25, Flatten 78,400, Dense 10</td><td>794,310</td></tr>
 *   <tr><td>mlp</td><td>Flatten 784, Dense 100, ReLU, Dropout .5, Dense 100, ReLU, Dropout .25, Dense
 *   10</td><td>89,610</td></tr>
 *   <tr><td>cnn1</td><td>Conv 20@5x5 valid, ReLU, MaxPool 2, Flatten 2,880, Dense 100, ReLU, Dense
 *   10</td><td>289,630</td></tr>
 *   <tr><td>cnn2</td><td>Conv 20@5x5 valid, ReLU, MaxPool 2, Conv 40@5x5 valid, ReLU, MaxPool 2,
 *   Flatten 640, Dense 100, ReLU, Dense 10</td><td>85,670</td></tr>
 * </table>
 *
 * <p>The four {@code patchnet-PADDING} models of the patch-location experiment (card 4) are one 5x5
 * convolution 1&rarr;1 without bias (stride 1; padding {@code zero} = same, p 2; {@code none} =
 * valid; {@code circular}, p 2; {@code full}, p 4), ReLU, global max pool and a dense layer 1&rarr;
 * classes: 25 + 10 + 10 = 45 parameters at the reference (10 classes), 25 + 2 + 2 = 29 with the
 * card's 2 classes, for any input size.
 *
 * <p>The article's "standard NN" applies Keras {@code Dense} to a (28, 28, 1) tensor, which acts on
 * the last axis only, i.e. per pixel (equivalent to a 1x1 convolution), hence {@code nn-article};
 * it is built exactly that way, channels-last, so its flatten order is Keras's. The usual
 * multilayer perceptron is {@code mlp}; both are run and labelled. Every model ends in logits: the
 * softmax lives in the loss and in the probes. Flattening is NCHW rather than Keras's NHWC, which
 * only permutes the weights of the following dense layer.
 */
public final class ModelCatalog {
  private static final Map<String, ModelEntry> ENTRIES = new LinkedHashMap<>();
  private static final Map<String, ModelVariants> VARIANTS = new LinkedHashMap<>();

  static {
    register(
        new ModelEntry(
            "nn-article",
            "the article's 'standard NN': per-pixel dense layers (1x1 convs), flatten, dense 10",
            "Soni 2019 (Medium), seed 004; PROTOCOLS card 1",
            794_310,
            ModelCatalog::nnArticle));
    register(
        new ModelEntry(
            "mlp",
            "conventional multilayer perceptron: flatten, dense 100, dense 100, dense 10",
            "PROTOCOLS card 1 (the usual alternative to nn-article)",
            89_610,
            ModelCatalog::mlp));
    register(
        new ModelEntry(
            "cnn1",
            "one conv 20@5x5 + max-pool 2, dense 100, dense 10",
            "Soni 2019 (Medium), seed 004; PROTOCOLS card 1",
            289_630,
            ModelCatalog::cnn1));
    register(
        new ModelEntry(
            "cnn2",
            "two conv (20@5x5, 40@5x5) + max-pool 2 stages, dense 100, dense 10",
            "Soni 2019 (Medium), seed 004; PROTOCOLS card 1",
            85_670,
            ModelCatalog::cnn2));
    for (PaddingMode mode :
        List.of(PaddingMode.ZERO, PaddingMode.NONE, PaddingMode.CIRCULAR, PaddingMode.FULL)) {
      register(
          new ModelEntry(
              "patchnet-" + mode.id(),
              "one 5x5 filter without bias, "
                  + mode.id()
                  + " padding, ReLU, global max pool, dense (1 -> classes)",
              "Kayhan & van Gemert CVPR 2020 Fig. 1 (chess.ipynb); PROTOCOLS card 4",
              45,
              (in, k) -> patchNet(mode, k)));
    }
    registerAll(VggSmall.family());
    registerAll(ResNetCifar.family());
    registerAll(RedGreenNets.entries());
    registerAll(CornerNets.entries());
    registerAll(FramingNets.entries());
    registerAll(BorderNets.entries());
    registerAll(PositionEncoders.entries());
    registerAll(LocationGridModels.entries());
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

  private static Block conv(int filters, int k) {
    return new io.shiftlab.nn.Conv2d(filters, k);
  }

  private static Block dense(int units) {
    return Linear.builder().setUnits(units).build();
  }

  private static Block maxPool2() {
    return MaxPool2d.of(2);
  }

  private static Block dropout(float rate) {
    return new UniformDropout(rate);
  }

  static Block patchNet(PaddingMode mode, int numClasses) {
    return new SequentialBlock()
        .add(new PaddedConv2d(mode, 1, 5, 1, 1, false))
        .add(Activation.reluBlock())
        .add(new GlobalPool(GlobalPool.Kind.MAX))
        .add(dense(numClasses));
  }

  static Block nnArticle(InputShape in, int numClasses) {
    // Keras Dense on a (28, 28, 1) tensor acts on the last axis: channels-last, then a matrix
    // product per pixel. Doing exactly that (rather than a 1x1 convolution) keeps Keras's flatten
    // order and runs as one GEMM, several times faster than libtorch's CPU 1x1 convolution.
    return new SequentialBlock()
        .add(channelsLast())
        .add(dense(100))
        .add(Activation.reluBlock())
        .add(dropout(0.5f))
        .add(dense(100))
        .add(Activation.reluBlock())
        .add(dropout(0.25f))
        .add(Blocks.batchFlattenBlock())
        .add(dense(numClasses));
  }

  private static Block channelsLast() {
    return new LambdaBlock(x -> new NDList(x.singletonOrThrow().transpose(0, 2, 3, 1)), "nhwc");
  }

  static Block mlp(InputShape in, int numClasses) {
    return new SequentialBlock()
        .add(Blocks.batchFlattenBlock())
        .add(dense(100))
        .add(Activation.reluBlock())
        .add(dropout(0.5f))
        .add(dense(100))
        .add(Activation.reluBlock())
        .add(dropout(0.25f))
        .add(dense(numClasses));
  }

  static Block cnn1(InputShape in, int numClasses) {
    return new SequentialBlock()
        .add(conv(20, 5))
        .add(Activation.reluBlock())
        .add(maxPool2())
        .add(Blocks.batchFlattenBlock())
        .add(dense(100))
        .add(Activation.reluBlock())
        .add(dense(numClasses));
  }

  static Block cnn2(InputShape in, int numClasses) {
    return new SequentialBlock()
        .add(conv(20, 5))
        .add(Activation.reluBlock())
        .add(maxPool2())
        .add(conv(40, 5))
        .add(Activation.reluBlock())
        .add(maxPool2())
        .add(Blocks.batchFlattenBlock())
        .add(dense(100))
        .add(Activation.reluBlock())
        .add(dense(numClasses));
  }
}
