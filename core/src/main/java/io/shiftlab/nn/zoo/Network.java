package io.shiftlab.nn.zoo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.shiftlab.nn.Classifier;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.LayerOutput;
import io.shiftlab.nn.ModelInit;
import io.shiftlab.runtime.TorchRuntime;
import java.util.ArrayList;
import java.util.List;

/**
 * A catalog model with its parameters: the block, the manager that owns the parameters, and the
 * shape it was built for.
 */
public final class Network implements Classifier {
  /** Images per forward pass in {@link #logits}; larger batches are split. */
  public static final int INFERENCE_CHUNK = 256;

  private final ModelEntry entry;
  private final InputShape input;
  private final int numClasses;
  private final NDManager manager;
  private final Block block;

  private Network(ModelEntry entry, InputShape input, int numClasses, long initSeed) {
    this.entry = entry;
    this.input = input;
    this.numClasses = numClasses;
    this.manager = TorchRuntime.newManager();
    this.block = entry.build(input, numClasses);
    ModelInit.initialize(block, manager, input, initSeed);
  }

  /**
   * Builds and initialises a model.
   *
   * @param entry the catalog entry
   * @param input the input shape
   * @param numClasses the number of classes
   * @param initSeed the seed of the {@code init} stream
   * @return the network
   */
  public static Network create(ModelEntry entry, InputShape input, int numClasses, long initSeed) {
    return new Network(entry, input, numClasses, initSeed);
  }

  /** The catalog entry. */
  public ModelEntry entry() {
    return entry;
  }

  /** The block. */
  public Block block() {
    return block;
  }

  /** The manager that owns the parameters. */
  public NDManager manager() {
    return manager;
  }

  @Override
  public InputShape inputShape() {
    return input;
  }

  @Override
  public int numClasses() {
    return numClasses;
  }

  /** The number of scalar parameters. */
  public long parameterCount() {
    return ModelInit.countParameters(block);
  }

  /**
   * Runs the block.
   *
   * @param batch the input batch
   * @param training whether dropout and other training-only behaviour is on
   * @return the logits, attached to the batch's manager
   */
  public NDArray forward(NDArray batch, boolean training) {
    // A fresh store per call: DJL's ParameterStore caches each parameter's array, so one kept
    // across calls would go on serving the old arrays after parameters are loaded.
    ParameterStore store = new ParameterStore(batch.getManager(), false);
    return block.forward(store, new NDList(batch), training).singletonOrThrow();
  }

  /**
   * Computes logits in inference mode, {@value #INFERENCE_CHUNK} images per forward pass: a large
   * batch (the probes and {@code Predictor} use 1000) is split into chunks and the logits are
   * joined again. The per-chunk activations stay in the processor's caches; a batch of 1000 28x28
   * images through cnn2 makes 46 MB feature maps per layer, and libtorch's CPU kernels run about
   * 1.6 times slower on them (bench/README.md, "Profile"). Each image's logits are computed by the
   * same kernels either way; the result is deterministic for a given batch.
   */
  @Override
  public NDArray logits(NDArray batch) {
    return Classifier.requireFinite(chunkedLogits(batch), "the model", "");
  }

  private NDArray chunkedLogits(NDArray batch) {
    long n = batch.getShape().get(0);
    if (n <= INFERENCE_CHUNK) {
      return forward(batch, false);
    }
    NDManager m = batch.getManager();
    NDArray out = null;
    for (long from = 0; from < n; from += INFERENCE_CHUNK) {
      long to = Math.min(n, from + INFERENCE_CHUNK);
      try (NDManager step = m.newSubManager()) {
        NDArray chunk = batch.get(from + ":" + to);
        chunk.attach(step);
        NDArray logits = forward(chunk, false);
        NDArray joined = out == null ? logits : out.concat(logits, 0);
        joined.attach(m);
        if (out != null) {
          out.close();
        }
        out = joined;
      }
    }
    return out;
  }

  /**
   * Runs a sequential model layer by layer in inference mode and returns every layer's output;
   * other block types give the logits only.
   */
  @Override
  public List<LayerOutput> layers(NDArray batch) {
    if (!(block instanceof SequentialBlock seq)) {
      return Classifier.super.layers(batch);
    }
    ParameterStore store = new ParameterStore(batch.getManager(), false);
    List<LayerOutput> out = new ArrayList<>();
    NDList x = new NDList(batch);
    var children = seq.getChildren();
    for (int i = 0; i < children.size(); i++) {
      var child = children.get(i);
      x = child.getValue().forward(store, x, false);
      boolean last = i == children.size() - 1;
      out.add(new LayerOutput(last ? "logits" : child.getKey(), x.singletonOrThrow()));
    }
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }
}
