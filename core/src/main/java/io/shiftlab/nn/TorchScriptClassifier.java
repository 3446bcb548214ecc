package io.shiftlab.nn;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.shiftlab.UserInputException;
import io.shiftlab.runtime.TorchRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A classifier exported from PyTorch with {@code torch.jit.script} or {@code torch.jit.trace} and
 * {@code torch.jit.save}, run through DJL's PyTorch engine.
 *
 * <p>The module must take one float32 tensor (N, C, H, W) and return either the logits (N, K) or a
 * tuple or list of tensors whose last element is the logits; the earlier elements are exposed by
 * {@link #layers} as {@code map0}, {@code map1}, ... in order. Pixels in [0, 1] are transformed as
 * {@link TorchScriptSpec} describes before the module sees them.
 *
 * <p>{@link #load} refuses, with a one-line {@link UserInputException} naming the file, a missing
 * file, anything that is not a TorchScript archive (a {@code torch.save} state dict, a truncated
 * copy, a text file), a module that fails on zeros of the declared input shape, and one whose
 * output is not (1, K) logits with K equal to the declared number of classes.
 */
public final class TorchScriptClassifier implements Classifier {
  private static final Pattern ERROR_LINE =
      Pattern.compile("^\\s*([A-Za-z_.]*(Error|Exception)):\\s*(.+)$");
  private static final int MAX_REASON = 300;

  private final TorchScriptSpec spec;
  private final Model model;
  private final Block block;
  private final int numClasses;

  private TorchScriptClassifier(TorchScriptSpec spec, Model model, int numClasses) {
    this.spec = spec;
    this.model = model;
    this.block = model.getBlock();
    this.numClasses = numClasses;
  }

  /**
   * Loads and checks a module: one forward pass on zeros of the declared shape must return (1, K)
   * logits.
   *
   * @param spec the file, shape and transform
   * @return the classifier; close it to free the module
   * @throws UserInputException naming the file, if it cannot be used
   * @throws io.shiftlab.runtime.EngineCheckException when libtorch's own convolution, which the
   *     graph runs, failed the engine self-check on this host
   */
  public static TorchScriptClassifier load(TorchScriptSpec spec) {
    Path file = spec.file();
    String subject = file.toString();
    TorchScriptArchive.check(file);
    TorchRuntime.requireNativeConvolution(subject);
    String name = file.getFileName().toString().replaceFirst("\\.pt$", "");
    Model model = Model.newInstance(name, TorchRuntime.device().djl(), TorchRuntime.ENGINE);
    try {
      model.load(file);
      int k = probe(spec, model);
      return new TorchScriptClassifier(spec, model, k);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      if (e instanceof UserInputException u) {
        throw u;
      }
      throw new UserInputException(
          subject, "libtorch cannot load this TorchScript module: " + engineReason(e), e);
    }
  }

  /** Runs zeros of the declared shape once and returns the number of logits. */
  private static int probe(TorchScriptSpec spec, Model model) {
    String subject = spec.file().toString();
    InputShape in = spec.input();
    try (NDManager m = model.getNDManager().newSubManager()) {
      NDList out;
      try {
        out = run(model.getBlock(), m.zeros(in.batch(1)));
      } catch (RuntimeException e) {
        throw new UserInputException(
            subject, "does not accept input " + in + ": " + engineReason(e), e);
      }
      if (out.isEmpty()) {
        throw new UserInputException(subject, "returns no tensors, expected (1, N) logits");
      }
      Shape s = out.get(out.size() - 1).getShape();
      Integer want = spec.classes();
      boolean logitsShape = s.dimension() == 2 && s.get(0) == 1 && s.get(1) >= 1;
      if (!logitsShape || (want != null && s.get(1) != want)) {
        throw new UserInputException(
            subject,
            "returns shape "
                + s
                + ", expected "
                + (want != null ? "(1, " + want + ")" : "(1, N)")
                + " logits"
                + (out.size() > 1 ? " as its last output" : "")
                + (want != null && logitsShape ? " (classes " + want + ")" : ""));
      }
      return Math.toIntExact(s.get(1));
    }
  }

  private static NDList run(Block block, NDArray input) {
    return block.forward(new ParameterStore(input.getManager(), false), new NDList(input), false);
  }

  /** The settings this classifier was loaded with. */
  public TorchScriptSpec spec() {
    return spec;
  }

  @Override
  public InputShape inputShape() {
    return spec.input();
  }

  @Override
  public int numClasses() {
    return numClasses;
  }

  @Override
  public NDArray logits(NDArray batch) {
    NDList out = forward(batch);
    for (int i = 0; i < out.size() - 1; i++) {
      out.get(i).close(); // feature maps nobody asked for
    }
    return Classifier.requireFinite(
        asLogits(out.get(out.size() - 1)),
        spec.file().toString(),
        "check the input transform (scale, mean, std) against the one the model was trained"
            + " with");
  }

  /**
   * The module's outputs: {@code map0}, {@code map1}, ... for every tensor before the last, then
   * {@code logits}; a module returning one tensor gives the logits only.
   */
  @Override
  public List<LayerOutput> layers(NDArray batch) {
    NDList out = forward(batch);
    List<LayerOutput> layers = new ArrayList<>(out.size());
    for (int i = 0; i < out.size() - 1; i++) {
      layers.add(new LayerOutput("map" + i, out.get(i)));
    }
    layers.add(new LayerOutput("logits", asLogits(out.get(out.size() - 1))));
    return layers;
  }

  private NDList forward(NDArray batch) {
    NDArray x = spec.transform(batch);
    NDList out = run(block, x);
    if (x != batch) {
      x.close();
    }
    if (out.isEmpty()) {
      throw new IllegalStateException(spec.file() + " returned no tensors");
    }
    return out;
  }

  private NDArray asLogits(NDArray y) {
    Shape s = y.getShape();
    if (s.dimension() != 2 || s.get(1) != numClasses) {
      throw new IllegalStateException(
          spec.file() + " returned logits of shape " + s + ", expected (N, " + numClasses + ")");
    }
    return y.getDataType() == DataType.FLOAT32 ? y : y.toType(DataType.FLOAT32, false);
  }

  @Override
  public void close() {
    model.close();
  }

  /**
   * The useful line of an engine error: libtorch prefixes the actual error with the TorchScript
   * traceback, so the last {@code SomethingError: reason} line wins; otherwise the first non-blank
   * line.
   */
  static String engineReason(Throwable e) {
    String msg = e.getMessage();
    if (msg == null || msg.isBlank()) {
      return e.getClass().getSimpleName();
    }
    String first = null;
    String error = null;
    for (String line : msg.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      if (first == null) {
        first = line.strip();
      }
      var m = ERROR_LINE.matcher(line);
      if (m.matches()) {
        error = m.group(3).strip();
      }
    }
    String reason = error != null ? error : first;
    return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason;
  }
}
