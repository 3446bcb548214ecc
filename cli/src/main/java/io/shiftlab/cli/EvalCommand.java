package io.shiftlab.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.ImageSet;
import io.shiftlab.io.OutputFile;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.probe.Metrics;
import io.shiftlab.probe.Predictor;
import io.shiftlab.random.Streams;
import io.shiftlab.report.Json;
import io.shiftlab.runtime.TorchRuntime;
import io.shiftlab.shift.ShiftSpec;
import io.shiftlab.train.Manifest;
import io.shiftlab.train.RunDirectory;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.TrainResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shiftlab eval}: accuracy of a trained run on the clean and shifted test sets. */
@Command(
    name = "eval",
    description =
        "Print a run's accuracy on the clean test set and on randomly shifted copies (one seeded"
            + " offset per image).")
final class EvalCommand extends EngineCommand {
  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A finished run directory.")
  Path runDir;

  @Option(
      names = "--shift",
      paramLabel = "SPEC",
      description =
          "Shifted test set MODE:AxB[:DIST] (modes zero, circular, replicate, reflect; DIST"
              + " article, real or int), repeatable (default: the article's zero:1x1 and zero:4x3).")
  List<String> shifts;

  @Mixin TestSetOptions testSet;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of the test offsets (default: the run's).")
  Long seed;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description =
          "Where to write the results as JSON (fractions in [0, 1]; default: RUN_DIR/eval.json);"
              + " a file shiftlab's eval did not write is refused unless --force.")
  Path jsonOut;

  @Option(
      names = "--force",
      description = "Replace the --json file even if shiftlab did not write it.")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter out = out();
    List<ShiftSpec> specs = new ArrayList<>();
    if (shifts == null || shifts.isEmpty()) {
      specs.add(ShiftSpec.SHIFT_MIN);
      specs.add(ShiftSpec.SHIFT);
    } else {
      for (String s : shifts) {
        specs.add(ShiftSpec.parse("--shift", s));
      }
    }
    testSet.validate();
    common.configureRuntime();
    RunDirectory run = RunDirectory.open(runDir);
    Path file = jsonOut != null ? jsonOut : run.root().resolve("eval.json");
    OutputFile.claim(
        file, jsonOut != null ? "--json" : file.toString(), force, EvalCommand::isEvalJson);
    TrainConfig config = run.config();
    long s = seed != null ? seed : config.seed();
    Streams streams = new Streams(s);
    try (Network net = TrainResult.load(run);
        NDManager m = TorchRuntime.newManager()) {
      DataSplits data =
          testSet.load(
              common.data(),
              testSet.datasetOr(config.dataset()),
              config.seed(),
              net.inputShape(),
              err());
      ImageSet test = data.test();
      out.printf(
          Locale.ROOT,
          "%s (%s), %d test images, seed %d%n",
          runDir,
          config.model().name(),
          test.size(),
          s);
      out.printf(Locale.ROOT, "%-24s %9s %12s %9s%n", "test set", "accuracy", "correct", "±95%");
      List<Map<String, Object>> rows = new ArrayList<>();
      rows.add(print(out, "clean", Predictor.predict(net, test, m), test));
      for (ShiftSpec spec : specs) {
        var offsets = Predictor.offsets(spec, streams, test.size());
        rows.add(print(out, spec.toString(), Predictor.predict(net, test, spec, offsets, m), test));
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("run", runDir.toAbsolutePath().normalize().toString());
      json.put("model", config.model().name());
      json.put("dataset", testSet.datasetOr(config.dataset()));
      json.put("images", test.size());
      json.put("seed", s);
      json.put("results", rows);
      json.put("manifest", Manifest.capture(s, data.sha256()));
      Json.write(file, json);
      out.println("metrics: " + file);
    }
    return 0;
  }

  /**
   * Whether a file is what {@code eval} writes: a JSON object with its results and a shiftlab
   * manifest.
   */
  static boolean isEvalJson(Path file) {
    try {
      JsonNode n = Json.mapper().readTree(file.toFile());
      return n != null
          && n.isObject()
          && n.path("results").isArray()
          && n.path("manifest").path("shiftlab").isTextual()
          && n.path("manifest").path("seed").isNumber();
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  /** Prints one row and returns it as plain numbers for {@code eval.json}. */
  private static Map<String, Object> print(
      PrintWriter out, String name, int[] pred, ImageSet test) {
    int c = Metrics.correct(pred, test.labels());
    double acc = Metrics.accuracy(pred, test.labels());
    double half = Metrics.halfWidth95(acc, test.size());
    out.printf(Locale.ROOT, "%-24s %9.4f %12s %9.4f%n", name, acc, c + "/" + test.size(), half);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("test_set", name);
    row.put("accuracy", acc);
    row.put("correct", c);
    row.put("n", test.size());
    row.put("ci95_half_width", half);
    return row;
  }
}
