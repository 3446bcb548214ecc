package io.shiftlab.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured workload: its rate over the repeats and, where the model's structure allows, the
 * floating-point work per image, from which the achieved GFLOP/s follow.
 *
 * @param workload the workload's key, e.g. {@code train_cnn2}
 * @param unit the rate's unit, e.g. {@code images/s}
 * @param rate the rate over the repeats (after warm-up), per wall-clock second
 * @param cpuRate the same rate per CPU second of the process (all threads)
 * @param flopsPerImage FLOPs spent per image counted by the rate, or NaN when unknown
 * @param images images per measurement
 * @param batch the batch size
 */
public record Figure(
    String workload,
    String unit,
    Samples rate,
    Samples cpuRate,
    double flopsPerImage,
    int images,
    int batch) {

  /** Achieved GFLOP/s at the median rate, or NaN. */
  public double gflops() {
    return rate.median() * flopsPerImage / 1e9;
  }

  /** The figure as a JSON-ready map. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("unit", unit);
    m.put("median", rate.median());
    m.put("min", rate.min());
    m.put("max", rate.max());
    m.put("samples", rate.values());
    m.put("cpu_median", cpuRate.median());
    m.put("cpu_samples", cpuRate.values());
    m.put("images", images);
    m.put("batch", batch);
    if (!Double.isNaN(flopsPerImage)) {
      m.put("flops_per_image", flopsPerImage);
      m.put("gflops", gflops());
    }
    return m;
  }
}
