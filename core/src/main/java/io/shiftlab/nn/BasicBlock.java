package io.shiftlab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.Objects;

/**
 * The residual BasicBlock of ResNet-18/34 (He et al., "Deep Residual Learning for Image
 * Recognition", CVPR 2016): y = ReLU(F(x) + S(x)) with the main path F = Conv3x3 &rarr; BN &rarr;
 * ReLU &rarr; [downsampling] &rarr; Conv3x3 &rarr; BN and the skip path S the identity, or, when
 * the block downsamples or changes the channel count, [downsampling] &rarr; Conv1x1 &rarr; BN.
 *
 * <p>Downsampling follows a {@link Downsample} (PROTOCOLS card 11): {@code strided} is the usual
 * first convolution at stride 2 with a 1x1 stride-2 skip; the others run the first convolution at
 * stride 1 and put {@link Downsample#reduce()} after its ReLU and {@link Downsample#shortcut()}
 * before the skip's 1x1 convolution at stride 1 (Zhang 2019: "Conv(s2)+ReLU &rarr; Conv(s1)+BN+ReLU
 * + Blur(s2); shortcut &rarr; Blur + 1x1 s1"). For the polyphase variants the component index is
 * chosen on the main path and the skip path keeps the same component (card 11, Chaman &amp;
 * Dokmani&cacute; 2021), so both paths move together under a circular shift.
 *
 * <p>Padding follows a {@link PaddingMode}. With {@link PaddingMode#FULL} the main path grows, so
 * the skip path is zero-padded to match (card 11, Kayhan &amp; van Gemert 2020): 2 per side for a
 * stride-1 block, 3 per side before the downsampling of a downsampling block (both give
 * &lfloor;(H+1)/2&rfloor; + 3 for {@code strided}), and (k<sub>eff,1</sub> + k<sub>eff,2</sub>
 * &minus; 2)/2 for dilated convolutions. {@link #getOutputShapes} rejects a configuration whose two
 * paths disagree in shape.
 *
 * <p>Convolutions have no bias (batch norm follows each). Parameters: 9 C<sub>in</sub>C + 9 C
 * <sup>2</sup> + 2 &middot; 4C (two batch norms: gamma, beta, running mean and variance), plus
 * C<sub>in</sub>C + 4C for a 1x1 projection.
 */
public final class BasicBlock extends AbstractBlock {
  private static final byte VERSION = 1;

  private final SequentialBlock head;
  private final PolyphaseSelect select;
  private final SequentialBlock tail;
  private final SequentialBlock skip;
  private final SequentialBlock projection;
  private final String description;

  /**
   * Creates the block.
   *
   * @param padding how the convolutions pad
   * @param filters output channels C
   * @param downsample whether the block halves the resolution
   * @param down how it does (ignored when {@code downsample} is false)
   * @param dilation dilation of both 3x3 convolutions
   * @param project whether the skip path has a 1x1 convolution (needed when downsampling or when
   *     the channel count changes)
   */
  public BasicBlock(
      PaddingMode padding,
      int filters,
      boolean downsample,
      Downsample down,
      int dilation,
      boolean project) {
    super(VERSION);
    Objects.requireNonNull(padding, "padding");
    Objects.requireNonNull(down, "down");
    boolean halves = downsample && down.halves();
    int convStride = halves ? down.convStride() : 1;
    head = new SequentialBlock();
    head.add(new PaddedConv2d(padding, filters, 3, convStride, dilation, false));
    head.add(BatchNorm.builder().build());
    head.add(Activation.reluBlock());
    PolyphaseSelect chosen = null;
    if (halves) {
      for (Block b : down.reduce()) {
        if (b instanceof PolyphaseSelect p) {
          chosen = p;
        } else {
          head.add(b);
        }
      }
    }
    select = chosen;
    tail = new SequentialBlock();
    tail.add(new PaddedConv2d(padding, filters, 3, 1, dilation, false));
    tail.add(BatchNorm.builder().build());
    SequentialBlock skipPath = new SequentialBlock();
    int grow = padding == PaddingMode.FULL ? (halves ? 3 : 2 * dilation) : 0;
    if (grow > 0) {
      skipPath.add(Pad2d.of(PaddingMode.ZERO, grow));
    }
    if (halves) {
      for (Block b : down.shortcut()) {
        if (!(b instanceof PolyphaseSelect)) {
          skipPath.add(b);
        }
      }
    }
    skip = skipPath.getChildren().isEmpty() ? null : skipPath;
    if (project || halves) {
      projection = new SequentialBlock();
      projection.add(new PaddedConv2d(PaddingMode.ZERO, filters, 1, convStride, 1, false));
      projection.add(BatchNorm.builder().build());
    } else {
      projection = null;
    }
    addChildBlock("head", head);
    if (select != null) {
      addChildBlock("select", (Block) select);
    }
    addChildBlock("tail", tail);
    if (skip != null) {
      addChildBlock("skip", skip);
    }
    if (projection != null) {
      addChildBlock("projection", projection);
    }
    description =
        "BasicBlock("
            + padding
            + ", filters="
            + filters
            + (halves ? ", down=" + down : "")
            + (dilation > 1 ? ", d=" + dilation : "")
            + (project || halves ? ", projection" : "")
            + ")";
  }

