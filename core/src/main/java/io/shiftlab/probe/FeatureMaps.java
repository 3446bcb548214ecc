package io.shiftlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.shiftlab.Setting;
import io.shiftlab.UserInputException;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.BilinearResize;
import io.shiftlab.nn.Classifier;
import io.shiftlab.nn.LayerOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * Frozen feature maps of a classifier, as plain arrays, for the position read-out (PROTOCOLS card
 * 6): the chosen levels are resized bilinearly (aligned corners) to a common {@code S x S} and
 * concatenated along the channels, as PosENet does.
 *
 * <p>The levels of a model are its spatial maps, numbered f1, f2, ... in forward order: for a
 * TorchScript module, every tensor it returns before the logits ({@code map0}, {@code map1}, ...);
 * for a shiftlab sequential model, the 4-D output of every activation layer (the stage outputs,
 * e.g. the three ReLUs of {@code posenc-zero}). The raw image is a source of its own ({@link
 * #raw}), the PosENet baseline.
 *
 * <p>The model runs in inference mode outside any gradient recording and the maps are copied out to
 * Java arrays, so the read-out trained on them can never send a gradient back into the encoder.
 */
public final class FeatureMaps {
  private FeatureMaps() {}

  /**
   * Features of a set of images: {@code data[((i * channels + c) * side + y) * side + x]}.
   *
   * @param source what produced them, e.g. {@code posenc-zero f1+f2+f3} or {@code raw image}
   * @param data the values
   * @param images N
   * @param channels C, summed over levels
   * @param side S
   * @param levels one entry per level, in channel order
   */
  public record Features(
      String source, float[] data, int images, int channels, int side, List<Level> levels) {
    /** Validates the size. */
    public Features {
      levels = List.copyOf(levels);
      if ((long) images * channels * side * side != data.length) {
        throw new IllegalArgumentException("features have " + data.length + " values");
      }
    }

    /** The values of images {@code [from, to)}. */
    public float[] slice(int from, int to) {
      int per = channels * side * side;
      float[] out = new float[(to - from) * per];
      System.arraycopy(data, from * per, out, 0, out.length);
      return out;
    }

    /**
     * The features of some levels only, in the order given.
     *
     * @param indices 0-based indices into {@link #levels}
     * @return the selection
     */
    public Features select(List<Integer> indices) {
      List<Level> chosen = new ArrayList<>();
      int c = 0;
      for (int i : indices) {
        Level l = levels.get(i);
        chosen.add(new Level(l.name(), l.channels(), l.height(), l.width(), c));
        c += l.channels();
      }
      int plane = side * side;
      float[] out = new float[images * c * plane];
      for (int n = 0; n < images; n++) {
        int dst = n * c * plane;
        for (int i : indices) {
          Level l = levels.get(i);
          System.arraycopy(
              data, (n * channels + l.firstChannel()) * plane, out, dst, l.channels() * plane);
          dst += l.channels() * plane;
        }
      }
      String names = String.join("+", chosen.stream().map(Level::name).toList());
      return new Features(
          source.replaceFirst(" [^ ]*$", "") + " " + names, out, images, c, side, chosen);
    }
  }

  /**
   * One level as the model produced it.
   *
   * @param name {@code f1}, {@code f2}, ... (or {@code image})
   * @param channels its channels
   * @param height its rows before resizing
   * @param width its columns before resizing
   * @param firstChannel where its channels start in the concatenation
   */
  public record Level(String name, int channels, int height, int width, int firstChannel) {}

  /**
   * The spatial levels among a model's layer outputs (see the class comment).
   *
   * @param layers the outputs of {@link Classifier#layers}
   * @return the levels' outputs, in order
   */
  public static List<LayerOutput> spatial(List<LayerOutput> layers) {
    List<LayerOutput> out = new ArrayList<>();
    for (LayerOutput l : layers) {
      boolean map = l.value().getShape().dimension() == 4;
      boolean tsMap = l.name().startsWith("map");
      boolean activation = l.name().endsWith("LambdaBlock");
      if (map && (tsMap || activation)) {
        out.add(l);
      }
    }
    return out;
  }

  /**
   * Runs the model over a set and keeps the chosen levels.
   *
   * @param model the frozen encoder
   * @param modelName its name, for {@link Features#source}
   * @param set the images
   * @param levels 1-based level numbers; empty for all
   * @param side S, the common size
   * @param parent a manager; one sub-manager per batch is opened and closed
   * @return the features
   * @throws UserInputException ({@code --param readout.levels}) if the model has no spatial map or
   *     a level does not exist
   */
  public static Features extract(
      Classifier model,
      String modelName,
      ImageSet set,
      List<Integer> levels,
      int side,
      NDManager parent) {
    List<Level> shape = null;
    float[] data = null;
    int channels = 0;
    int plane = side * side;
    for (int from = 0; from < set.size(); from += ProbeRuns.BATCH) {
      int to = Math.min(set.size(), from + ProbeRuns.BATCH);
      try (NDManager bm = parent.newSubManager()) {
        NDArray x = Batches.images(set, null, from, to, bm);
        List<LayerOutput> maps = spatial(model.layers(x));
        List<Integer> chosen = choose(maps.size(), levels, modelName);
        if (shape == null) {
          shape = new ArrayList<>();
          for (int i : chosen) {
            var s = maps.get(i).value().getShape();
            shape.add(
                new Level("f" + (i + 1), (int) s.get(1), (int) s.get(2), (int) s.get(3), channels));
            channels += (int) s.get(1);
          }
          data = new float[set.size() * channels * plane];
        }
        NDList resized = new NDList();
        for (int i : chosen) {
          resized.add(BilinearResize.apply(maps.get(i).value(), side, side, bm));
        }
        NDArray cat = resized.size() == 1 ? resized.get(0) : NDArrays.concat(resized, 1);
        float[] v = cat.toFloatArray();
        System.arraycopy(v, 0, data, from * channels * plane, v.length);
      }
    }
    String names = String.join("+", shape.stream().map(Level::name).toList());
    return new Features(modelName + " " + names, data, set.size(), channels, side, shape);
  }

  /**
   * The raw image as the only level, resized to {@code S x S}: the PosENet baseline.
   *
   * @param set the images
   * @param side S
   * @param parent a manager for the per-batch sub-managers
   * @return the features, level {@code image}
   */
  public static Features raw(ImageSet set, int side, NDManager parent) {
    int c = set.channels();
    float[] data = new float[set.size() * c * side * side];
    for (int from = 0; from < set.size(); from += ProbeRuns.BATCH) {
      int to = Math.min(set.size(), from + ProbeRuns.BATCH);
      try (NDManager bm = parent.newSubManager()) {
        NDArray x = Batches.images(set, null, from, to, bm);
        float[] v = BilinearResize.apply(x, side, side, bm).toFloatArray();
        System.arraycopy(v, 0, data, from * c * side * side, v.length);
      }
    }
    return new Features(
        "raw image",
        data,
        set.size(),
        c,
        side,
        List.of(new Level("image", c, set.height(), set.width(), 0)));
  }

  private static List<Integer> choose(int available, List<Integer> levels, String modelName) {
    String option = Setting.PARAM.subject("readout.levels");
    if (available == 0) {
      throw new UserInputException(
          option,
          modelName
              + " exposes no spatial feature map (a TorchScript module must return its maps before"
              + " the logits)");
    }
    if (levels.isEmpty()) {
      return java.util.stream.IntStream.range(0, available).boxed().toList();
    }
    List<Integer> out = new ArrayList<>();
    for (int l : levels) {
      if (l < 1 || l > available) {
        throw new UserInputException(
            option, "level f" + l + " does not exist; " + modelName + " has f1..f" + available);
      }
      out.add(l - 1);
    }
    return out;
  }
}
