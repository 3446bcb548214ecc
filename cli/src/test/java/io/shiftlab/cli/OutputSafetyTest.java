package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output folders users can rely on: a folder shiftlab did not write is never replaced without
 * {@code --force}, one it wrote is, an interrupted run leaves nothing behind and says so in one
 * line, debris of a killed run is removed by the next run in the same folder, an unwritable folder
 * is one line, and a log file gets plain lines.
 */
class OutputSafetyTest {
  @TempDir static Path tmp;

  private static Path data;
  private static final Path MODEL =
      Path.of("../core/src/test/resources/io/shiftlab/nn/tiny_cnn.pt").toAbsolutePath();

  @BeforeAll
  static void writeData() {
    data = IdxFixture.write(tmp.resolve("idx"), 120, 400, 3);
  }

  private static List<String> probe(Path out, String... extra) {
    List<String> a = Cli.probeArgs(MODEL, data, tmp.resolve("store"), out, "--probe", "sweep");
    a.addAll(List.of(extra));
    return a;
  }

  private static Cli.Result run(List<String> args) {
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void aFolderShiftlabDidNotWriteIsRefusedUnlessForced() throws Exception {
    Cli.assumeTorchScriptRuns();
    Path out = tmp.resolve("my results");
    Files.createDirectories(out);
    Files.writeString(out.resolve("notes.txt"), "mine");
    Cli.Result r = run(probe(out, "--limit", "10", "--param", "sweep.range=1"));
    assertThat(r.code()).as(r.describe()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.errLines())
        .containsExactly(
            "shiftlab: --out: "
                + out
                + " holds files shiftlab did not write (it has no shiftlab manifest.json); choose"
                + " a new or empty folder, or add --force to replace it");
    assertThat(out.resolve("notes.txt")).hasContent("mine");

    Cli.Result rp = Cli.smoke("patch-location", null, null, out);
    assertThat(rp.code()).as(rp.describe()).isEqualTo(Main.BAD_INPUT);
    assertThat(out.resolve("notes.txt")).hasContent("mine");

    // shiftlab's own output is replaced without --force; --force replaces a foreign one
    Cli.Result forced = run(probe(out, "--limit", "10", "--param", "sweep.range=1", "--force"));
    assertThat(forced.code()).as(forced.describe()).isZero();
    assertThat(out.resolve("notes.txt")).doesNotExist();
    assertThat(out.resolve("manifest.json")).isRegularFile();
    Cli.Result again = run(probe(out, "--limit", "10", "--param", "sweep.range=1"));
    assertThat(again.code()).as(again.describe()).isZero();
  }

  @Test
  void filesAUserAddedToAnEarlierOutputAreNeverReplacedWithoutForce() throws Exception {
    Cli.assumeTorchScriptRuns();
    Path out = tmp.resolve("old-probe");
    Cli.Result first = run(probe(out, "--limit", "10", "--param", "sweep.range=1"));
    assertThat(first.code()).as(first.describe()).isZero();
    Files.writeString(out.resolve("my-notes.txt"), "mine");
    Files.createDirectories(out.resolve("mysub"));
    Files.writeString(out.resolve("mysub/data.csv"), "1,2");
    Cli.Result r = run(probe(out, "--limit", "10", "--param", "sweep.range=1"));
    Cli.assertRefused(r, "shiftlab: --out: " + out + " holds files shiftlab did not write (");
    assertThat(r.errLines()).hasSize(1);
    assertThat(out.resolve("my-notes.txt")).hasContent("mine");
    assertThat(out.resolve("mysub/data.csv")).hasContent("1,2");
  }

  @Test
  void theRunDirectoryBeingProbedIsNeverTheOutput() {
    Path run = tmp.resolve("probed-run");
    Cli.Result t = Cli.train(data, tmp.resolve("store"), run, 1);
    assertThat(t.code()).as(t.describe()).isZero();
    for (Path out : List.of(run, run.resolve("probe"), tmp)) {
      for (String force : List.of("--quiet", "--force")) {
        Cli.Result r =
            Cli.run(
                "probe",
                run.toString(),
                "--limit",
                "10",
                "--probe",
                "sweep",
                "--param",
                "sweep.range=1",
                "--threads",
                Cli.THREADS,
                "--data",
                tmp.resolve("store").toString(),
                "--out",
                out.toString(),
                force);
        Cli.assertRefused(r, "shiftlab: --out: " + out);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).contains("the run directory of the model being probed");
      }
    }
    // another command's output never replaces a training run, even with --force
    Cli.Result other = run(probe(run, "--limit", "10", "--param", "sweep.range=1", "--force"));
    Cli.assertRefused(other, "shiftlab: --out: " + run + " is a shiftlab training run directory");
    assertThat(run.resolve("model.params")).isRegularFile();
    assertThat(run.resolve("config.json")).isRegularFile();
  }

