package io.shiftlab.runtime;

import java.util.List;

/**
 * What the engine self-check found on this host, and the convolution shiftlab runs as a result.
 * Written into the check's cache and into every manifest ({@code engine}).
 *
 * @param strategy the convolution strategy in force ({@link ConvStrategy#id()}), or null when no
 *     candidate passed (the engine is then refused)
 * @param nativeConvCorrect whether libtorch's own convolution passed; TorchScript models run it
 *     inside their graph, so they are refused when it did not
 * @param candidates each strategy tried, in order, with its outcome
 * @param host the processor, as {@code /proc/cpuinfo} names it
 * @param libtorch libtorch's version
 * @param threads intra-op threads the check ran with
 * @param device the device the check ran on
 * @param environment the environment variables that steer libtorch's kernels, as they were set
 * @param millis how long the check took, in milliseconds
 * @param checkedAt when the check ran (ISO-8601)
 * @param cached whether this verdict was read from the cache rather than measured in this process
 * @param graphEnvironment when libtorch's own convolution failed: environment assignments ({@code
 *     NAME=value}) under which it passed, checked in a child process, for TorchScript graphs; empty
 *     when it passed, or when nothing helped
 */
public record EngineVerdict(
    String strategy,
    boolean nativeConvCorrect,
    List<Candidate> candidates,
    String host,
    String libtorch,
    int threads,
    String device,
    List<String> environment,
    long millis,
    String checkedAt,
    boolean cached,
    List<String> graphEnvironment) {

  /**
   * One strategy tried.
   *
   * @param strategy its {@link ConvStrategy#id()}
   * @param passed whether every known-answer test passed
   * @param checks how many comparisons ran (each case, each tensor, each repeat)
   * @param failures the failed comparisons, one line each (at most {@link
   *     EngineCheck#MAX_FAILURES})
   * @param stepMillis the median time of one cnn2-sized training step with this strategy, measured
   *     only when more than one strategy had to be considered, else null
   */
  public record Candidate(
      String strategy, boolean passed, int checks, List<String> failures, Double stepMillis) {
    /** Copies the list. */
    public Candidate {
      failures = List.copyOf(failures == null ? List.of() : failures);
    }
  }

  /** Copies the lists. */
  public EngineVerdict {
    candidates = List.copyOf(candidates == null ? List.of() : candidates);
    environment = List.copyOf(environment == null ? List.of() : environment);
    graphEnvironment = List.copyOf(graphEnvironment == null ? List.of() : graphEnvironment);
  }

  /** Whether some strategy passed, so the engine may be used. */
  public boolean usable() {
    return strategy != null;
  }

  /** The same verdict, marked as read from the cache. */
  EngineVerdict fromCache() {
    return copy(true, graphEnvironment);
  }

  /** The same verdict with the environment that makes libtorch's own convolution right. */
  EngineVerdict withGraphEnvironment(List<String> assignments) {
    return copy(cached, assignments);
  }

  private EngineVerdict copy(boolean fromCache, List<String> graphEnv) {
    return new EngineVerdict(
        strategy,
        nativeConvCorrect,
        candidates,
        host,
        libtorch,
        threads,
        device,
        environment,
        millis,
        checkedAt,
        fromCache,
        graphEnv);
  }

  /** The first failure of libtorch's own kernels, for one-line messages. */
  public String firstFailure() {
    return candidates.stream()
        .flatMap(c -> c.failures().stream())
        .findFirst()
        .orElse("no failure recorded");
  }
}
