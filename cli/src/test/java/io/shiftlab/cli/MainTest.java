package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
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
  void everyCommandsHelpFormatsCleanly() {
    // picocli reports a description it cannot format (a bare '%') on System.err, not on the
    // command's own stream, and prints the raw text instead
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
    try {
      System.setErr(
          new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
      List<String> commands = new java.util.ArrayList<>();
      for (String c : subcommands()) {
        commands.add(c);
        subcommands(c).forEach(s -> commands.add(c + " " + s));
      }
      assertThat(commands).contains("train", "reproduce", "data install");
      for (String c : commands) {
        Cli.Result r = Cli.run((c + " --help").split(" "));
        assertThat(r.code()).as(c + "\n" + r.describe()).isZero();
        assertThat(r.out()).as(c).doesNotContain("%n");
        // every command has --help and --version, most through Subcommand's inherited @Command
        assertThat(r.out()).as(c).contains("-h, --help", "-V, --version");
      }
    } finally {
      System.setErr(saved);
    }
    assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8))
        .as("picocli warnings")
        .isEmpty();
  }

  /** The subcommands a help page lists under "Commands:". */
  private static List<String> subcommands(String... command) {
    List<String> args = new java.util.ArrayList<>(List.of(command));
    args.add("--help");
    List<String> names = new java.util.ArrayList<>();
    boolean listing = false;
    for (String line : Cli.run(args.toArray(String[]::new)).out().lines().toList()) {
      if (line.startsWith("Commands:")) {
        listing = true;
      } else if (listing) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^  (\\S+)\\s").matcher(line);
        if (m.find() && !m.group(1).equals("help")) {
          names.add(m.group(1));
        }
      }
    }
    return names;
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
  void aMistypedCommandOrOptionGetsASuggestion() {
    Cli.Result r = Cli.run("reproduse");
    assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.errLines().get(0)).contains("did you mean reproduce");
    Cli.Result o = Cli.run("doctor", "--thread", "2");
    assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(o.errLines().get(0)).contains("did you mean --threads?");
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

  @Test
  void dataListRefusesAStoreThatIsAFileInOneLine(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("notes.txt"), "mine");
    for (Path store : List.of(file, file.resolve("below"))) {
      Cli.Result r = Cli.run("data", "list", "--data", store.toString());
      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.out()).as(r.describe()).isEmpty();
      assertThat(r.err().strip())
          .as(r.describe())
          .doesNotContain("\n")
          .startsWith("shiftlab: " + store)
          .contains("not a directory; the data store (--data or SHIFTLAB_DATA) must be a folder");
    }
    assertThat(file).hasContent("mine");
  }
}
