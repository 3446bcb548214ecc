package io.shiftlab.bench;

import io.shiftlab.report.LineChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The command-line options every budget study of {@code bench/} takes, parsed once: {@code
 * --quick}, {@code --chart-only}, {@code --threads T}, {@code --seeds N}, {@code --csv FILE},
 * {@code --md FILE}, {@code --img DIR}, {@code --work DIR}, plus the study's own valued options
 * (kept as text in {@link #extra}).
 *
 * @param quick the smoke version
 * @param chartOnly redraw the chart from the CSV without training
 * @param threads intra-op threads, 0 for the number of cores
 * @param seeds run seeds per configuration
 * @param csv the CSV the study writes (and {@code --chart-only} reads)
 * @param md the Markdown table, or null
 * @param img where the chart goes
 * @param work where the run directories go, or null for a temporary folder
 * @param extra the study's own options, name to value
 */
record StudyOptions(
    boolean quick,
    boolean chartOnly,
    int threads,
    int seeds,
    Path csv,
    Path md,
    Path img,
    Path work,
    Map<String, String> extra) {

  /**
   * Parses the arguments.
   *
   * @param args the arguments
   * @param csv the default CSV
   * @param seeds the default seeds per configuration
   * @param minSeeds the fewest seeds the study accepts
   * @param own the study's own valued options, e.g. {@code --only}
   * @return the options
   * @throws IllegalArgumentException for an unknown option or too few seeds
   */
  static StudyOptions parse(String[] args, Path csv, int seeds, int minSeeds, Set<String> own) {
    boolean quick = false;
    boolean chartOnly = false;
    int threads = 0;
    Path md = null;
    Path img = Path.of("docs/img");
    Path work = null;
    Map<String, String> extra = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--quick" -> quick = true;
        case "--chart-only" -> chartOnly = true;
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--seeds" -> seeds = Integer.parseInt(args[++i]);
        case "--csv" -> csv = Path.of(args[++i]);
        case "--md" -> md = Path.of(args[++i]);
        case "--img" -> img = Path.of(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        default -> {
          if (!own.contains(a) || i + 1 >= args.length) {
            throw new IllegalArgumentException("unknown option " + a);
          }
          extra.put(a, args[++i]);
        }
      }
    }
    if (seeds < minSeeds) {
      throw new IllegalArgumentException("--seeds must be at least " + minSeeds);
    }
    return new StudyOptions(
        quick, chartOnly, threads, seeds, csv, md, img, work, Map.copyOf(extra));
  }

  /**
   * The working folder: {@link #work} or a new temporary one.
   *
   * @param prefix the temporary folder's prefix
   * @return the folder
   * @throws IOException if it cannot be made
   */
  Path workOrTemp(String prefix) throws IOException {
    return work != null ? work : Files.createTempDirectory(prefix);
  }

  /**
   * Writes a chart as {@code NAME.png} and {@code NAME.svg} into {@link #img}.
   *
   * @param chart the chart
   * @param name the file name without extension
   * @throws IOException if the folder cannot be made
   */
  void writeChart(LineChart chart, String name) throws IOException {
    Files.createDirectories(img);
    chart.writePng(img.resolve(name + ".png"));
    chart.writeSvg(img.resolve(name + ".svg"));
  }
}
