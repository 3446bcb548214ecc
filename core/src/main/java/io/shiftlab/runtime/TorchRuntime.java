package io.shiftlab.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.shiftlab.Setting;
import io.shiftlab.UserInputException;
import java.nio.file.Path;
import java.util.List;

/**
 * Configures DJL's PyTorch engine before its first use and reports the versions in play.
 *
 * <p>libtorch reads its thread counts once, when the engine starts, so {@link #configure} must run
 * before anything touches an {@code NDManager}. Intra-op threads default to the number of cores;
 * inter-op threads are 1, since shiftlab runs one graph at a time and a second pool only competes
 * for the same cores. The same thread count is part of the bit-for-bit reproducibility promise:
 * reductions may be split differently with a different count.
 */
public final class TorchRuntime {
  /** The engine name shiftlab runs on. */
  public static final String ENGINE = "PyTorch";

  /**
   * Environment variable that forces a convolution strategy ({@link ConvStrategy#id()}) instead of
   * the one the self-check would choose; the forced one must still pass the check.
   */
  public static final String CONV_OVERRIDE = "SHIFTLAB_CONV";

  private static volatile int configuredThreads = -1;
  private static volatile ComputeDevice device = ComputeDevice.CPU;
  private static volatile EngineVerdict verdict;
  private static volatile Conv2dKernel conv;
  private static volatile EngineVerdict lastVerdict;

  private TorchRuntime() {}

  /**
   * Sets offline mode, the native cache directory and the thread counts, keeping the device in
   * force (the CPU unless chosen otherwise). Must be called before the engine starts; later calls
   * only verify that the settings did not change.
   *
   * @param threads intra-op threads, or 0 for the number of available cores
   * @param cacheDir where DJL extracts libtorch, or null to keep DJL's default
   * @return the thread count in force
   */
  public static int configure(int threads, Path cacheDir) {
    return configure(threads, cacheDir, device);
  }

  /**
   * Sets offline mode, the native cache directory, the thread counts and the device. Must be called
   * before the engine starts; later calls only verify that the settings did not change.
   *
   * @param threads intra-op threads, or 0 for the number of available cores
   * @param cacheDir where DJL extracts libtorch, or null to keep DJL's default
   * @param device where models, batches and kernels run
   * @return the thread count in force
   * @throws UserInputException ({@code device}) when a GPU is asked for and the engine sees none
   */
  public static synchronized int configure(int threads, Path cacheDir, ComputeDevice device) {
    int n = configureThreads(threads, cacheDir);
    if (device == ComputeDevice.GPU && engine().getGpuCount() == 0) {
      throw new UserInputException(
          Setting.DEVICE.id(),
          "gpu: the PyTorch engine sees no CUDA GPU (this build carries libtorch's CPU library;"
              + " build with -Pcuda on a machine with CUDA 12.4, see the README's GPU section)");
    }
    if (TorchRuntime.device != device && TorchRuntime.device != ComputeDevice.CPU) {
      throw new IllegalStateException(
          "the engine already runs on "
              + TorchRuntime.device.id()
              + "; cannot switch to "
              + device.id());
    }
    TorchRuntime.device = device;
    return n;
  }

  private static int configureThreads(int threads, Path cacheDir) {
    int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    if (configuredThreads > 0) {
      if (configuredThreads != n) {
        throw new IllegalStateException(
            "the engine already runs with "
                + configuredThreads
                + " threads; cannot switch to "
                + n);
      }
      return n;
    }
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    // The graph executor optimiser only matters for TorchScript inference and adds warm-up noise.
    System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
    if (cacheDir != null) {
      System.setProperty("DJL_CACHE_DIR", cacheDir.toString());
      System.setProperty("ENGINE_CACHE_DIR", cacheDir.toString());
    }
    JitDirectives.install();
    // PyTorch reads these properties once, when the engine starts. Anything that built a model
    // before this call (a registry, a static list of arms, a completion list) may have started
    // it with DJL's defaults, which then hold for the whole run and differ between hosts: start
    // it now if it has not started, and refuse to go on if it ignored the settings.
    engine();
    int intra = JniUtils.getNumThreads();
    int inter = JniUtils.getNumInteropThreads();
    if (intra != n || inter != 1) {
      throw new IllegalStateException(
          "the PyTorch engine started before shiftlab configured it and runs "
              + intra
              + " intra-op and "
              + inter
              + " inter-op threads instead of "
              + n
              + " and 1; configure TorchRuntime before building any model");
    }
    configuredThreads = n;
    return n;
  }

  /**
   * The intra-op thread count in force: the configured one, or the one the engine was started with
   * through system properties (as in tests).
   */
  public static int threads() {
    if (configuredThreads > 0) {
      return configuredThreads;
    }
    Integer prop = Integer.getInteger("ai.djl.pytorch.num_threads");
    return prop != null ? prop : Runtime.getRuntime().availableProcessors();
  }

  /** The device in force: {@link ComputeDevice#CPU} unless {@link #configure} chose the GPU. */
  public static ComputeDevice device() {
    return device;
  }

  /**
   * A new root manager on the device in force: every model, batch and probe of shiftlab allocates
   * under one of these (or a sub-manager of one).
   */
  public static NDManager newManager() {
    ensureVerified();
    Device d = device.djl();
    return NDManager.newBaseManager(d, ENGINE);
  }

  /**
   * The convolution every shiftlab layer runs: libtorch's own, or the fallback the engine
   * self-check chose on this host ({@link EngineCheck}).
   *
   * @return the verified kernel
   * @throws EngineCheckException when the engine gives wrong results and no fallback passed
   */
  public static Conv2dKernel conv() {
    ensureVerified();
    return conv;
  }

