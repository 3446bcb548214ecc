package io.shiftlab.runtime;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * Counts what DJL holds in native memory: live NDArrays and live managers under the engine's system
 * manager. A loop that leaks leaves one of these counts growing; a flat count epoch over epoch is
 * what the leak check and the memory curve look for.
 *
 * <p>DJL keeps each manager's children in the protected map {@code BaseNDManager.resources}; this
 * class reads it reflectively, walking the tree from the system manager. Counting is a snapshot,
 * meant for between epochs, not for inside a parallel section.
 */
public final class NativeResources {
  private static final Field RESOURCES = resourcesField();

  private NativeResources() {}

  /**
   * A snapshot of the counts.
   *
   * @param arrays live NDArrays attached to any manager
   * @param managers live managers, the system manager excluded
   * @param other other attached native resources (e.g. gradient collectors, models)
   */
  public record Counts(long arrays, long managers, long other) {
    /** All three added up. */
    public long total() {
      return arrays + managers + other;
    }
  }

  /** Walks the manager tree from the engine's system manager and counts what is alive. */
  public static Counts count() {
    long[] c = new long[3];
    // a base manager's parent is the system manager; the probe itself is one live manager
    try (NDManager probe = TorchRuntime.newManager()) {
      walk(probe.getParentManager(), c, 0);
    }
    return new Counts(c[0], Math.max(0, c[1] - 1), c[2]);
  }

  private static void walk(NDManager manager, long[] c, int depth) {
    if (depth > 10_000 || !(manager instanceof BaseNDManager base)) {
      return;
    }
    Map<?, ?> children;
    try {
      children = (Map<?, ?>) RESOURCES.get(base);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read DJL's resource map", e);
    }
    for (Object child : children.values()) {
      if (child instanceof NDManager m) {
        if (m.isOpen()) {
          c[1]++;
          walk(m, c, depth + 1);
        }
      } else if (child instanceof NDArray) {
        c[0]++;
      } else {
        c[2]++;
      }
    }
  }

  private static Field resourcesField() {
    try {
      Field f = BaseNDManager.class.getDeclaredField("resources");
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
