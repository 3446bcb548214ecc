package io.shiftlab.bench;

import io.shiftlab.data.DataInstaller;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.DataStore;
import io.shiftlab.data.DatasetSource;
import io.shiftlab.data.SplitLimits;
import io.shiftlab.io.AtomicFiles;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.random.Streams;
import io.shiftlab.report.Json;
import io.shiftlab.report.LineChart;
import io.shiftlab.runtime.NativeResources;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.train.Augmentation;
import io.shiftlab.train.EpochRecord;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.RunDirectory;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.Training;
import io.shiftlab.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The memory curve of a long run: {@code cnn2} trained for 20 epochs (by default) with the real
 * training loop, and after every epoch the process's resident set ({@code VmRSS}), its peak ({@code
 * VmHWM}), the JVM heap in use and DJL's live native resources ({@link NativeResources}). Writes
 * {@code memory.csv}, {@code memory.png}/{@code .svg} and {@code memory.json} with the verdict:
 * after the first epoch neither RSS nor peak RSS may grow by more than 5%, and the resource counts
 * must not change.
 *
 * <p>When the JVM runs with {@code -XX:NativeMemoryTracking=summary} (bench/run sets it), every
 * sample also reads the JVM's own committed memory by category (the {@code VM.native_memory}
 * diagnostic command, in process), so that RSS growth can be split into what the JVM itself commits
 * (heap, code cache, JIT compiler arenas, metaspace) and what lies outside it (libtorch and other
 * native allocations). The curve then shows RSS minus the JVM's committed total as its own line.
 *
 * <p>Usage: {@code MemoryCurve [--epochs E] [--images N] [--threads T] --out DIR}.
 */
public final class MemoryCurve {
  /** The largest growth of RSS after the first epoch that still counts as flat. */
  public static final double MAX_GROWTH = 0.05;

  private static final java.util.concurrent.atomic.AtomicInteger IMAGES =
      new java.util.concurrent.atomic.AtomicInteger();

  private MemoryCurve() {}

  /**
   * One epoch's sample.
   *
   * @param epoch the epoch, from 1
   * @param rssMiB resident set, MiB
   * @param peakRssMiB peak resident set so far, MiB
   * @param heapMiB JVM heap in use, MiB
   * @param counts DJL's live native resources
   * @param jvmMiB the JVM's committed memory by native-memory-tracking category, MiB, with the
   *     total under {@code Total}; empty when tracking is off
   */
  record Point(
      int epoch,
      double rssMiB,
      double peakRssMiB,
      double heapMiB,
      NativeResources.Counts counts,
      Map<String, Double> jvmMiB) {
    /** RSS minus the JVM's committed total, or NaN without tracking. */
    double outsideJvmMiB() {
      Double total = jvmMiB.get("Total");
      return total == null ? Double.NaN : rssMiB - total;
    }
  }

