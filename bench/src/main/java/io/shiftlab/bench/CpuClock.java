package io.shiftlab.bench;

import java.lang.management.ManagementFactory;

/**
 * The process's CPU time (all threads, user + system), beside wall time. On a shared machine wall
 * time stretches with the load; CPU time much less, so every figure is reported both ways.
 */
public final class CpuClock {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private CpuClock() {}

  /** CPU seconds used by this process so far. */
  public static double seconds() {
    return OS.getProcessCpuTime() / 1e9;
  }
}
