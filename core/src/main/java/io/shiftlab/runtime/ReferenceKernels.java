package io.shiftlab.runtime;

/**
 * The kernels the engine self-check tests, written again in plain Java over {@code double}s: an
 * independent reference that shares no code with libtorch.
 *
 * <p>Every result comes with the sum of the absolute values of the terms that made each element, so
 * the check can bound the rounding error of a float32 kernel without assuming its summation order.
 * Arrays are flat, row-major, {@code NCHW}.
 */
final class ReferenceKernels {
  private ReferenceKernels() {}

  /**
   * Values with, per element, the sum of the magnitudes of the terms added into it and their count.
   */
  record Values(double[] value, double[] magnitude, int[] terms) {
    static Values zeros(int n) {
      return new Values(new double[n], new double[n], new int[n]);
    }

    void add(int i, double term) {
      value[i] += term;
      magnitude[i] += Math.abs(term);
      terms[i]++;
    }
  }

  /** A convolution's output and the gradients of {@code sum(y * G)} with respect to x, w and b. */
  record ConvResult(Values y, Values gradInput, Values gradWeight, Values gradBias) {}

  /**
   * Convolution, forward and backward.
   *
   * @param x input {@code (n, c, h, w)}
   * @param dims {@code {n, c, h, w, o, k}}
   * @param weight {@code (o, c / groups, k, k)}
   * @param bias {@code (o)}, or null
   * @param g geometry
   * @param grad the upstream gradient {@code G}, shaped as the output
   * @return output and gradients
   */
  static ConvResult conv2d(
      double[] x, int[] dims, double[] weight, double[] bias, ConvGeometry g, double[] grad) {
    int n = dims[0];
    int c = dims[1];
    int h = dims[2];
    int wd = dims[3];
    int o = dims[4];
    int k = dims[5];
    int ho = (int) g.outputLength(h, k);
    int wo = (int) g.outputLength(wd, k);
    int cg = c / g.groups();
    int og = o / g.groups();
    Values y = Values.zeros(n * o * ho * wo);
    Values gx = Values.zeros(x.length);
    Values gw = Values.zeros(weight.length);
    Values gb = Values.zeros(o);
    for (int b = 0; b < n; b++) {
      for (int oc = 0; oc < o; oc++) {
        int group = oc / og;
        for (int oh = 0; oh < ho; oh++) {
          for (int ow = 0; ow < wo; ow++) {
            int yi = ((b * o + oc) * ho + oh) * wo + ow;
            double up = grad[yi];
            if (bias != null) {
              y.add(yi, bias[oc]);
              gb.add(oc, up);
            }
            for (int ci = 0; ci < cg; ci++) {
              int cc = group * cg + ci;
              for (int i = 0; i < k; i++) {
                int ih = oh * g.stride() - g.padding() + i * g.dilation();
                if (ih < 0 || ih >= h) {
                  continue;
                }
                for (int j = 0; j < k; j++) {
                  int iw = ow * g.stride() - g.padding() + j * g.dilation();
                  if (iw < 0 || iw >= wd) {
                    continue;
                  }
                  int xi = ((b * c + cc) * h + ih) * wd + iw;
                  int wi = ((oc * cg + ci) * k + i) * k + j;
                  y.add(yi, x[xi] * weight[wi]);
                  gx.add(xi, up * weight[wi]);
                  gw.add(wi, up * x[xi]);
                }
              }
            }
          }
        }
      }
    }
    return new ConvResult(y, gx, gw, gb);
  }

  /** A pooling's output and the gradient of {@code sum(y * G)} with respect to its input. */
  record PoolResult(Values y, Values gradInput) {}

  /**
   * Max pooling over {@code k x k} windows with stride s and padding p (padding never wins).
   *
   * @param x input {@code (n, c, h, w)}, all values distinct (no ties)
   * @param dims {@code {n, c, h, w}}
   * @param k window
   * @param s stride
   * @param p padding
   * @param grad upstream gradient shaped as the output
   * @return output and input gradient
   */
  static PoolResult maxPool2d(double[] x, int[] dims, int k, int s, int p, double[] grad) {
    return pool(x, dims, k, s, p, grad, true);
  }