  /**
   * Runs the curve.
   *
   * @param args see the class comment
   * @throws IOException on write failure
   */
  public static void main(String[] args) throws IOException {
    ToolArgs opts = ToolArgs.parse(args, "--epochs", "--images", "--threads", "--out");
    int epochs = opts.intOr("--epochs", 20);
    int images = opts.intOr("--images", 2560);
    int threads = opts.intOr("--threads", 0);
    Path out = opts.requiredPath("--out", "DIR");
    TorchRuntime.configure(threads, null);
    IMAGES.set(images);
    DataSplits data =
        DatasetSource.parse("fashion-mnist")
            .load(
                DataInstaller.apt(
                    DataStore.fromEnvironment(), m -> System.err.println("data: " + m)),
                new Streams(1),
                SplitLimits.NONE.withMaxTrain(images).withMaxTest(500));
    List<Point> points = new ArrayList<>();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void epochFinished(EpochRecord r) {
            Point p = sample(r.epoch());
            points.add(p);
            System.err.printf(
                Locale.ROOT,
                "memory: epoch %d: RSS %.1f MiB, peak %.1f MiB, heap %.1f MiB, %s%n",
                p.epoch(),
                p.rssMiB(),
                p.peakRssMiB(),
                p.heapMiB(),
                p.counts());
          }
        };
    TrainConfig config =
        TrainConfig.of(
            ModelRef.of("cnn2"), "fashion-mnist", epochs, 128, OptimizerSettings.adam(1e-3f), 1);
    Path runs = Files.createTempDirectory("memory-curve");
    try {
      new Training(
              config,
              data.train(),
              data.val().head(Math.min(500, data.val().size())),
              Augmentation.NONE,
              listener)
          .start(RunDirectory.create(runs.resolve("run")), Map.of());
    } finally {
      AtomicFiles.deleteRecursively(runs);
    }
    write(points, out);
  }

  static Point sample(int epoch) {
    // collect first, so that the heap figure is the live set and not garbage awaiting collection;
    // bench/run also fixes and pre-touches the heap (-Xms = -Xmx, AlwaysPreTouch), so that RSS
    // changes after the first epoch are native memory, not the JVM growing its heap lazily
    System.gc();
    Runtime rt = Runtime.getRuntime();
    return new Point(
        epoch,
        procStatusKiB("VmRSS") / 1024.0,
        procStatusKiB("VmHWM") / 1024.0,
        (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0),
        NativeResources.count(),
        jvmCommittedMiB());
  }

  /**
   * The JVM's committed memory per native-memory-tracking category, from the {@code
   * VM.native_memory summary} diagnostic command run in this process; empty when tracking is off.
   */
  static Map<String, Double> jvmCommittedMiB() {
    String text;
    try {
      text =
          (String)
              java.lang.management.ManagementFactory.getPlatformMBeanServer()
                  .invoke(
                      new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                      "vmNativeMemory",
                      new Object[] {new String[] {"summary"}},
                      new String[] {String[].class.getName()});
    } catch (javax.management.JMException | RuntimeException e) {
      return Map.of();
    }
    return parseNmtSummary(text);
  }

  /**
   * Reads the committed sizes out of an NMT summary: the {@code Total:} line and each {@code -
   * Category (reserved=..KB, committed=..KB)} line.
   *
   * @param text the summary
   * @return category to committed MiB, {@code Total} included; empty if tracking is off
   */
  static Map<String, Double> parseNmtSummary(String text) {
    Map<String, Double> out = new LinkedHashMap<>();
    java.util.regex.Pattern p =
        java.util.regex.Pattern.compile(
            "^\\s*(?:-\\s*)?([A-Za-z][A-Za-z ]*?)\\s*(?::\\s*|\\()reserved=(\\d+)KB,"
                + " committed=(\\d+)KB",
            java.util.regex.Pattern.MULTILINE);
    java.util.regex.Matcher m = p.matcher(text);
    while (m.find()) {
      out.putIfAbsent(m.group(1).trim(), Long.parseLong(m.group(3)) / 1024.0);
    }
    return out;
  }

  /** A field of {@code /proc/self/status} in KiB, or NaN where there is no such file. */
  static double procStatusKiB(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          return Double.parseDouble(line.substring(field.length() + 1).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }

  private static void write(List<Point> points, Path out) throws IOException {
    Files.createDirectories(out);
    int n = points.size();
    double[] x = new double[n];
    double[] rss = new double[n];
    double[] peak = new double[n];
    double[] heap = new double[n];
    // the JVM's own categories (NMT), one column each, so that a step in RSS can be matched to
    // the JIT compiler, the code cache or thread stacks epoch by epoch
    List<String> categories =
        n == 0
            ? List.of()
            : points.get(0).jvmMiB().keySet().stream().filter(k -> !k.equals("Total")).toList();
    StringBuilder csv =
        new StringBuilder(
            "epoch,rss_mib,peak_rss_mib,heap_mib,live_arrays,live_managers,other,"
                + "jvm_committed_mib,outside_jvm_mib");
    for (String c : categories) {
      csv.append(",nmt_").append(c.toLowerCase(Locale.ROOT).replace(' ', '_')).append("_mib");
    }
    csv.append('\n');
    for (int i = 0; i < n; i++) {
      Point p = points.get(i);
      x[i] = p.epoch();
      rss[i] = p.rssMiB();
      peak[i] = p.peakRssMiB();
      heap[i] = p.heapMiB();
      csv.append(
          String.format(
              Locale.ROOT,
              "%d,%.2f,%.2f,%.2f,%d,%d,%d,%.2f,%.2f",
              p.epoch(),
              p.rssMiB(),
              p.peakRssMiB(),
              p.heapMiB(),
              p.counts().arrays(),
              p.counts().managers(),
              p.counts().other(),
              p.jvmMiB().getOrDefault("Total", Double.NaN),
              p.outsideJvmMiB()));
      for (String c : categories) {
        csv.append(String.format(Locale.ROOT, ",%.2f", p.jvmMiB().getOrDefault(c, Double.NaN)));
      }
      csv.append('\n');
    }
    Files.writeString(out.resolve("memory.csv"), csv);
    double rssGrowth = growth(rss);
    double peakGrowth = growth(peak);
    boolean countsFlat = points.stream().allMatch(p -> p.counts().equals(points.get(0).counts()));
    double top = 0;
    for (double v : peak) {
      top = Math.max(top, v);
    }
    LineChart.Builder chartBuilder =
        LineChart.builder(
                String.format(
                    Locale.ROOT, "cnn2, %d epochs: RSS %+.1f%% after epoch 1", n, 100 * rssGrowth))
            .xTitle("epoch")
            .yTitle("MiB")
            .yRange(0, Math.ceil(top * 1.15 / 100) * 100)
            .size(1100, 560)
            .series("RSS (VmRSS)", x, rss)
            .series("peak RSS (VmHWM)", x, peak)
            .series("JVM heap in use", x, heap);
    double[] outside = points.stream().mapToDouble(Point::outsideJvmMiB).toArray();
    boolean tracked = n > 0 && !Double.isNaN(outside[0]);
    if (tracked) {
      chartBuilder.series("RSS outside the JVM's committed memory (NMT)", x, outside);
    }
    LineChart chart = chartBuilder.build();
    chart.writePng(out.resolve("memory.png"));
    chart.writeSvg(out.resolve("memory.svg"));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("epochs", n);
    json.put("date", java.time.Instant.now().toString());
    json.put("images_per_epoch", IMAGES.get());
    json.put("threads", TorchRuntime.threads());
    json.put(
        "jvm_options",
        String.join(
            " ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
    json.put("allocator", allocator());
    json.put("rss_growth_after_epoch1", rssGrowth);
    json.put("peak_rss_growth_after_epoch1", peakGrowth);
    json.put("counts_flat", countsFlat);
    json.put("flat", countsFlat && rssGrowth <= MAX_GROWTH && peakGrowth <= MAX_GROWTH);
    json.put("rss_mib_epoch1", n > 0 ? rss[0] : Double.NaN);
    json.put("rss_mib_last", n > 0 ? rss[n - 1] : Double.NaN);
    json.put("live_arrays", n > 0 ? points.get(0).counts().arrays() : 0);
    if (tracked) {
      // where the growth after epoch 1 went: the JVM's categories and what lies outside the JVM
      Map<String, Double> first = points.get(0).jvmMiB();
      Map<String, Double> last = points.get(n - 1).jvmMiB();
      Map<String, Double> change = new LinkedHashMap<>();
      for (var e : last.entrySet()) {
        double d = e.getValue() - first.getOrDefault(e.getKey(), 0.0);
        if (Math.abs(d) >= 0.5) {
          change.put(e.getKey(), d);
        }
      }
      json.put("jvm_committed_change_mib", change);
      json.put("outside_jvm_growth_after_epoch1", growth(outside));
      json.put("outside_jvm_mib_epoch1", outside[0]);
      json.put("outside_jvm_mib_last", outside[n - 1]);
    }
    Json.write(out.resolve("memory.json"), json);
    System.err.printf(
        Locale.ROOT,
        "memory: RSS growth after epoch 1 %+.1f%%, peak %+.1f%%, counts flat: %s -> %s%n",
        100 * rssGrowth,
        100 * peakGrowth,
        countsFlat,
        out.resolve("memory.png"));
  }

  /**
   * The malloc in use, as the launcher chose it ({@code runtime-env.sh}): jemalloc with its {@code
   * MALLOC_CONF} when preloaded, otherwise glibc with the {@code MALLOC_*} tunables that are set.
   */
  static String allocator() {
    String preload = System.getenv().getOrDefault("LD_PRELOAD", "");
    if (preload.contains("jemalloc")) {
      return "jemalloc ("
          + preload
          + ", MALLOC_CONF="
          + System.getenv().getOrDefault("MALLOC_CONF", "")
          + ")";
    }
    StringBuilder glibc = new StringBuilder("glibc");
    for (String v :
        List.of("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_ARENA_MAX")) {
      String value = System.getenv(v);
      if (value != null) {
        glibc.append(glibc.length() == 5 ? " (" : ", ").append(v).append('=').append(value);
      }
    }
    return glibc.length() == 5 ? "glibc" : glibc.append(')').toString();
  }

  /** The largest value after the first, relative to the first, minus one. */
  static double growth(double[] v) {
    if (v.length < 2) {
      return 0;
    }
    double max = v[1];
    for (int i = 1; i < v.length; i++) {
      max = Math.max(max, v[i]);
    }
    return max / v[0] - 1;
  }
}
