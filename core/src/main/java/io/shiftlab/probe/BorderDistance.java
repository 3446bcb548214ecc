package io.shiftlab.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pure functions behind {@link BorderDistanceProbe}: where an image frame is placed on a canvas,
 * how far that frame is from the canvas border, and accuracy pooled by that distance.
 *
 * <p>An {@code h x w} image placed with its top-left corner at {@code (top, left)} on an {@code H x
 * W} canvas lies at distance
 *
 * <pre>
 *   d = min(top, left, H &minus; h &minus; top, W &minus; w &minus; left)
 * </pre>
 *
 * from the border: 0 when the frame touches an edge, positive inside, negative when the frame
 * reaches {@code |d|} pixels past an edge (that much content is cut off). When the canvas is the
 * image's own size ({@code H = h}), a placement is a zero-fill shift by {@code (left, top)} and
 * {@code d = -max(|top|, |left|)}, minus the Chebyshev length of the shift.
 */
public final class BorderDistance {
  private BorderDistance() {}

  /**
   * The signed distance of a placed frame to the canvas border.
   *
   * @param top the frame's top row on the canvas, may be negative
   * @param left the frame's left column, may be negative
   * @param canvasHeight {@code H}
   * @param canvasWidth {@code W}
   * @param height the image's height {@code h}
   * @param width the image's width {@code w}
   * @return {@code min(top, left, H - h - top, W - w - left)}
   */
  public static int distance(
      int top, int left, int canvasHeight, int canvasWidth, int height, int width) {
    return Math.min(
        Math.min(top, left), Math.min(canvasHeight - height - top, canvasWidth - width - left));
  }

  /**
   * Positions along one axis from {@code lo} to {@code hi}: every {@code step} pixels counted from
   * the centre {@code floor((lo + hi) / 2)}, plus both ends, so the grid always holds the centred
   * placement and the extremes (the ends may be closer than {@code step} to their neighbours).
   *
   * @param lo the first position
   * @param hi the last position, at least {@code lo}
   * @param step the spacing, at least 1
   * @return the positions, ascending and distinct
   */
  public static int[] positions(int lo, int hi, int step) {
    if (hi < lo || step < 1) {
      throw new IllegalArgumentException(
          "need lo <= hi and step >= 1, got " + lo + ", " + hi + ", " + step);
    }
    int centre = Math.floorDiv(lo + hi, 2);
    TreeSet<Integer> set = new TreeSet<>();
    set.add(lo);
    set.add(hi);
    for (int p = centre; p >= lo; p -= step) {
      set.add(p);
    }
    for (int p = centre + step; p <= hi; p += step) {
      set.add(p);
    }
    return set.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Pools per-placement results by distance.
   *
   * @param distances the distance of each placement
   * @param correct the correct predictions at each placement
   * @param images the images evaluated at each placement
   * @return one bin per distinct distance, ascending
   */
  public static List<DistanceBin> byDistance(int[] distances, long[] correct, long[] images) {
    Metrics.requireSameLength(
        distances.length, "distances", correct.length, "correct", images.length, "images");
    TreeMap<Integer, long[]> acc = new TreeMap<>();
    for (int i = 0; i < distances.length; i++) {
      if (correct[i] < 0 || correct[i] > images[i]) {
        throw new IllegalArgumentException(
            "placement " + i + ": " + correct[i] + " correct of " + images[i] + " images");
      }
      long[] a = acc.computeIfAbsent(distances[i], d -> new long[3]);
      a[0]++;
      a[1] += images[i];
      a[2] += correct[i];
    }
    List<DistanceBin> out = new ArrayList<>();
    for (var e : acc.entrySet()) {
      long[] a = e.getValue();
      out.add(
          new DistanceBin(
              e.getKey(), (int) a[0], a[1], a[2], a[1] == 0 ? Double.NaN : (double) a[2] / a[1]));
    }
    return out;
  }
}
