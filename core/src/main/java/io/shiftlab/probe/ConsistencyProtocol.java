package io.shiftlab.probe;

import io.shiftlab.Choices;
import io.shiftlab.shift.ShiftMode;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How the two views of an image are made for {@link ConsistencyProbe} (PROTOCOLS card 10). Every
 * view is an integer shift of the whole image by {@code (dx, dy)}, positive to the right and down,
 * filled as {@link #mode()} says; {@code M} is the probe's {@code max} parameter.
 */
public enum ConsistencyProtocol implements Choices.Id {
  /**
   * Zhang (ICML 2019, {@code validate_shift}), small-image analogue. Zhang crops two 224-pixel
   * windows at offsets {@code o1, o2 ~ U{0..31}^2} from a 256-pixel image. Here the image itself is
   * the crop size, so the image is zero-padded by {@code M} on every side to {@code (H + 2M) x (W +
   * 2M)} and two {@code H x W} windows are cut at {@code o1, o2 ~ U{0..2M}^2}. The window at {@code
   * o} shows {@code in(x + o_x - M, y + o_y - M)}, which is exactly the zero-fill shift by {@code
   * (M - o_x, M - o_y)}; that is how it is computed, so the views are shifts {@code s1, s2 ~
   * U{-M..M}^2}, drawn independently, zero fill. Unlike ImageNet crops, what enters a view is black
   * canvas, not more of the scene.
   */
  CROP(ShiftMode.ZERO),

  /**
   * APS (Chaman and Dokmanic, CVPR 2021): {@code s1, s2 ~ U{-M..M-1}^2}, drawn independently,
   * circular shifts (rolls); a network with circular padding, stride 1 and global pooling is
   * consistent by construction.
   */
  CIRCULAR(ShiftMode.CIRCULAR),

  /**
   * Toolkit zero-fill: the first view is the unshifted image, the second its zero-fill shift by
   * {@code s ~ U{-M..M}^2 \ {(0, 0)}} (drawn uniformly by rejection of {@code (0, 0)}).
   */
  ZERO(ShiftMode.ZERO);

  private final ShiftMode mode;

  ConsistencyProtocol(ShiftMode mode) {
    this.mode = mode;
  }

  /** What the shifts read outside the image. */
  public ShiftMode mode() {
    return mode;
  }

  /** The names of all protocols, in declaration order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(ConsistencyProtocol::id).toList();
  }

  /**
   * Looks a protocol up by its id.
   *
   * @param id a name from {@link #ids()}
   * @return the protocol
   */
  public static ConsistencyProtocol of(String id) {
    return Choices.withId(ConsistencyProtocol.class, id)
        .orElseThrow(
            () -> new IllegalArgumentException("unknown protocol " + id + "; choose " + ids()));
  }

  /**
   * Draws the offsets of one pair of views, consuming a fixed pattern of draws from {@code rng}
   * (per offset: dx, then dy).
   *
   * @param rng the probe's stream
   * @param m the largest shift {@code M}, at least 1
   * @return {@code {dx1, dy1, dx2, dy2}}
   */
  public int[] drawPair(SplittableRandom rng, int m) {
    if (m < 1) {
      throw new IllegalArgumentException("M must be at least 1, got " + m);
    }
    switch (this) {
      case CROP:
        {
          // window offsets o ~ U{0..2M}, converted to the equivalent shift M - o
          int ox1 = rng.nextInt(2 * m + 1);
          int oy1 = rng.nextInt(2 * m + 1);
          int ox2 = rng.nextInt(2 * m + 1);
          int oy2 = rng.nextInt(2 * m + 1);
          return new int[] {m - ox1, m - oy1, m - ox2, m - oy2};
        }
      case CIRCULAR:
        return new int[] {
          rng.nextInt(-m, m), rng.nextInt(-m, m), rng.nextInt(-m, m), rng.nextInt(-m, m)
        };
      case ZERO:
        {
          int dx;
          int dy;
          do {
            dx = rng.nextInt(-m, m + 1);
            dy = rng.nextInt(-m, m + 1);
          } while (dx == 0 && dy == 0);
          return new int[] {0, 0, dx, dy};
        }
      default:
        throw new AssertionError(this);
    }
  }

  @Override
  public String toString() {
    return id();
  }
}
