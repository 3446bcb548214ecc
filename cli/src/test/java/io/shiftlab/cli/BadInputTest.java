package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input: every case exits with 2 and prints exactly one line {@code shiftlab: SUBJECT:
 * REASON} naming the option or file at fault, with no stack trace, and leaves no output directory
 * behind. Option values that picocli itself cannot convert (e.g. {@code --epochs abc}) add
 * picocli's usual second line, {@code Try 'shiftlab CMD --help'.}; that is the only exception.
 */
class BadInputTest {
  @TempDir static Path tmp;

  private static Path data;
  private static Path store;

  @TempDir Path work;

  @BeforeAll
  static void writeData() {
    // Never read: every case must fail before training starts. Small anyway.
    data = IdxFixture.write(tmp.resolve("idx"), 60, 20, 3);
    store = tmp.resolve("store");
  }

  static Stream<Arguments> badTrainOptions() {
    return Stream.of(
        badOption(List.of("--model", "resnet"), "--model", "resnet", "cnn2"),
        badOption(List.of("--model", "cnn2", "--epochs", "0"), "--epochs", "0"),
        badOption(List.of("--model", "cnn2", "--lr", "Infinity"), "--lr", "finite", "Infinity"),
        badOption(List.of("--model", "cnn2", "--lr", "1e39"), "--lr", "finite", "float"),
        badOption(List.of("--model", "cnn2", "--lr", "NaN"), "--lr", "finite"),
        badOption(List.of("--model", "cnn2", "--optimizer", "rmsprop"), "--optimizer", "rmsprop"),
        badOption(List.of("--model", "cnn2", "--augment", "bogus"), "--augment", "bogus"),
        badOption(
            List.of("--model", "cnn2", "--device", "tpu"),
            "--device",
            "unknown device 'tpu'",
            "cpu or gpu"),
        // the default build carries libtorch's CPU library: the engine sees no GPU
        badOption(
            List.of("--model", "cnn2", "--device", "gpu"), "--device", "no CUDA GPU", "-Pcuda"));
  }

