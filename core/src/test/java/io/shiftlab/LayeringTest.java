package io.shiftlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering stays clean: no import cycle between packages, and inside {@code experiment} no
 * report refers to an experiment (reports render results and never call back).
 */
class LayeringTest {
  private static final Path MAIN = Path.of("src/main/java/io/shiftlab");
  private static final Pattern IMPORT =
      Pattern.compile(
          "^import (?:static )?(io\\.shiftlab(?:\\.[a-z0-9]+)*)\\.[A-Z]", Pattern.MULTILINE);

  private static Map<String, Set<String>> packageImports() throws IOException {
    Map<String, Set<String>> deps = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String pkg = "io.shiftlab" + packageSuffix(f.getParent());
        Set<String> to = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            to.add(m.group(1));
          }
        }
      }
    }
    return deps;
  }

  private static String packageSuffix(Path dir) {
    String rel = MAIN.relativize(dir).toString().replace('/', '.');
    return rel.isEmpty() ? "" : "." + rel;
  }

  private static Set<String> reachable(Map<String, Set<String>> deps, String from) {
    Set<String> seen = new HashSet<>();
    List<String> todo = new ArrayList<>(deps.getOrDefault(from, Set.of()));
    while (!todo.isEmpty()) {
      String p = todo.remove(todo.size() - 1);
      if (seen.add(p)) {
        todo.addAll(deps.getOrDefault(p, Set.of()));
      }
    }
    return seen;
  }

  @Test
  void noPackageReachesItselfThroughItsImports() throws IOException {
    Map<String, Set<String>> deps = packageImports();
    assertThat(deps).containsKeys("io.shiftlab.nn", "io.shiftlab.experiment", "io.shiftlab.run");
    List<String> inCycles =
        deps.keySet().stream().filter(p -> reachable(deps, p).contains(p)).toList();
    assertThat(inCycles).as("packages on an import cycle").isEmpty();
  }

  @Test
  void theRunnerSitsBelowExperimentsAndProbes() throws IOException {
    Map<String, Set<String>> deps = packageImports();
    assertThat(reachable(deps, "io.shiftlab.run"))
        .doesNotContain("io.shiftlab.experiment", "io.shiftlab.probe");
    assertThat(deps.get("io.shiftlab.experiment")).contains("io.shiftlab.run");
    assertThat(deps.get("io.shiftlab.probe")).contains("io.shiftlab.run");
  }

  @Test
  void reportsNeverReferToAnExperiment() throws IOException {
    Path dir = MAIN.resolve("experiment");
    List<String> experiments;
    try (Stream<Path> files = Files.list(dir)) {
      experiments =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith("Experiment.java"))
              .map(n -> n.substring(0, n.length() - ".java".length()))
              .toList();
    }
    assertThat(experiments).hasSizeGreaterThanOrEqualTo(8);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path report : files.filter(p -> p.toString().endsWith("Report.java")).toList()) {
        String code = Files.readString(report);
        for (String e : experiments) {
          assertThat(Pattern.compile("\\b" + e + "\\b").matcher(code).find())
              .as("%s refers to %s", report.getFileName(), e)
              .isFalse();
        }
      }
    }
  }
}
