package io.shiftlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shiftlab.report.Json;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.train.TrainResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import picocli.CommandLine;

/** Runs {@link Main#run} in-process with captured streams. */
final class Cli {
  /**
   * The libtorch thread count of every CLI test. The in-process engine is configured once per JVM
   * and refuses a later, different count; bit-identical results also need the same count in every
   * run, including the separate JVM of {@link ResumeAfterKillTest}. Surefire starts the JVM with
   * {@code ai.djl.pytorch.num_threads=2} to match.
   */
  static final String THREADS = "2";

  static {
    // Pin the count before any test can start the engine, also when a test runs outside surefire
    // (an IDE) where the system property is missing and --version would otherwise pick the core
    // count.
    TorchRuntime.configure(Integer.parseInt(THREADS), Options.djlCache());
  }

  private Cli() {}

  /** What one command line did. */
  record Result(int code, String out, String err) {
    /** The non-empty lines of stderr. */
    List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }

    /** Everything, for assertion messages. */
    String describe() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /**
   * Runs {@code reproduce} at the smoke budget with the test thread count: {@code reproduce
   * [EXPERIMENT] --smoke [--dataset idx:DATA --data STORE] --threads 2 --out OUT EXTRA...}.
   *
   * @param experiment one experiment, or null for all
   * @param data an IDX fixture folder, or null for experiments that make their own data
   * @param store the data store (used with {@code data})
   * @param out the output folder
   * @param extra further options
   * @return the exit code and what was printed
   */
  static Result smoke(String experiment, Path data, Path store, Path out, String... extra) {
    return reproduce(experiment, "--smoke", data, store, out, extra);
  }

  /**
   * Runs {@code reproduce} at a budget with the test thread count: {@code reproduce [EXPERIMENT]
   * BUDGET [--dataset idx:DATA --data STORE] --threads 2 --out OUT EXTRA...}.
   *
   * @param experiment one experiment, or null for all
   * @param budget {@code --smoke} or {@code --quick}
   * @param data an IDX fixture folder, or null for experiments that make their own data
   * @param store the data store (used with {@code data})
   * @param out the output folder
   * @param extra further options
   * @return the exit code and what was printed
   */
  static Result reproduce(
      String experiment, String budget, Path data, Path store, Path out, String... extra) {
    List<String> head = new java.util.ArrayList<>(List.of("reproduce"));
    if (experiment != null) {
      head.add(experiment);
    }
    head.add(budget);
    return run(idxCommand(head, data, store, out, extra).toArray(String[]::new));
  }

  /**
   * Writes the usual smoke data set ({@link IdxFixture}: 240 training and 60 test images, seed 11)
   * into {@code tmp/idx}, runs {@link #smoke} on it with the store {@code tmp/store}, and asserts
   * that it exited with 0.
   *
   * @param experiment one experiment, or null for all
   * @param tmp the test's temporary folder
   * @param out the output folder
   * @param extra further options
   * @return the exit code and what was printed
   */
  static Result smokeOnDigits(String experiment, Path tmp, Path out, String... extra) {
    Path data = IdxFixture.write(tmp.resolve("idx"), 240, 60, 11);
    return ok(smoke(experiment, data, tmp.resolve("store"), out, extra));
  }

  /**
   * Asserts that a command exited with 0, showing everything it printed if not.
   *
   * @param r what the command did
   * @return {@code r}
   */
  static Result ok(Result r) {
    org.assertj.core.api.Assertions.assertThat(r.code()).as(r.describe()).isZero();
    return r;
  }

  /**
   * Asserts that a command was refused as bad input: exit 2, a line of stderr that starts with
   * {@code prefix}, and no stack trace.
   *
   * @param r what the command did
   * @param prefix how the line naming the fault starts, e.g. {@code "shiftlab: "}
   */
  static void assertRefused(Result r, String prefix) {
    org.assertj.core.api.Assertions.assertThat(r.code()).as(r.describe()).isEqualTo(2);
    org.assertj.core.api.Assertions.assertThat(r.err().strip().lines())
        .as(r.err())
        .anyMatch(l -> l.startsWith(prefix));
    org.assertj.core.api.Assertions.assertThat(r.err())
        .doesNotContain("Exception")
        .doesNotContain("at io.");
  }