  private static Arguments badOption(List<String> options, String subject, String... mentions) {
    return Arguments.of(options, subject, List.of(mentions));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTrainOptions")
  void aBadTrainOptionIsOneLineAndWritesNothing(
      List<String> options, String subject, List<String> mentions) {
    Path out = work.resolve("run");
    assertOneLine(
        train(out, options.toArray(String[]::new)), subject, mentions.toArray(String[]::new));
    assertThat(out).doesNotExist();
  }

  @Test
  void unknownDataset() {
    Path out = work.resolve("run");
    assertOneLine(
        Cli.run(
            "train",
            "--model",
            "cnn2",
            "--dataset",
            "foo",
            "--threads",
            Cli.THREADS,
            "--out",
            out.toString()),
        "--dataset",
        "foo");
    assertThat(out).doesNotExist();
  }

  @Test
  void malformedShiftSpec() throws IOException {
    Path notARun = Files.createDirectories(work.resolve("somewhere"));
    assertOneLine(
        Cli.run("eval", notARun.toString(), "--shift", "zero:abc", "--threads", Cli.THREADS),
        "--shift",
        "zero:abc");
  }

  @Test
  void epochsNotANumberIsAParseError() {
    Path out = work.resolve("run");
    Cli.Result r = train(out, "--model", "cnn2", "--epochs", "abc");
    assertParseError(r, "train", "--epochs", "abc");
    assertThat(out).doesNotExist();
  }

  /** Damages the training images of a copy of the fixture. */
  interface Damage {
    void apply(RandomAccessFile images) throws IOException;
  }

  static Stream<Arguments> damagedImageFiles() {
    return Stream.of(
        Arguments.of("truncated", (Damage) f -> f.setLength(16 + 784 * 10 + 100)),
        // a label file's magic where images belong
        Arguments.of("magic", (Damage) f -> f.writeInt(0x00000801)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damagedImageFiles")
  void damagedImageFileIsOneLineNamingIt(String reason, Damage damage) throws IOException {
    Path bad = copyData(reason);
    Path images = bad.resolve(IdxFixture.TRAIN_IMAGES);
    try (RandomAccessFile f = new RandomAccessFile(images.toFile(), "rw")) {
      damage.apply(f);
    }
    Path out = work.resolve("run");
    Cli.Result r = trainOn(bad, out, "--model", "cnn2");
    assertOneLine(r, images.toAbsolutePath().toString(), reason);
    assertThat(out).as("a failed data load leaves no run directory").doesNotExist();
  }

  @Test
  void evalOfADirectoryThatIsNotARun() throws IOException {
    Path notARun = Files.createDirectories(work.resolve("notarun"));
    Files.writeString(notARun.resolve("notes.txt"), "hello");
    assertOneLine(
        Cli.run("eval", notARun.toString(), "--threads", Cli.THREADS),
        notARun.toString(),
        "config.json");
  }

  @Test
  void tooManyThreadsAreRefusedNamingTheBound() {
    Path out = work.resolve("threads");
    int most = 4 * Runtime.getRuntime().availableProcessors();
    Cli.Result r =
        Cli.run(
            "train",
            "--model",
            "cnn2",
            "--dataset",
            IdxFixture.dataset(data),
            "--data",
            store.toString(),
            "--threads",
            "100000",
            "--out",
            out.toString());
    assertOneLine(r, "--threads", "at most " + most, "available processors", "100000");
    assertThat(out).doesNotExist();
  }

  @Test
  void trainIntoANonEmptyDirectory() throws IOException {
    Path out = Files.createDirectories(work.resolve("taken"));
    Files.writeString(out.resolve("keep.txt"), "mine");
    assertOneLine(train(out, "--model", "cnn2"), out.toString(), "not empty");
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.toList()).containsExactly(out.resolve("keep.txt"));
    }
  }

  /**
   * An unknown experiment, zero seeds, an unknown budget and a budget with {@code --quick}: the
   * options of {@code reproduce ... --out OUT}.
   */
  static Stream<Arguments> badReproduceOptions() {
    return Stream.of(
        badOption(
            List.of(
                "no-such-experiment",
                "--dataset",
                IdxFixture.dataset(data),
                "--threads",
                Cli.THREADS),
            "EXPERIMENT",
            "no-such-experiment",
            "shifted-digits"),
        badOption(List.of("patch-location", "--smoke", "--seeds", "0"), "--seeds", "0"),
        badOption(List.of("patch-location", "--budget", "huge"), "--budget", "huge", "paper"),
        badOption(
            List.of("patch-location", "--budget", "paper", "--quick"), "--budget", "--quick"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badReproduceOptions")
  void aBadReproduceOptionIsOneLineAndWritesNothing(
      List<String> options, String subject, List<String> mentions) {
    Path out = work.resolve("report");
    assertOneLine(reproduce(out, options), subject, mentions.toArray(String[]::new));
    assertThat(out).doesNotExist();
  }

  @Test
  void debugAddsTheStackTrace() {
    Path out = work.resolve("run");
    Cli.Result r = train(out, "--model", "resnet", "--debug");
    assertThat(r.code()).as(r.describe()).isEqualTo(Main.BAD_INPUT);
    List<String> lines = r.errLines();
    assertThat(lines.get(0)).startsWith("shiftlab: --model: ");
    assertThat(r.err()).contains("UserInputException").contains("\tat io.shiftlab.");
    assertThat(out).doesNotExist();
  }

  private static Cli.Result reproduce(Path out, List<String> options) {
    List<String> args = new ArrayList<>(List.of("reproduce"));
    args.addAll(options);
    args.addAll(List.of("--out", out.toString()));
    return Cli.run(args.toArray(String[]::new));
  }

  private static Cli.Result train(Path out, String... options) {
    return trainOn(data, out, options);
  }

  private static Cli.Result trainOn(Path dataset, Path out, String... options) {
    return Cli.run(
        Cli.idxCommand(List.of("train"), dataset, store, out, options).toArray(String[]::new));
  }

  private Path copyData(String name) throws IOException {
    Path dir = Files.createDirectories(work.resolve(name));
    try (Stream<Path> s = Files.list(data)) {
      for (Path f : s.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    return dir;
  }

  /** Exit 2, one line {@code shiftlab: SUBJECT: REASON}, mentioning every word, no trace. */
  private static void assertOneLine(Cli.Result r, String subject, String... mentions) {
    assertThat(r.code()).as(r.describe()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.errLines()).as(r.describe()).hasSize(1);
    String line = r.errLines().get(0);
    assertThat(line).startsWith("shiftlab: " + subject + ": ");
    assertThat(line.substring(("shiftlab: " + subject + ": ").length())).isNotBlank();
    for (String m : mentions) {
      assertThat(line).contains(m);
    }
    assertNoTrace(r);
    assertThat(r.out()).isEmpty();
  }

  private static void assertParseError(Cli.Result r, String command, String option, String value) {
    assertThat(r.code()).as(r.describe()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.errLines()).as(r.describe()).hasSize(2);
    assertThat(r.errLines().get(0)).startsWith("shiftlab: ").contains(option).contains(value);
    assertThat(r.errLines().get(1)).isEqualTo("Try 'shiftlab " + command + " --help'.");
    assertNoTrace(r);
  }

  private static void assertNoTrace(Cli.Result r) {
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("at io.");
  }
}
