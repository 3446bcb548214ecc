package io.shiftlab.cli;

import io.shiftlab.runtime.TorchRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

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
    List<String> a = new java.util.ArrayList<>(List.of("reproduce"));
    if (experiment != null) {
      a.add(experiment);
    }
    a.add("--smoke");
    if (data != null) {
      a.addAll(List.of("--dataset", IdxFixture.dataset(data), "--data", store.toString()));
    }
    a.addAll(List.of("--threads", THREADS, "--out", out.toString()));
    a.addAll(List.of(extra));
    return run(a.toArray(String[]::new));
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
    List<String> a =
        new java.util.ArrayList<>(
            List.of(
                "train",
                "--model",
                "cnn2",
                "--dataset",
                IdxFixture.dataset(data),
                "--data",
                store.toString(),
                "--epochs",
                Integer.toString(epochs),
                "--threads",
                THREADS,
                "--out",
                out.toString()));
    a.addAll(List.of(extra));
    return run(a.toArray(String[]::new));
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
    List<String> a =
        new java.util.ArrayList<>(
            List.of(
                "probe",
                "--torchscript",
                model.toString(),
                "--input",
                "1x28x28",
                "--scale",
                "1",
                "--dataset",
                IdxFixture.dataset(data),
                "--data",
                store.toString(),
                "--threads",
                THREADS,
                "--out",
                out.toString()));
    a.addAll(List.of(extra));
    return a;
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
