package io.shiftlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.shiftlab.NonFiniteException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Adam, SGD or Adadelta whose state (moments, momentum buffers, running averages, step counts) can
 * be saved and restored, so that a resumed run continues exactly where it stopped.
 *
 * <p>The updates are libtorch's fused kernels, reached through DJL's {@code NDArrayEx.adamUpdate}
 * and {@code sgdUpdate}; only the bookkeeping is ours. Adam's step is w &larr; w &minus; lr
 * &middot; &radic;(1&minus;&beta;<sub>2</sub><sup>t</sup>)/(1&minus;&beta;<sub>1</sub><sup>t</sup>)
 * &middot; m / (&radic;v + &epsilon;), the form Keras and DJL use.
 *
 * <p>Adadelta (Zeiler 2012, "ADADELTA: An Adaptive Learning Rate Method", arXiv:1212.5701, Alg. 1)
 * has no fused kernel in DJL and is written out with in-place tensor operations, following
 * PyTorch's {@code torch.optim.Adadelta} (single-tensor path) step for step: g &larr; g + wd
 * &middot; w; E[g&sup2;] &larr; &rho; E[g&sup2;] + (1&minus;&rho;) g&sup2;; &Delta; &larr;
 * &radic;(E[&Delta;&sup2;] + &epsilon;) / &radic;(E[g&sup2;] + &epsilon;) &middot; g;
 * E[&Delta;&sup2;] &larr; &rho; E[&Delta;&sup2;] + (1&minus;&rho;) &Delta;&sup2;; w &larr; w
 * &minus; lr &middot; &Delta;. Both averages start at 0, so the first step is about lr &middot;
 * &radic;&epsilon; / &radic;(1&minus;&rho;) &middot; sign(g). Zeiler's paper has no learning rate
 * (lr = 1, PyTorch's default) and no weight decay; PyTorch's weight decay is L2 added to the
 * gradient. State is keyed by the parameter's stable path in the block (not DJL's random parameter
 * id), so it survives a restart. Each gradient wrapper is closed right after its update, so nothing
 * accumulates on the model's manager.
 */
public final class StatefulOptimizer implements AutoCloseable {
  private static final int MAGIC = 0x53484f50; // "SHOP"
  private static final int VERSION = 1;

  private final OptimizerSettings settings;
  private final NDManager stateManager;
  private final TreeMap<String, NDArray[]> state = new TreeMap<>();
  private long step;
  // the trainable parameters of the block last stepped, listed once: DJL's getParameters walks the
  // block tree and builds every path string anew on each call (see JitDirectives)
  private Block listedBlock;
  private List<Pair<String, Parameter>> trainable = List.of();

  /**
   * Creates the optimiser.
   *
   * @param settings the hyper-parameters
   * @param parent the manager the state arrays are attached to (a sub-manager is created)
   */
  public StatefulOptimizer(OptimizerSettings settings, NDManager parent) {
    this.settings = settings;
    this.stateManager = parent.newSubManager();
  }

  /** The number of steps taken so far. */
  public long step() {
    return step;
  }

  /**
   * Applies one step to every trainable parameter of {@code block} from its accumulated gradient,
   * then clears the gradients. Which parameters are trainable is read at the first step with a
   * given block and kept: freeze or unfreeze parameters before training, not between steps.
   *
   * @param block the block whose gradients were just computed
   */
  public void step(Block block) {
    List<Pair<String, Parameter>> params = trainableParameters(block);
    requireFiniteGradients(params);
    step++;
    for (Pair<String, Parameter> p : params) {
      NDArray weight = p.getValue().getArray();
      try (NDArray grad = weight.getGradient()) {
        update(p.getKey(), weight, grad);
      }
    }
  }

  /**
   * Refuses a step whose gradients hold NaN or an infinity, before any parameter changes: {@code g
   * - g} is zero for every finite element and NaN otherwise, so the sum of those sums over all
   * parameters is finite exactly when every gradient is. One value is read back per step; only when
   * it is not finite are the parameters looked at one by one to name the first bad one.
   */
  private static void requireFiniteGradients(List<Pair<String, Parameter>> params) {
    if (params.isEmpty()) {
      return;
    }
    NDArray total = null;
    try {
      for (Pair<String, Parameter> p : params) {
        try (NDArray grad = p.getValue().getArray().getGradient();
            NDArray diff = grad.sub(grad)) {
          NDArray s = diff.sum();
          if (total == null) {
            total = s;
          } else {
            NDArray t = total.add(s);
            total.close();
            s.close();
            total = t;
          }
        }
      }
      if (Float.isFinite(total.getFloat())) {
        return;
      }
    } finally {
      if (total != null) {
        total.close();
      }
    }
    for (Pair<String, Parameter> p : params) {
      try (NDArray grad = p.getValue().getArray().getGradient();
          NDArray diff = grad.sub(grad);
          NDArray sum = diff.sum()) {
        if (!Float.isFinite(sum.getFloat())) {
          throw new NonFiniteException(
              "the gradient of parameter " + p.getKey() + " is NaN or infinite");
        }
      }
    }
    throw new NonFiniteException("a gradient is NaN or infinite");
  }

  private List<Pair<String, Parameter>> trainableParameters(Block block) {
    if (block != listedBlock) {
      List<Pair<String, Parameter>> list = new ArrayList<>();
      for (Pair<String, Parameter> p : block.getParameters()) {
        if (p.getValue().requiresGradient()) {
          list.add(p);
        }
      }
      trainable = List.copyOf(list);
      listedBlock = block;
    }
    return trainable;
  }

