package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The top-level command: help, version, and the data listing. */
class MainTest {
  @Test
  void helpListsEveryCommandWithADescription() {
    Cli.Result r = Cli.run("--help");
    assertThat(r.code()).as(r.describe()).isZero();
    assertThat(r.err()).isEmpty();
    List<String> lines = r.out().lines().toList();
    for (String command : List.of("data", "train", "eval", "reproduce")) {
      // picocli lists a subcommand as "  NAME  DESCRIPTION": the name alone would not tell a user
      // what it does.
      assertThat(lines)
          .as("a line for %s with a description", command)
          .anyMatch(l -> l.matches("\\s+" + command + "\\s{2,}\\S.{10,}"));
    }
  }

  @Test
  void reproduceHelpNamesEveryExperiment() {
    Cli.Result r = Cli.run("reproduce", "--help");
    assertThat(r.code()).as(r.describe()).isZero();
    String flat = r.out().replaceAll("\\s+", " ");
    assertThat(flat).doesNotContain("null");
    for (String name : io.shiftlab.experiment.Experiments.names()) {
      assertThat(flat).contains(name);
    }
  }

  @Test
  void versionNamesShiftlabDjlAndLibtorch() {
    Cli.Result r = Cli.run("--version");
    assertThat(r.code()).as(r.describe()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).anyMatch(l -> l.startsWith("shiftlab "));
    assertThat(lines).contains("DJL 0.35.1");
    assertThat(lines).anyMatch(l -> l.startsWith("libtorch 2.7.1"));
  }

  @Test
  void dataListOnAnEmptyStoreShowsBothSetsAsNotReady(@TempDir Path store) {
    Cli.Result r = Cli.run("data", "list", "--data", store.toString());
    assertThat(r.code()).as(r.describe()).isZero();
    List<String> lines = r.out().lines().toList();
    for (String set : List.of("digits", "fashion-mnist")) {
      assertThat(lines)
          .as("%s listed as not ready under %s", set, store)
          .anyMatch(
              l ->
                  l.matches(set + "\\s+no\\s+0 B\\s+.*")
                      && l.endsWith(store.resolve(set).toString()));
    }
    assertThat(store).isEmptyDirectory();
  }
}
