package io.shiftlab.shift;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * Shifts a batch of images by per-image offsets, with bilinear interpolation and a {@link
 * ShiftMode} for what lies outside.
 *
 * <p>For a batch {@code x} of shape {@code (N, C, H, W)} and offsets {@code (dx[b], dy[b])}, image
 * {@code b} becomes {@code out(x, y) = in(x - dx, y - dy)}: positive offsets move the content right
 * ({@code x}, the column) and down ({@code y}, the row). Fractional offsets interpolate bilinearly
 * between the four neighbouring source pixels, as OpenCV {@code warpAffine} with {@code
 * INTER_LINEAR} does (OpenCV quantises the weights to 1/32; this class does not); integer offsets
 * give an exact copy.
 *
 * <p>Bilinear interpolation is separable, so the shift is two matrix products, {@code out[b, c] =
 * Ay[b] . x[b, c] . Ax[b]^T}, with the {@code H x H} and {@code W x W} matrices of {@link
 * ShiftMatrix} built in Java ({@code O(N (H^2 + W^2))} work) and multiplied on the engine,
 * broadcast over the channels. Everything is tensor operations, so gradients flow through to {@code
 * x}; the matrices are constants.
 */
public final class BatchShifter {
  private final ShiftMode mode;

  /**
   * Creates a shifter.
   *
   * @param mode what is read outside the image
   */
  public BatchShifter(ShiftMode mode) {
    this.mode = Objects.requireNonNull(mode, "mode");
  }

  /** What is read outside the image. */
  public ShiftMode mode() {
    return mode;
  }

  /**
   * Shifts each image by its own offset; the matrices and the result live in the input's manager.
   *
   * @param x a float32 batch of shape {@code (N, C, H, W)}
   * @param dx column offsets, length {@code N}, positive to the right
   * @param dy row offsets, length {@code N}, positive downwards
   * @return the shifted batch, same shape
   */
  public NDArray apply(NDArray x, float[] dx, float[] dy) {
    return apply(x.getManager(), x, dx, dy);
  }

  /**
   * Shifts each image by its own offset; the matrices and the result live in the input's manager.
   *
   * @param x a float32 batch of shape {@code (N, C, H, W)}
   * @param offsets {@code N} offsets
   * @return the shifted batch, same shape
   */
  public NDArray apply(NDArray x, Offsets offsets) {
    return apply(x.getManager(), x, offsets.dx(), offsets.dy());
  }

  /**
   * Shifts each image by its own offset, creating the matrices in the given (typically per-batch)
   * manager, which also holds the result.
   *
   * @param manager where the interpolation matrices and the result are attached
   * @param x a float32 batch of shape {@code (N, C, H, W)}
   * @param dx column offsets, length {@code N}, positive to the right
   * @param dy row offsets, length {@code N}, positive downwards
   * @return the shifted batch, same shape
   */
  public NDArray apply(NDManager manager, NDArray x, float[] dx, float[] dy) {
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(dx, "dx");
    Objects.requireNonNull(dy, "dy");
    Shape s = checkBatch(x);
    int n = (int) s.get(0);
    if (dx.length != n || dy.length != n) {
      throw new IllegalArgumentException(
          "need one offset per image: batch has "
              + n
              + " images, dx has "
              + dx.length
              + ", dy has "
              + dy.length);
    }
    return multiply(manager, x, n, dx, dy);
  }

  /**
   * Shifts every image by the same offset (one step of a shift sweep); the matrices are built once
   * and broadcast over the batch. The matrices and the result live in the input's manager.
   *
   * @param x a float32 batch of shape {@code (N, C, H, W)}
   * @param dx column offset, positive to the right
   * @param dy row offset, positive downwards
   * @return the shifted batch, same shape
   */
  public NDArray applyAll(NDArray x, double dx, double dy) {
    Shape s = checkBatch(x);
    if (mode == ShiftMode.ZERO && dx == Math.rint(dx) && dy == Math.rint(dy)) {
      return integerZeroShift(x, s, (long) dx, (long) dy);
    }
    return multiply(x.getManager(), x, 1, new float[] {(float) dx}, new float[] {(float) dy});
  }

  /**
   * A whole-pixel shift with zero fill as a crop and a pad: the same numbers, bit for bit, as the
   * two products with 0/1 matrices (each output is 1 &middot; x plus exact zeros), without the
   * products. A sweep of 81 offsets calls this for every offset of every batch.
   */
  private static NDArray integerZeroShift(NDArray x, Shape s, long dx, long dy) {
    long h = s.get(2);
    long w = s.get(3);
    if (Math.abs(dx) >= w || Math.abs(dy) >= h) {
      return x.zerosLike();
    }
    // out(x, y) = in(x - dx, y - dy): keep the source rows and columns that stay inside, then pad
    // the vacated side with zeros (torch order: last axis first, left/right then top/bottom).
    NDArray kept =
        x.get(
            new NDIndex(
                ":, :, {}:{}, {}:{}",
                Math.max(0, -dy),
                h - Math.max(0, dy),
                Math.max(0, -dx),
                w - Math.max(0, dx)));
    return kept.pad(
        new Shape(Math.max(0, dx), Math.max(0, -dx), Math.max(0, dy), Math.max(0, -dy)), 0);
  }

  /**
   * Shifts each image by its own offset: {@code new BatchShifter(mode).apply(x, dx, dy)}.
   *
   * @param x a float32 batch of shape {@code (N, C, H, W)}
   * @param dx column offsets, length {@code N}
   * @param dy row offsets, length {@code N}
   * @param mode what is read outside the image
   * @return the shifted batch
   */
  public static NDArray shift(NDArray x, float[] dx, float[] dy, ShiftMode mode) {
    return new BatchShifter(mode).apply(x, dx, dy);
  }

  /**
   * Shifts every image by the same offset: {@code new BatchShifter(mode).applyAll(x, dx, dy)}.
   *
   * @param x a float32 batch of shape {@code (N, C, H, W)}
   * @param dx column offset
   * @param dy row offset
   * @param mode what is read outside the image
   * @return the shifted batch
   */
  public static NDArray shiftAll(NDArray x, double dx, double dy, ShiftMode mode) {
    return new BatchShifter(mode).applyAll(x, dx, dy);
  }

  /** {@code m} matrix pairs ({@code m} is N, or 1 to broadcast one offset over the batch). */
  private NDArray multiply(NDManager manager, NDArray x, int m, float[] dx, float[] dy) {
    Shape s = x.getShape();
    int h = (int) s.get(2);
    int w = (int) s.get(3);
    NDArray ay = manager.create(ShiftMatrix.stack(h, dy, mode, false), new Shape(m, 1, h, h));
    NDArray axT = manager.create(ShiftMatrix.stack(w, dx, mode, true), new Shape(m, 1, w, w));
    if (!ay.getDevice().equals(x.getDevice())) {
      ay = ay.toDevice(x.getDevice(), false);
      axT = axT.toDevice(x.getDevice(), false);
    }
    // (m,1,H,H) @ (N,C,H,W) @ (m,1,W,W): torch.matmul broadcasts the leading dimensions.
    return ay.matMul(x).matMul(axT);
  }

  private static Shape checkBatch(NDArray x) {
    Objects.requireNonNull(x, "x");
    Shape s = x.getShape();
    if (s.dimension() != 4) {
      throw new IllegalArgumentException("expected a batch of shape (N, C, H, W), got " + s);
    }
    if (x.getDataType() != DataType.FLOAT32) {
      throw new IllegalArgumentException("expected float32 images, got " + x.getDataType());
    }
    return s;
  }
}