  @Test
  void evalNeverOverwritesAFileItDidNotWrite() throws Exception {
    Path run = tmp.resolve("eval-run");
    assertThat(Cli.train(data, tmp.resolve("store"), run, 1).code()).isZero();
    Path mine = Files.writeString(tmp.resolve("results.json"), "{\"mine\": true}");
    Cli.Result r = Cli.run("eval", run.toString(), "--limit", "10", "--json", mine.toString());
    Cli.assertRefused(r, "shiftlab: --json: " + mine + " exists and shiftlab did not write it");
    assertThat(r.errLines()).hasSize(1);
    assertThat(mine).hasContent("{\"mine\": true}");
    // the run's own files are not eval's either
    String metrics = Files.readString(run.resolve("metrics.json"));
    Cli.assertRefused(
        Cli.run(
            "eval",
            run.toString(),
            "--limit",
            "10",
            "--json",
            run.resolve("metrics.json").toString()),
        "shiftlab: --json: ");
    assertThat(run.resolve("metrics.json")).hasContent(metrics);
    // eval's own file is replaced; --force replaces another
    Cli.ok(Cli.run("eval", run.toString(), "--limit", "10"));
    Cli.ok(Cli.run("eval", run.toString(), "--limit", "10"));
    Cli.ok(Cli.run("eval", run.toString(), "--limit", "10", "--json", mine.toString(), "--force"));
    assertThat(Cli.json(mine).path("results").isArray()).isTrue();
    Cli.ok(Cli.run("eval", run.toString(), "--limit", "10", "--json", mine.toString()));
  }

  @Test
  void aRunRefusedAfterTheFolderCheckLeavesNoEmptyFolders() {
    Cli.assumeTorchScriptRuns();
    Path out = tmp.resolve("new/deep/out");
    Cli.Result r =
        run(
            Cli.probeArgs(
                MODEL, tmp.resolve("no-such-idx"), tmp.resolve("store"), out, "--probe", "sweep"));
    assertThat(r.code()).as(r.describe()).isEqualTo(Main.BAD_INPUT);
    assertThat(tmp.resolve("new")).doesNotExist();
  }