  private void update(String key, NDArray weight, NDArray grad) {
    switch (settings.kind()) {
      case ADAM -> {
        NDArray[] s = state.computeIfAbsent(key, k -> newState(weight, 2));
        double coef1 = 1.0 - Math.pow(settings.beta1(), step);
        double coef2 = 1.0 - Math.pow(settings.beta2(), step);
        float corrected = (float) (settings.learningRate() * Math.sqrt(coef2) / coef1);
        weight
            .getNDArrayInternal()
            .adamUpdate(
                new NDList(weight, grad, s[0], s[1]),
                new NDList(weight),
                settings.learningRate(),
                corrected,
                settings.weightDecay(),
                1f,
                -1f,
                settings.beta1(),
                settings.beta2(),
                settings.epsilon(),
                true,
                false);
      }
      case SGD -> {
        NDArray[] s =
            settings.momentum() > 0 ? state.computeIfAbsent(key, k -> newState(weight, 1)) : null;
        weight
            .getNDArrayInternal()
            .sgdUpdate(
                s == null ? new NDList(weight, grad) : new NDList(weight, grad, s[0]),
                new NDList(weight),
                settings.learningRate(),
                settings.weightDecay(),
                1f,
                -1f,
                settings.momentum(),
                true);
      }
      case ADADELTA -> adadelta(state.computeIfAbsent(key, k -> newState(weight, 2)), weight, grad);
      default -> throw new IllegalStateException("unhandled optimizer " + settings.kind());
    }
  }

  /**
   * One Adadelta step, then zeroes the gradient; {@code s} holds E[g&sup2;] and E[&Delta;&sup2;].
   */
  private void adadelta(NDArray[] s, NDArray weight, NDArray grad) {
    float rho = settings.beta2();
    float eps = settings.epsilon();
    try (NDManager tmp = stateManager.newSubManager()) {
      NDArray g = copy(grad, tmp);
      if (settings.weightDecay() > 0) {
        g.addi(copy(weight, tmp).muli(settings.weightDecay()));
      }
      s[0].muli(rho).addi(g.square().muli(1f - rho));
      NDArray std = copy(s[0], tmp).addi(eps).sqrt();
      NDArray delta = copy(s[1], tmp).addi(eps).sqrt().divi(std).muli(g);
      s[1].muli(rho).addi(delta.square().muli(1f - rho));
      weight.subi(delta.muli(settings.learningRate()));
    }
    // libtorch accumulates gradients; DJL's fused Adam and SGD kernels zero them after the
    // update, so Adadelta must too, or the next backward pass would add to this one.
    grad.muli(0f);
  }

  /** A copy of {@code a} owned by {@code m}, so that operations on it stay in {@code m}. */
  private static NDArray copy(NDArray a, NDManager m) {
    NDArray c = a.duplicate();
    c.attach(m);
    return c;
  }

  private NDArray[] newState(NDArray weight, int n) {
    NDArray[] s = new NDArray[n];
    for (int i = 0; i < n; i++) {
      s[i] = stateManager.zeros(weight.getShape(), weight.getDataType());
    }
    return s;
  }

  /**
   * Writes the state: kind, step count and every state array.
   *
   * @param out the stream
   * @throws IOException on write failure
   */
  public void save(DataOutputStream out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeUTF(settings.kind().name());
    out.writeLong(step);
    out.writeInt(state.size());
    for (var e : state.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeInt(e.getValue().length);
      for (NDArray a : e.getValue()) {
        byte[] bytes = a.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
      }
    }
  }

  /**
   * Replaces the state with one read from {@code in}.
   *
   * @param in the stream
   * @throws IOException if the stream is not an optimiser state of this kind
   */
  public void load(DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IOException("not a shiftlab optimizer state");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException("unsupported optimizer state version " + version);
    }
    String kind = in.readUTF();
    if (!kind.equals(settings.kind().name())) {
      throw new IOException(
          "optimizer state is for " + kind + ", this run uses " + settings.kind());
    }
    long steps = in.readLong();
    int n = in.readInt();
    if (n < 0 || n > 100_000) {
      throw new IOException("corrupt optimizer state (" + n + " entries)");
    }
    List<NDArray> created = new ArrayList<>();
    TreeMap<String, NDArray[]> loaded = new TreeMap<>();
    try {
      for (int i = 0; i < n; i++) {
        String key = in.readUTF();
        int m = in.readInt();
        if (m < 0 || m > 4) {
          throw new IOException("corrupt optimizer state entry " + key);
        }
        NDArray[] arrays = new NDArray[m];
        for (int j = 0; j < m; j++) {
          int len = in.readInt();
          if (len < 0 || len > 1 << 30) {
            throw new IOException("corrupt optimizer state entry " + key);
          }
          byte[] bytes = in.readNBytes(len);
          if (bytes.length != len) {
            throw new IOException("truncated optimizer state");
          }
          arrays[j] = NDArray.decode(stateManager, bytes);
          created.add(arrays[j]);
        }
        loaded.put(key, arrays);
      }
    } catch (IOException | RuntimeException e) {
      created.forEach(NDArray::close);
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
    state.values().forEach(arr -> java.util.Arrays.stream(arr).forEach(NDArray::close));
    state.clear();
    state.putAll(loaded);
    step = steps;
  }

  @Override
  public void close() {
    stateManager.close();
  }
}