  /**
   * Average pooling over {@code k x k} windows with stride s and no padding.
   *
   * @param x input {@code (n, c, h, w)}
   * @param dims {@code {n, c, h, w}}
   * @param k window
   * @param s stride
   * @param grad upstream gradient shaped as the output
   * @return output and input gradient
   */
  static PoolResult avgPool2d(double[] x, int[] dims, int k, int s, double[] grad) {
    return pool(x, dims, k, s, 0, grad, false);
  }

  private static PoolResult pool(
      double[] x, int[] dims, int k, int s, int p, double[] grad, boolean max) {
    int planes = dims[0] * dims[1];
    int h = dims[2];
    int w = dims[3];
    int ho = (h + 2 * p - k) / s + 1;
    int wo = (w + 2 * p - k) / s + 1;
    Values y = Values.zeros(planes * ho * wo);
    Values gx = Values.zeros(x.length);
    for (int pl = 0; pl < planes; pl++) {
      for (int oh = 0; oh < ho; oh++) {
        for (int ow = 0; ow < wo; ow++) {
          int yi = (pl * ho + oh) * wo + ow;
          int best = -1;
          for (int i = 0; i < k; i++) {
            int ih = oh * s - p + i;
            for (int j = 0; j < k; j++) {
              int iw = ow * s - p + j;
              if (ih < 0 || ih >= h || iw < 0 || iw >= w) {
                continue;
              }
              int xi = (pl * h + ih) * w + iw;
              if (max) {
                if (best < 0 || x[xi] > x[best]) {
                  best = xi;
                }
              } else {
                y.add(yi, x[xi] / (k * k));
                gx.add(xi, grad[yi] / (k * k));
              }
            }
          }
          if (max) {
            y.add(yi, x[best]);
            gx.add(best, grad[yi]);
          }
        }
      }
    }
    return new PoolResult(y, gx);
  }

  /**
   * A dense layer {@code y = x W^T + b}, forward and backward.
   *
   * @param x input {@code (n, in)}
   * @param n rows of x
   * @param weight {@code (out, in)}
   * @param bias {@code (out)}
   * @param grad upstream gradient {@code (n, out)}
   * @return output and gradients (no gradient for the bias is compared: it is the column sum)
   */
  static ConvResult linear(double[] x, int n, double[] weight, double[] bias, double[] grad) {
    int out = bias.length;
    int in = weight.length / out;
    Values y = Values.zeros(n * out);
    Values gx = Values.zeros(x.length);
    Values gw = Values.zeros(weight.length);
    Values gb = Values.zeros(out);
    for (int r = 0; r < n; r++) {
      for (int u = 0; u < out; u++) {
        int yi = r * out + u;
        y.add(yi, bias[u]);
        gb.add(u, grad[yi]);
        for (int i = 0; i < in; i++) {
          y.add(yi, x[r * in + i] * weight[u * in + i]);
          gx.add(r * in + i, grad[yi] * weight[u * in + i]);
          gw.add(u * in + i, grad[yi] * x[r * in + i]);
        }
      }
    }
    return new ConvResult(y, gx, gw, gb);
  }

  /**
   * Softmax along the last axis, computed stably (the row maximum subtracted first).
   *
   * @param x logits {@code (n, classes)}
   * @param classes the last axis
   * @return probabilities; magnitudes are the probabilities themselves
   */
  static Values softmax(double[] x, int classes) {
    Values p = Values.zeros(x.length);
    for (int r = 0; r < x.length / classes; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < classes; i++) {
        max = Math.max(max, x[r * classes + i]);
      }
      double sum = 0;
      for (int i = 0; i < classes; i++) {
        sum += Math.exp(x[r * classes + i] - max);
      }
      for (int i = 0; i < classes; i++) {
        p.add(r * classes + i, Math.exp(x[r * classes + i] - max) / sum);
      }
    }
    return p;
  }
}
