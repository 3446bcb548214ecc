package io.shiftlab.probe;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.shiftlab.data.synthetic.PositionTarget;
import io.shiftlab.nn.ReadoutSpec;
import io.shiftlab.probe.FeatureMaps.Features;
import io.shiftlab.train.ReadoutConfig;
import io.shiftlab.train.ReadoutTraining;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much absolute position a small read-out can regress from frozen features (PosENet; Islam, Jia
 * &amp; Bruce ICLR 2020; PROTOCOLS card 6): trains one {@link ReadoutSpec} to one {@link
 * PositionTarget} on training features, then scores it with {@link PositionMetrics} (SPC, MAE) on
 * each test set. Shared by the {@code position-readout} experiment and the {@code readout} probe.
 */
public final class PositionReadout {
  private PositionReadout() {}

  /**
   * The scores on one test set.
   *
   * @param set the test set's name
   * @param spc mean Spearman rho over images with a defined rho (NaN if none)
   * @param spcStdError its standard error over images (NaN if none)
   * @param undefined images whose prediction was constant (rho NaN)
   * @param images the set's size
   * @param mae mean absolute error
   * @param rhos per image, its Spearman rho (NaN where undefined), in the set's order; not written
   *     to JSON
   */
  public record Score(
      String set,
      double spc,
      double spcStdError,
      int undefined,
      int images,
      double mae,
      @JsonIgnore double[] rhos) {}

  /**
   * One trained read-out and its scores.
   *
   * @param features the features' source, e.g. {@code posenc-zero f1+f2+f3}
   * @param target the target
   * @param readout the read-out's label
   * @param epochLoss training MSE per epoch
   * @param scores one per test set, in the order given
   * @param examples the prediction for the first image of each test set, by set name
   */
  public record Fit(
      String features,
      PositionTarget target,
      String readout,
      double[] epochLoss,
      List<Score> scores,
      Map<String, float[]> examples) {

    /**
     * The score on a set.
     *
     * @param set the set's name
     * @return its score
     */
    public Score score(String set) {
      return scores.stream()
          .filter(s -> s.set().equals(set))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no test set " + set));
    }
  }

  /**
   * Trains and scores one read-out.
   *
   * @param train the training features
   * @param tests the test features by set name, in report order
   * @param target the map to regress
   * @param height target rows (the input images' height)
   * @param width target columns
   * @param spec the read-out
   * @param config how to train it
   * @return the fit
   */
  public static Fit fit(
      Features train,
      Map<String, Features> tests,
      PositionTarget target,
      int height,
      int width,
      ReadoutSpec spec,
      ReadoutConfig config) {
    float[] map = target.map(height, width);
    List<Score> scores = new ArrayList<>();
    Map<String, float[]> examples = new LinkedHashMap<>();
    try (ReadoutTraining.Trained t =
        ReadoutTraining.train(
            spec,
            config,
            train.data(),
            train.images(),
            train.channels(),
            train.side(),
            map,
            height,
            width)) {
      for (var e : tests.entrySet()) {
        Features f = e.getValue();
        float[][] pred = t.predict(f.data(), f.images(), f.channels(), f.side(), height, width);
        PositionMetrics.Spc spc = PositionMetrics.spc(pred, map);
        scores.add(
            new Score(
                e.getKey(),
                spc.mean(),
                spc.standardError(),
                spc.undefined(),
                spc.images(),
                PositionMetrics.mae(pred, map),
                rhos(pred, map)));
        examples.put(e.getKey(), pred.length > 0 ? pred[0] : null);
      }
      return new Fit(train.source(), target, spec.label(), t.epochLoss(), scores, examples);
    }
  }

  /** Each image's Spearman rho against the target, NaN where undefined. */
  private static double[] rhos(float[][] predictions, float[] target) {
    double[] out = new double[predictions.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = PositionMetrics.spearman(predictions[i], target);
    }
    return out;
  }
}
