package io.shiftlab.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Named, independent random streams derived from one master seed.
 *
 * <p>Every consumer of randomness (the training split, the validation split, each test set, the
 * augmentation, the initialisation, the batch order, the probes) draws from its own stream, so that
 * changing how much one of them draws never changes the others. A stream is identified by a name
 * such as {@code "train"}, {@code "test.shift"} or {@code "aug/epoch-3"}; the same seed and name
 * always give the same sequence, and distinct names give statistically independent sequences
 * (SplitMix64 finalizer over the seed and a 64-bit FNV-1a hash of the name, then {@link
 * SplittableRandom}).
 *
 * <p>Deriving streams by name rather than by calling {@link SplittableRandom#split()} in order
 * makes each stream reproducible on its own: a resumed run can rebuild the stream of epoch 7
 * without replaying epochs 0 to 6.
 */
public final class Streams {
  /** Stream for drawing the training split. */
  public static final String TRAIN = "train";

  /** Stream for drawing the validation split. */
  public static final String VAL = "val";

  /** Prefix of the streams of the test sets: {@code test.<set>}. */
  public static final String TEST = "test";

  /** Stream for training-time augmentation. */
  public static final String AUG = "aug";

  /** Stream for parameter initialisation and dropout. */
  public static final String INIT = "init";

  /** Stream for the order in which training examples are visited. */
  public static final String ORDER = "order";

  /** Stream for probes (offset pairs, random draws at evaluation time). */
  public static final String PROBE = "probe";

  private final long seed;

  /**
   * Creates the streams of one run.
   *
   * @param seed the master seed
   */
  public Streams(long seed) {
    this.seed = seed;
  }

  /** The master seed. */
  public long seed() {
    return seed;
  }

  /**
   * Returns a fresh generator for the named stream, always starting at the same state.
   *
   * @param name the stream name, e.g. {@code "test.shift"}
   * @return a new generator
   */
  public SplittableRandom stream(String name) {
    return new SplittableRandom(seedOf(name));
  }

  /**
   * Returns a fresh generator for the sub-stream {@code name/index}, e.g. one per epoch.
   *
   * @param name the stream name
   * @param index the sub-stream index, e.g. the epoch
   * @return a new generator
   */
  public SplittableRandom stream(String name, int index) {
    return stream(name + "/" + index);
  }

  /**
   * Returns a 64-bit seed for the named stream, for engines that take a seed rather than a
   * generator (e.g. libtorch's global generator).
   *
   * @param name the stream name
   * @return the derived seed
   */
  public long seedOf(String name) {
    return mix(mix(seed) ^ fnv1a(name));
  }

  /**
   * The training seed of run {@code run} of an arm whose data come from {@code master}: run 0
   * trains with the master seed itself (so a one-run experiment and run 0 of a many-run one give
   * the same model), run r &gt; 0 with a seed derived from the stream {@code run/r}. Runs of
   * different master seeds therefore never share a training seed by accident, as {@code master + r}
   * would.
   *
   * @param master the master seed
   * @param run the run index, 0 or more
   * @return the training seed
   */
  public static long runSeed(long master, int run) {
    if (run < 0) {
      throw new IllegalArgumentException("run must be >= 0, got " + run);
    }
    return run == 0 ? master : new Streams(master).seedOf("run/" + run);
  }

  /** The name of the stream of a test set: {@code test.<set>}. */
  public static String test(String set) {
    return TEST + "." + set;
  }

  private static long fnv1a(String name) {
    long h = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * A uniformly random permutation of {@code 0..n-1} (Fisher&ndash;Yates: for i from n &minus; 1
   * down to 1, swap entry i with entry {@code rng.nextInt(i + 1)}), drawn from {@code rng}.
   *
   * @param n the length
   * @param rng the stream
   * @return the permutation
   */
  public static int[] permutation(int n, SplittableRandom rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