  /**
   * What the engine self-check found, running it (or reading its cached verdict) on first use.
   *
   * @return the verdict in force
   * @throws EngineCheckException when the engine gives wrong results and no fallback passed
   */
  public static EngineVerdict engineVerdict() {
    ensureVerified();
    return verdict;
  }

  /**
   * Refuses a model that runs libtorch's own convolution inside its graph (a TorchScript file) when
   * that convolution failed the self-check on this host.
   *
   * @param what the model, named in the message
   * @throws EngineCheckException when libtorch's convolution is wrong here
   */
  public static void requireNativeConvolution(String what) {
    EngineVerdict v = engineVerdict();
    if (!v.nativeConvCorrect()) {
      throw new EngineCheckException(
          what
              + ": libtorch's own convolution gives wrong results on this host ("
              + v.firstFailure()
              + "), and a TorchScript graph cannot use shiftlab's fallback; "
              + (v.graphEnvironment().isEmpty()
                  ? "no oneDNN setting fixed it (run 'shiftlab doctor')"
                  : "it is right with "
                      + String.join(" ", v.graphEnvironment())
                      + ", which ./shiftlab sets for --torchscript runs (or set it yourself)"));
    }
  }

  private static void ensureVerified() {
    if (conv == null) {
      verifyEngine(false, EngineCheck.DEFAULT_REPEATS);
    }
  }

  /**
   * Runs the engine self-check, or reads its cached verdict for this host, and adopts it.
   *
   * @param fresh ignore the cache and measure again (the cache is then updated)
   * @param repeats how often each engine case runs
   * @return the verdict adopted
   * @throws EngineCheckException when nothing passed
   */
  public static synchronized EngineVerdict verifyEngine(boolean fresh, int repeats) {
    engine();
    NativeLog.quiet();
    int t = threads();
    String forced = System.getenv(CONV_OVERRIDE);
    EngineCheckCache cache =
        EngineCheckCache.forHost(defaultCacheRoot().resolve("engine"), t, device, repeats);
    EngineVerdict v = fresh ? null : cache.load();
    if (v == null) {
      EngineOps ops = EngineOps.libtorch();
      if (forced != null && !forced.isBlank()) {
        ConvStrategy s;
        try {
          s = ConvStrategy.parse(forced.strip());
        } catch (IllegalArgumentException e) {
          throw new UserInputException(CONV_OVERRIDE, e.getMessage());
        }
        v = EngineCheck.forced(ops, s, device.djl(), repeats, t);
      } else {
        v = EngineCheck.select(ops, device.djl(), repeats, t);
      }
      if (!v.nativeConvCorrect() && device == ComputeDevice.CPU) {
        v = v.withGraphEnvironment(GraphEnvironmentProbe.find(t, repeats).orElse(List.of()));
      }
      cache.store(v);
    }
    GraphEnvironmentFile.update(defaultCacheRoot().resolve("engine"), v);
    return adopt(v);
  }

  /**
   * Puts a verdict in force: its convolution strategy serves every layer from now on.
   *
   * @param v the verdict
   * @return the verdict
   * @throws EngineCheckException when the verdict has no usable strategy; nothing changes then
   */
  public static synchronized EngineVerdict adopt(EngineVerdict v) {
    lastVerdict = v;
    if (!v.usable()) {
      throw new EngineCheckException(
          "engine self-check: libtorch "
              + v.libtorch()
              + " gives wrong results on this host ("
              + v.host()
              + ") and no fallback passed: "
              + v.firstFailure()
              + "; run 'shiftlab doctor' for the whole check");
    }
    conv = ConvStrategy.parse(v.strategy()).over(Conv2dKernel.NATIVE);
    verdict = v;
    return v;
  }

  /**
   * The verdict most recently measured or read, usable or not (for {@code shiftlab doctor}, which
   * reports a refused engine too).
   *
   * @return the verdict, or null before the first check
   */
  public static EngineVerdict lastVerdict() {
    return lastVerdict;
  }

  /**
   * Where the verdict for this host, thread count and device is cached.
   *
   * @param repeats the check's repeat count
   * @return the cache file
   */
  public static Path engineCacheFile(int repeats) {
    return EngineCheckCache.forHost(
            defaultCacheRoot().resolve("engine"), threads(), device, repeats)
        .file();
  }

  /**
   * shiftlab's cache directory: {@code $SHIFTLAB_CACHE}, else {@code $XDG_CACHE_HOME/shiftlab},
   * else {@code ~/.cache/shiftlab}. libtorch is extracted under {@code djl/}, engine verdicts are
   * kept under {@code engine/}.
   */
  public static Path defaultCacheRoot() {
    String env = System.getenv("SHIFTLAB_CACHE");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("shiftlab");
  }

  /** Returns the PyTorch engine, starting it if needed. */
  public static Engine engine() {
    return Engine.getEngine(ENGINE);
  }

  /** DJL's version, e.g. {@code 0.35.1}. */
  public static String djlVersion() {
    return Engine.getDjlVersion();
  }

  /** libtorch's version, e.g. {@code 2.7.1}; starts the engine. */
  public static String libtorchVersion() {
    return engine().getVersion();
  }

  /** shiftlab's own version, from the jar manifest, or {@code dev} when run from classes. */
  public static String shiftlabVersion() {
    String v = TorchRuntime.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }

  /**
   * Seeds libtorch's global generator (initialisation, dropout). DJL takes an int seed, so the
   * 64-bit stream seed is folded.
   *
   * @param seed a 64-bit seed, e.g. from {@code Streams.seedOf}
   */
  public static void seedTorch(long seed) {
    engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
  }
}