  @Test
  void anUnwritableFolderIsOneLine() {
    Path out = Path.of("/proc/shiftlab-cannot-write/out");
    Cli.Result r = run(probe(out, "--limit", "10", "--param", "sweep.range=1"));
    assertThat(r.code()).as(r.describe()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines().get(0))
        .startsWith("shiftlab: --out: cannot write in /proc/shiftlab-cannot-write");
    Cli.Result rp = Cli.smoke("patch-location", null, null, out);
    assertThat(rp.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(rp.errLines()).hasSize(1);
    // a single file written where it cannot be (eval's --json) is one line too
    Path run = tmp.resolve("unwritable-run");
    assertThat(Cli.train(data, tmp.resolve("store"), run, 1).code()).isZero();
    Cli.Result ev =
        Cli.run("eval", run.toString(), "--limit", "10", "--json", "/proc/nope/eval.json");
    assertThat(ev.code()).as(ev.describe()).isEqualTo(Main.BAD_INPUT);
    assertThat(ev.errLines())
        .containsExactly(
            "shiftlab: /proc/nope/eval.json: cannot write here (no such folder: /proc/nope)");
  }

  @Test
  void debrisOfAKilledRunIsRemovedByTheNextRunInTheSameFolder() throws Exception {
    Cli.assumeTorchScriptRuns();
    Path parent = Files.createDirectories(tmp.resolve("parent"));
    long dead = deadPid();
    Path stale = Files.createDirectories(parent.resolve(".out.partial-" + dead + "-x1"));
    Files.writeString(stale.resolve("sweep.csv"), "half");
    Path staleOld = Files.createDirectories(parent.resolve(".out.old-" + dead + "-x2"));
    Path live = Files.createDirectories(parent.resolve(".out.partial-1-x3")); // pid 1 runs
    Path mine = Files.createDirectories(parent.resolve(".notes.partial-keep"));
    Cli.Result r = run(probe(parent.resolve("out"), "--limit", "10", "--param", "sweep.range=1"));
    assertThat(r.code()).as(r.describe()).isZero();
    assertThat(stale).doesNotExist();
    assertThat(staleOld).doesNotExist();
    assertThat(live).isDirectory();
    assertThat(mine).isDirectory();
  }

  @Test
  void aLogFileGetsPlainLinesAndQuietGetsNone() {
    Path run = tmp.resolve("train-log");
    Cli.Result r = Cli.train(data, tmp.resolve("store"), run, 2);
    assertThat(r.code()).as(r.describe()).isZero();
    assertThat(r.err()).doesNotContain("\r");
    assertThat(r.errLines().stream().filter(l -> l.startsWith("cnn2 epoch ")).toList())
        .hasSize(2)
        .allMatch(l -> l.matches("cnn2 epoch [12]: loss .* \\| val loss .*"));
    Cli.Result q = Cli.train(data, tmp.resolve("store"), tmp.resolve("train-quiet"), 1, "--quiet");
    assertThat(q.code()).as(q.describe()).isZero();
    assertThat(q.err()).isEmpty();
    assertThat(q.out()).contains("1 epochs");
  }

  @Test
  void anInterruptedProbeSaysSoInOneLineAndLeavesNothing() throws Exception {
    Cli.assumeTorchScriptRuns();
    Path parent = Files.createDirectories(tmp.resolve("interrupt"));
    Path out = parent.resolve("out");
    // Work that lasts well past the signal however fast the machine: the widest sweep over 8000
    // images (about 9 million forward passes), so the probe is still running when SIGINT comes.
    Path many = IdxFixture.write(tmp.resolve("idx-8000"), 120, 8000, 4);
    List<String> cmd = sigintDeliverable();
    cmd.addAll(Cli.javaMain());
    cmd.addAll(Cli.probeArgs(MODEL, many, tmp.resolve("store"), out, "--probe", "sweep"));
    cmd.addAll(List.of("--param", "sweep.range=16"));
    Path log = tmp.resolve("interrupt.log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (partials(parent).isEmpty()) {
        assertThat(p.isAlive()).as("ended early:%n%s", Files.readString(log)).isTrue();
        assertThat(System.nanoTime()).as("no staging folder in time").isLessThan(deadline);
        Thread.sleep(20);
      }
      new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    String text = Files.readString(log);
    assertThat(p.exitValue()).as(text).isEqualTo(130);
    assertThat(text.lines().filter(l -> l.startsWith("shiftlab:")).toList())
        .containsExactly("shiftlab: interrupted; nothing written to " + out);
    assertThat(partials(parent)).isEmpty();
    assertThat(out).doesNotExist();
  }

  /**
   * What to put before the child's command so that SIGINT reaches it. A shell's background job
   * without job control (a CI script started with {@code &}) runs with SIGINT ignored, children
   * inherit that, and a JVM started with SIGINT ignored keeps ignoring it: the signal this test
   * sends would do nothing. GNU {@code env --default-signal=INT} restores the default before it
   * runs the command; without it, and with SIGINT ignored here, the test cannot run and says so.
   */
  private static List<String> sigintDeliverable() throws Exception {
    Process p = new ProcessBuilder("env", "--default-signal=INT", "true").start();
    if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
      return new ArrayList<>(List.of("env", "--default-signal=INT"));
    }
    String status = Files.readString(Path.of("/proc/self/status"));
    long ignored =
        status
            .lines()
            .filter(l -> l.startsWith("SigIgn:"))
            .map(l -> Long.parseUnsignedLong(l.substring(7).trim(), 16))
            .findFirst()
            .orElse(0L);
    Assumptions.assumeTrue(
        (ignored & (1L << 1)) == 0,
        "SIGINT is ignored in this process and env --default-signal is missing: a child would"
            + " ignore the signal too");
    return new ArrayList<>();
  }

  private static List<Path> partials(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> f.getFileName().toString().contains(".partial-")).toList();
    }
  }

  private static long deadPid() {
    for (long pid = 4_000_000; ; pid--) {
      if (ProcessHandle.of(pid).isEmpty()) {
        return pid;
      }
    }
  }
}
