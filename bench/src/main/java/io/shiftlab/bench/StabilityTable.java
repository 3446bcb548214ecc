package io.shiftlab.bench;

import io.shiftlab.experiment.Check;
import io.shiftlab.experiment.ExperimentJob;
import io.shiftlab.experiment.Outcome;
import io.shiftlab.io.AtomicFiles;
import io.shiftlab.stats.Estimate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The stability table: the same {@code reproduce} run under several setups (thread counts, master
 * seeds), compared verdict by verdict and check by check, read only from the runs' {@code
 * outcome.json} files. A row is stable when every setup decided it the same way; a statistical
 * check's cell also shows its effect and 95% interval.
 *
 * <p>Usage: {@code StabilityTable OUT.md LABEL=DIR [LABEL=DIR ...]}; each DIR is the output folder
 * of one {@code shiftlab reproduce} (all experiments). With one setup the table lists its verdicts
 * and check decisions with their intervals and compares nothing.
 */
public final class StabilityTable {
  /** The prefix of a row that shows one of our own hypotheses (not part of the verdict). */
  static final String OURS = "(ours, not in the verdict) ";

  private StabilityTable() {}

  /**
   * Writes the table.
   *
   * @param args the output file, then one {@code LABEL=DIR} per setup
   * @throws IOException if a folder cannot be listed
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: StabilityTable OUT.md LABEL=DIR [LABEL=DIR ...]");
      System.exit(2);
    }
    Map<String, Map<String, Outcome>> runs = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      runs.put(kv[0], outcomes(Path.of(kv[1])));
    }
    AtomicFiles.writeString(Path.of(args[0]), markdown(runs));
  }

  /** The outcomes of one run folder, by experiment name, in folder order. */
  static Map<String, Outcome> outcomes(Path dir) throws IOException {
    Map<String, Outcome> out = new LinkedHashMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        if (Files.isRegularFile(p.resolve(ExperimentJob.OUTCOME))) {
          Outcome o = ExperimentJob.read(p);
          out.put(o.experiment(), o);
        }
      }
    }
    return out;
  }

  /**
   * The table: one row per experiment (its verdict), one per check (its decision) and one per check
   * of our own hypotheses (marked {@link #OURS}), one column per setup, and whether the setups
   * agree.
   *
   * @param runs setup label to outcomes by experiment
   * @return Markdown
   */
  static String markdown(Map<String, Map<String, Outcome>> runs) {
    List<String> labels = new ArrayList<>(runs.keySet());
    Set<String> experiments = new LinkedHashSet<>();
    runs.values().forEach(m -> experiments.addAll(m.keySet()));
    StringBuilder b = new StringBuilder();
    b.append("| experiment | check |");
    labels.forEach(l -> b.append(' ').append(l).append(" |"));
    boolean compare = labels.size() > 1;
    b.append(compare ? " same in all |\n|:--|:--|" : "\n|:--|:--|");
    labels.forEach(l -> b.append("--:|"));
    b.append(compare ? ":--:|\n" : "\n");
    int[] checks = new int[2];
    int[] own = new int[2];
    int verdicts = 0;
    int stableVerdicts = 0;
    for (String e : experiments) {
      List<String> cells = new ArrayList<>();
      for (String l : labels) {
        Outcome o = runs.get(l).get(e);
        cells.add(o == null ? "missing" : o.verdict().label());
      }
      boolean same = cells.stream().distinct().count() == 1;
      verdicts++;
      stableVerdicts += same ? 1 : 0;
      row(b, "**" + e + "**", "**verdict**", cells, same);
      rows(b, runs, labels, e, Outcome::checks, "", checks);
      rows(b, runs, labels, e, Outcome::ownHypotheses, OURS, own);
    }
    if (!compare) {
      b.append('\n')
          .append(count(verdicts, "verdict"))
          .append(", ")
          .append(count(checks[1], "check decision"))
          .append(" and ")
          .append(count(own[1], "decision"))
          .append(" on our own hypotheses, of one setup; nothing compared.\n");
      return b.toString();
    }
    b.append('\n')
        .append(stableVerdicts)
        .append(" of ")
        .append(verdicts)
        .append(" verdicts and ")
        .append(checks[0])
        .append(" of ")
        .append(checks[1])
        .append(" check decisions are the same in every setup");
    if (own[1] > 0) {
      b.append("; of our own hypotheses (the rows marked \"")
          .append(OURS.strip())
          .append("\"), ")
          .append(own[0])
          .append(" of ")
          .append(own[1])
          .append(own[1] == 1 ? " is the same" : " are the same");
    }
    b.append(".\n");
    return b.toString();
  }

  /**
   * One row per check of a list (the card's checks or our own hypotheses), matched by position;
   * counts the stable rows in {@code counts[0]} and all rows in {@code counts[1]}.
   */
  private static void rows(
      StringBuilder b,
      Map<String, Map<String, Outcome>> runs,
      List<String> labels,
      String e,
      Function<Outcome, List<Check>> list,
      String prefix,
      int[] counts) {
    int n =
        runs.values().stream()
            .mapToInt(m -> m.containsKey(e) ? list.apply(m.get(e)).size() : 0)
            .max()
            .orElse(0);
    for (int c = 0; c < n; c++) {
      List<String> ds = new ArrayList<>();
      List<String> cells = new ArrayList<>();
      String name = null;
      for (String l : labels) {
        Outcome o = runs.get(l).get(e);
        List<Check> ks = o == null ? List.of() : list.apply(o);
        Check k = c < ks.size() ? ks.get(c) : null;
        ds.add(k == null ? "missing" : k.decision().label());
        cells.add(k == null ? "missing" : cell(k));
        name = name == null && k != null ? k.expected() : name;
      }
      boolean s = ds.stream().distinct().count() == 1;
      counts[1]++;
      counts[0] += s ? 1 : 0;
      row(b, e, prefix + (name == null ? "?" : name.replace("|", "\\|")), cells, s);
    }
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /**
   * A check's cell: its decision, and for a statistical check the effect and its 95% interval (2
   * decimals, 3 where the interval lies within &plusmn;1), so a reader sees how near the threshold
   * a decision fell.
   */
  static String cell(Check k) {
    Estimate e = k.effect();
    if (e == null) {
      return k.decision().label();
    }
    int decimals = Math.max(Math.abs(e.lo()), Math.abs(e.hi())) < 1 ? 3 : 2;
    return k.decision().label() + " " + e.text(decimals);
  }

  private static void row(
      StringBuilder b, String e, String check, List<String> cells, boolean same) {
    b.append("| ").append(e).append(" | ").append(check).append(" |");
    cells.forEach(c -> b.append(' ').append(c).append(" |"));
    if (cells.size() > 1) {
      b.append(same ? " yes |" : " **no** |");
    }
    b.append('\n');
  }
}