  /**
   * The layers of the main path in order, for receptive-field geometry: a merge takes the larger
   * receptive field (PROTOCOLS card 12), and the main path (two 3x3 convolutions around the
   * downsampling) always sees more than the skip path (the same downsampling and a 1x1
   * convolution).
   *
   * @return (name, layer) pairs
   */
  public PairList<String, Block> mainPath() {
    PairList<String, Block> out = new PairList<>();
    head.getChildren().forEach(p -> out.add("head/" + p.getKey(), p.getValue()));
    if (select != null) {
      out.add("select", (Block) select);
    }
    tail.getChildren().forEach(p -> out.add("tail/" + p.getKey(), p.getValue()));
    return out;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray h = head.forward(parameterStore, inputs, training, params).singletonOrThrow();
    NDArray s = run(skip, inputs.singletonOrThrow(), parameterStore, training, params);
    if (select != null) {
      NDArray index = select.selection(h);
      h = select.select(h, index);
      s = select.select(s, index);
    }
    h = tail.forward(parameterStore, new NDList(h), training, params).singletonOrThrow();
    s = run(projection, s, parameterStore, training, params);
    return new NDList(Activation.relu(h.add(s)));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    head.initialize(manager, dataType, inputShapes);
    Shape[] afterHead = head.getOutputShapes(inputShapes);
    Shape[] afterSelect = selected(afterHead);
    tail.initialize(manager, dataType, afterSelect);
    if (select != null) {
      ((Block) select).initialize(manager, dataType, afterHead);
    }
    if (skip != null) {
      skip.initialize(manager, dataType, inputShapes);
    }
    if (projection != null) {
      projection.initialize(manager, dataType, selected(shapes(skip, inputShapes)));
    }
  }

  /** Runs an optional path; an absent one is the identity. */
  private static NDArray run(
      SequentialBlock path,
      NDArray x,
      ParameterStore store,
      boolean training,
      PairList<String, Object> params) {
    return path == null
        ? x
        : path.forward(store, new NDList(x), training, params).singletonOrThrow();
  }

  private static Shape[] shapes(SequentialBlock path, Shape[] in) {
    return path == null ? in : path.getOutputShapes(in);
  }

  private Shape[] selected(Shape[] in) {
    return select == null ? in : ((Block) select).getOutputShapes(in);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape main = tail.getOutputShapes(selected(head.getOutputShapes(inputShapes)))[0];
    Shape side = shapes(projection, selected(shapes(skip, inputShapes)))[0];
    if (!main.equals(side)) {
      throw new IllegalArgumentException(
          description
              + ": main path gives "
              + main
              + " but the skip path "
              + side
              + " for input "
              + Arrays.toString(inputShapes));
    }
    return new Shape[] {main};
  }

  @Override
  public String toString() {
    return description;
  }
}
