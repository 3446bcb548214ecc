package io.shiftlab.cli;

import io.shiftlab.UserInputException;
import io.shiftlab.data.ClassMap;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.ImageSet;
import io.shiftlab.io.OutputFolder;
import io.shiftlab.nn.Classifier;
import io.shiftlab.probe.ModelSource;
import io.shiftlab.probe.Probe;
import io.shiftlab.probe.ProbeJob;
import io.shiftlab.probe.ProbeParam;
import io.shiftlab.probe.ProbeRegistry;
import io.shiftlab.report.MarkdownDoc;
import io.shiftlab.train.RunDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shiftlab probe}: measure how a trained classifier deals with position. */
@Command(
    name = "probe",
    description =
        "Measure how a classifier deals with position (shift sweeps, consistency, stability,"
            + " equivariance, receptive fields, border distance) on a shiftlab run or a TorchScript"
            + " model; 'probe --list' documents every probe.")
final class ProbeCommand extends EngineCommand {
  @Mixin ModelOptions modelOptions;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "RUN_DIR",
      description = "A finished shiftlab run directory (or use --torchscript).")
  Path runDir;

  @Option(
      names = "--probe",
      paramLabel = "NAMES",
      defaultValue = "sweep,consistency,stability",
      description = "Comma-separated probes to run (default: ${DEFAULT-VALUE}).")
  String probes;

  @Option(
      names = "--param",
      paramLabel = "PROBE.KEY=VALUE",
      description = "A probe option, repeatable, e.g. sweep.range=6 (see --list).")
  List<String> params;

  @Mixin TestSetOptions testSet;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the probes' random offsets (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Output directory, written when complete (default: shiftlab-out/probe-NAME); a folder"
              + " shiftlab did not write is refused unless --force.")
  Path out;

  @Option(
      names = "--class-map",
      paramLabel = "MAP",
      description =
          "Map the data set's classes onto the model's logits, DATA=MODEL pairs such as"
              + " cat=281,dog=207 (DATA: the folder name, or the label number) or @FILE with one"
              + " pair per line; needed when their counts differ.")
  String classMap;

  @Option(
      names = "--force",
      description = "Replace the --out folder even if shiftlab did not write it.")
  boolean force;

  @Option(names = "--list", description = "Describe every probe, its options and its files.")
  boolean list;

  private ClassMap map;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = out();
    if (list) {
      printList(stdout);
      return 0;
    }
    List<Probe<?>> selected = ProbeRegistry.parse("--probe", probes);
    Map<String, Map<String, String>> given = parseParams(selected);
    testSet.validate();
    List<ProbeJob.Selection> selections = ProbeJob.Selection.of(selected, given);
    map = classMap == null ? null : ClassMap.parse("--class-map", classMap);
    ModelSource model = modelOptions.resolve(runDir);
    String set =
        testSet.datasetOr(
            model instanceof ModelSource.Run run
                ? RunDirectory.open(run.dir()).config().dataset()
                : null);
    Path target =
        out != null
            ? out
            : Path.of(
                "shiftlab-out", "probe-" + model.displayName().replaceAll("[^A-Za-z0-9]+", "_"));
    OutputFolder.claim(
        target,
        out != null ? "--out" : target.toString(),
        force,
        model instanceof ModelSource.Run run
            ? Map.of(run.dir(), "the run directory of the model being probed")
            : model instanceof ModelSource.TorchScript ts
                ? Map.of(ts.spec().file(), "the model file being probed")
                : Map.of());
    common.configureRuntime();
    PrintStream log = log();
    try (Classifier classifier = model.open()) {
      DataSplits data = testSet.load(common.data(), set, seed, classifier.inputShape(), log);
      ImageSet test = matchClasses(data, classifier.numClasses(), set, model.displayName());
      var subject =
          new ProbeJob.Subject(model, classifier, test, set, testSet.limit, data.sha256(), seed);
      MarkdownDoc md = ProbeJob.run(subject, selections, target, log);
      stdout.println(md);
      stdout.println("outputs: " + target);
    }
    return 0;
  }

  /**
   * The test images labelled by the model's logits: as they are when the counts agree, through
   * {@code --class-map} otherwise; refused before anything runs when they differ and no map is
   * given.
   */
  private ImageSet matchClasses(DataSplits data, int logits, String set, String modelName) {
    ImageSet test = data.test();
    if (map != null) {
      return map.apply("--class-map", test, data, logits);
    }
    if (logits != test.numClasses()) {
      throw new UserInputException(
          "--dataset",
          modelName
              + " gives "
              + logits
              + " logits but "
              + set
              + " has "
              + test.numClasses()
              + " classes; map them with --class-map DATA=MODEL,...");
    }
    return test;
  }

  private Map<String, Map<String, String>> parseParams(List<Probe<?>> selected) {
    Map<String, Map<String, String>> given = new LinkedHashMap<>();
    if (params == null) {
      return given;
    }
    for (String raw : params) {
      int eq = raw.indexOf('=');
      int dot = raw.indexOf('.');
      if (eq < 0 || dot < 0 || dot > eq) {
        throw new UserInputException(
            "--param", "'" + raw + "': expected PROBE.KEY=VALUE, e.g. sweep.range=6");
      }
      String probe = raw.substring(0, dot).trim();
      String key = raw.substring(dot + 1, eq).trim();
      String value = raw.substring(eq + 1).trim();
      if (selected.stream().noneMatch(p -> p.name().equals(probe))) {
        throw new UserInputException(
            "--param " + probe + "." + key, "probe '" + probe + "' is not selected with --probe");
      }
      given.computeIfAbsent(probe, k -> new LinkedHashMap<>()).put(key, value);
    }
    return given;
  }

  private static void printList(PrintWriter out) {
    for (Probe<?> p : ProbeRegistry.all()) {
      out.println(p.name() + ": " + p.description());
      for (ProbeParam param : p.params()) {
        out.printf(
            Locale.ROOT,
            "    --param %s.%s=%s%n        %s%n",
            p.name(),
            param.key(),
            param.defaultValue(),
            param.description());
      }
      out.println("    writes: " + String.join(", ", p.outputs()));
      out.println();
    }
  }
}
