package io.shiftlab.nn.zoo;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.UniformDropout;
import java.util.List;

/**
 * Dense networks: the two per-pixel or flattened multilayer perceptrons of the shifted-digits
 * experiment (Soni, "Translation Invariance in Convolutional Neural Networks", Medium 2019; card 1
 * of PROTOCOLS.md). Parameter counts for a 1x28x28 input and 10 classes:
 *
 * <table>
 *   <caption>dense models</caption>
 *   <tr><th>name</th><th>layers</th><th>parameters</th></tr>
 *   <tr><td>nn-article</td><td>channels-last, per-pixel Dense(100) (= 1x1 conv 1&rarr;100), ReLU,
 *   Dropout .5, per-pixel Dense 100&rarr;100, ReLU, Dropout .25, Flatten 78,400, Dense 10</td>
 *   <td>794,310</td></tr>
 *   <tr><td>mlp</td><td>Flatten 784, Dense 100, ReLU, Dropout .5, Dense 100, ReLU, Dropout .25, Dense
 *   10</td><td>89,610</td></tr>
 * </table>
 *
 * <p>The article's "standard NN" applies Keras {@code Dense} to a (28, 28, 1) tensor, which acts on
 * the last axis only, i.e. per pixel (equivalent to a 1x1 convolution), hence {@code nn-article};
 * it is built exactly that way, channels-last, so its flatten order is Keras's. The usual
 * multilayer perceptron is {@code mlp}; both are run and labelled. Every model ends in logits: the
 * softmax lives in the loss and in the probes.
 */
public final class DenseNets {
  private static final String SOURCE = "Soni 2019 (Medium), seed 004; PROTOCOLS card 1";

  private DenseNets() {}

  /** The catalog entries: {@code nn-article} and {@code mlp}. */
  public static List<ModelEntry> entries() {
    return List.of(
        new ModelEntry(
            "nn-article",
            "the article's 'standard NN': per-pixel dense layers (1x1 convs), flatten, dense 10",
            SOURCE,
            794_310,
            DenseNets::nnArticle),
        new ModelEntry(
            "mlp",
            "conventional multilayer perceptron: flatten, dense 100, dense 100, dense 10",
            "PROTOCOLS card 1 (the usual alternative to nn-article)",
            89_610,
            DenseNets::mlp));
  }

  static Block nnArticle(InputShape in, int numClasses) {
    // Keras Dense on a (28, 28, 1) tensor acts on the last axis: channels-last, then a matrix
    // product per pixel. Doing exactly that (rather than a 1x1 convolution) keeps Keras's flatten
    // order and runs as one GEMM, several times faster than libtorch's CPU 1x1 convolution.
    return new SequentialBlock()
        .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().transpose(0, 2, 3, 1)), "nhwc"))
        .addAll(hidden())
        .add(Blocks.batchFlattenBlock())
        .add(dense(numClasses));
  }

  static Block mlp(InputShape in, int numClasses) {
    return new SequentialBlock()
        .add(Blocks.batchFlattenBlock())
        .addAll(hidden())
        .add(dense(numClasses));
  }

  /**
   * The two hidden layers both share: dense 100, ReLU, dropout .5, dense 100, ReLU, dropout .25.
   */
  private static List<Block> hidden() {
    return List.of(
        dense(100),
        Activation.reluBlock(),
        new UniformDropout(0.5f),
        dense(100),
        Activation.reluBlock(),
        new UniformDropout(0.25f));
  }

  /** A dense layer to {@code units} outputs, the read-out of every family of the catalog. */
  static Block dense(int units) {
    return Linear.builder().setUnits(units).build();
  }
}