  /**
   * Reads a JSON file.
   *
   * @param file the file
   * @return its tree
   */
  static JsonNode json(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The command line that runs {@link Main} in a separate JVM with this test's class path, before
   * the shiftlab arguments.
   *
   * @return {@code java -cp CLASSPATH -Dai.djl.offline=true io.shiftlab.cli.Main}, mutable
   */
  static List<String> javaMain() {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "-Dai.djl.offline=true",
            Main.class.getName()));
    return cmd;
  }

  /**
   * Runs {@code rf} on a hand-made run directory: an empty config.json and the given metrics.
   *
   * @param dir the directory to make the run in
   * @param metrics what metrics.json says about the model
   * @return the exit code and what was printed (stderr is not captured)
   */
  static Result rfOfHandMadeRun(Path dir, TrainResult metrics) throws IOException {
    Files.writeString(dir.resolve("config.json"), "{}");
    Json.write(dir.resolve("metrics.json"), metrics);
    StringWriter sw = new StringWriter();
    CommandLine cmd = new CommandLine(new RfCommand());
    cmd.setOut(new PrintWriter(sw, true));
    int code = cmd.execute(dir.toString());
    return new Result(code, sw.toString(), "");
  }

  /**
   * Runs {@code train --resume RUN --data STORE --threads THREADS}.
   *
   * @param run the run directory to resume
   * @param store the data store
   * @return the exit code and what was printed
   */
  static Result resume(Path run, Path store) {
    return run(
        "train", "--resume", run.toString(), "--data", store.toString(), "--threads", THREADS);
  }

  /**
   * Runs the command line.
   *
   * @param args the arguments
   * @return the exit code and what was printed
   */
  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(o, e, args);
    }
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Asserts that an experiment directory holds what every experiment writes (results.md, .csv and
   * .json, manifest.json, outcome.json) and the experiment's own files, none of them empty.
   *
   * @param dir the experiment directory
   * @param own the experiment's figures and other files
   */
  static void assertExperimentFiles(Path dir, String... own) {
    List<String> names = new java.util.ArrayList<>(EXPERIMENT_FILES);
    names.addAll(List.of(own));
    assertFiles(dir, names.toArray(String[]::new));
  }

  /**
   * Asserts that a directory holds each of the files, none of them empty.
   *
   * @param dir the directory
   * @param names the file names
   */
  static void assertFiles(Path dir, String... names) {
    for (String f : names) {
      org.assertj.core.api.Assertions.assertThat(dir.resolve(f)).as(f).isNotEmptyFile();
    }
  }

  /** The files every experiment directory has. */
  static final List<String> EXPERIMENT_FILES =
      List.of("results.md", "results.csv", "results.json", "manifest.json", "outcome.json");

  /** The lower-case hex SHA-256 of a file. */
  static String sha256(Path file) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Trains cnn2 for a number of epochs on an IDX data set written by {@link IdxFixture}, at {@link
   * #THREADS} threads, into {@code out}.
   *
   * @param data the IDX directory
   * @param store the data store
   * @param out the run directory
   * @param epochs epochs
   * @param extra further options
   * @return the result
   */
  static Result train(Path data, Path store, Path out, int epochs, String... extra) {
    return train("cnn2", data, store, out, epochs, extra);
  }

  /**
   * Trains a model for a number of epochs on an IDX data set written by {@link IdxFixture}, at
   * {@link #THREADS} threads, into {@code out}.
   *
   * @param model the {@code --model} value
   * @param data the IDX directory
   * @param store the data store
   * @param out the run directory
   * @param epochs epochs
   * @param extra further options
   * @return the result
   */
  static Result train(String model, Path data, Path store, Path out, int epochs, String... extra) {
    return run(trainArgs(model, data, store, out, epochs, extra).toArray(String[]::new));
  }

  /**
   * The arguments of {@link #train(String, Path, Path, Path, int, String...)}.
   *
   * @param model the {@code --model} value
   * @param data the IDX directory
   * @param store the data store
   * @param out the run directory
   * @param epochs epochs
   * @param extra further options
   * @return the arguments, mutable
   */
  static List<String> trainArgs(
      String model, Path data, Path store, Path out, int epochs, String... extra) {
    return idxCommand(
        List.of("train", "--model", model, "--epochs", Integer.toString(epochs)),
        data,
        store,
        out,
        extra);
  }

  /**
   * A command line on an IDX data set at {@link #THREADS} threads: {@code HEAD... [--dataset
   * idx:DATA --data STORE] --threads 2 --out OUT EXTRA...}.
   *
   * @param head the command and its first options
   * @param data an IDX fixture folder, or null for none
   * @param store the data store (used with {@code data})
   * @param out the output folder
   * @param extra further options
   * @return the arguments, mutable
   */
  static List<String> idxCommand(
      List<String> head, Path data, Path store, Path out, String... extra) {
    List<String> a = new java.util.ArrayList<>(head);
    if (data != null) {
      a.addAll(List.of("--dataset", IdxFixture.dataset(data), "--data", store.toString()));
    }
    a.addAll(List.of("--threads", THREADS, "--out", out.toString()));
    a.addAll(List.of(extra));
    return a;
  }

  /**
   * The options of a TorchScript probe on an IDX data set at {@link #THREADS} threads, before
   * further options.
   *
   * @param model the .pt file
   * @param data the IDX directory
   * @param store the data store
   * @param out the output folder
   * @param extra further options
   * @return the arguments
   */
  static List<String> probeArgs(Path model, Path data, Path store, Path out, String... extra) {
    return idxCommand(
        List.of("probe", "--torchscript", model.toString(), "--input", "1x28x28", "--scale", "1"),
        data,
        store,
        out,
        extra);
  }

  /** Ten images, the sweep probe only, offsets of range 1: a quick probe run. */
  static final String[] SMALL_SWEEP = {
    "--limit", "10", "--probe", "sweep", "--param", "sweep.range=1"
  };

  /**
   * Runs a TorchScript probe on an IDX data set: {@link #probeArgs}.
   *
   * @param model the .pt file
   * @param data the IDX directory
   * @param store the data store
   * @param out the output folder
   * @param extra further options
   * @return the exit code and what was printed
   */
  static Result probe(Path model, Path data, Path store, Path out, String... extra) {
    return run(probeArgs(model, data, store, out, extra).toArray(String[]::new));
  }

  /**
   * Skips a test that runs a TorchScript graph on a host where libtorch's own convolution failed
   * the engine self-check: shiftlab refuses such graphs there (README, "Engine self-check"), so the
   * test has nothing to check.
   */
  public static void assumeTorchScriptRuns() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        io.shiftlab.runtime.TorchRuntime.engineVerdict().nativeConvCorrect(),
        "libtorch's own convolution failed the engine self-check here; TorchScript is refused");
  }
}
