package io.shiftlab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.shiftlab.runtime.TorchRuntime;

/**
 * The machine's practical matrix-multiply peak as this engine reaches it: repeated float32 products
 * of two n x n matrices, {@code 2 n^3} operations each, with the benchmark's thread count. The
 * workloads' GFLOP/s are reported as a fraction of this figure.
 */
public final class MatmulPeak {
  private MatmulPeak() {}

  /**
   * Measures the peak.
   *
   * @param n the matrix side
   * @param reps products per measurement
   * @param repeats measurements (after one warm-up)
   * @return GFLOP/s of each measurement, per wall-clock second and per CPU second
   */
  public static Samples[] measure(int n, int reps, int repeats) {
    double[] gflops = new double[repeats];
    double[] cpuGflops = new double[repeats];
    try (NDManager m = TorchRuntime.newManager()) {
      NDArray a = m.randomUniform(-1, 1, new Shape(n, n), DataType.FLOAT32);
      NDArray b = m.randomUniform(-1, 1, new Shape(n, n), DataType.FLOAT32);
      for (int r = -1; r < repeats; r++) {
        long t0 = System.nanoTime();
        double c0 = CpuClock.seconds();
        for (int k = 0; k < reps; k++) {
          try (NDArray c = a.matMul(b)) {
            c.getShape();
          }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        if (r >= 0) {
          gflops[r] = 2.0 * n * n * (double) n * reps / secs / 1e9;
          cpuGflops[r] = 2.0 * n * n * (double) n * reps / (CpuClock.seconds() - c0) / 1e9;
        }
      }
    }
    return new Samples[] {Samples.of(gflops), Samples.of(cpuGflops)};
  }
}
