package io.shiftlab.probe;

import ai.djl.ndarray.NDManager;
import io.shiftlab.data.ImageSet;
import io.shiftlab.nn.Classifier;
import io.shiftlab.random.Streams;
import io.shiftlab.report.Json;
import io.shiftlab.report.MarkdownDoc;
import io.shiftlab.run.Runner;
import io.shiftlab.runtime.TorchRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Probes of one model as a {@link Runner} job: each probe measures, its writer writes its files
 * into the staging directory, then {@code summary.md} and {@code summary.json} are added beside
 * them. The runner adds the manifest (the seed, versions, threads, the data checksums and the model
 * file) and publishes the directory.
 */
public final class ProbeJob {
  private ProbeJob() {}

  /**
   * A probe with its resolved options.
   *
   * @param probe the probe
   * @param params its options
   */
  public record Selection(Probe<?> probe, ProbeParams params) {
    /**
     * Resolves every selected probe's options, so a bad one fails before anything loads.
     *
     * @param probes the probes, in running order
     * @param given the options given, probe name to key to value
     * @return one selection per probe
     * @throws io.shiftlab.UserInputException for an unknown key or a value its rule rejects
     */
    public static List<Selection> of(
        List<Probe<?>> probes, Map<String, Map<String, String>> given) {
      List<Selection> out = new ArrayList<>();
      for (Probe<?> p : probes) {
        out.add(
            new Selection(
                p, new ProbeParams(p.name(), p.params(), given.getOrDefault(p.name(), Map.of()))));
      }
      return List.copyOf(out);
    }
  }

  /**
   * The model and data a command probes.
   *
   * @param source where the model came from (named in the outputs, described in the manifest)
   * @param model the open classifier
   * @param test the test images, already limited
   * @param dataset the data set's name
   * @param limit the {@code --limit} that cut the test set, 0 for none
   * @param dataSha256 the checksums of the data files read
   * @param seed the seed of the probes' random streams
   */
  public record Subject(
      ModelSource source,
      Classifier model,
      ImageSet test,
      String dataset,
      int limit,
      Map<String, String> dataSha256,
      long seed) {}

  /**
   * Measures with a probe and has its writer write the result into {@code dir}.
   *
   * @param probe the probe
   * @param ctx its context
   * @param dir an existing directory
   * @param <R> the probe's result type
   * @return the writer's summary
   */
  public static <R> ProbeSummary write(Probe<R> probe, ProbeContext ctx, Path dir) {
    return probe.writer().write(probe.measure(ctx), dir);
  }

  /**
   * Runs the probes into {@code target}, replacing it when everything is written.
   *
   * @param subject the model and data
   * @param probes the probes with their options, in running order
   * @param target the final directory
   * @param log where progress lines go
   * @return the summary that {@code summary.md} holds
   * @throws IOException if an output cannot be written
   */
  public static MarkdownDoc run(
      Subject subject, List<Selection> probes, Path target, PrintStream log) throws IOException {
    return Runner.run(
        target,
        subject.seed(),
        staging -> {
          staging.dataSha256().putAll(subject.dataSha256());
          staging.model(subject.source().describe());
          try (NDManager manager = TorchRuntime.newManager()) {
            return writeAll(subject, probes, staging.dir(), log, manager);
          }
        });
  }

  private static MarkdownDoc writeAll(
      Subject subject, List<Selection> probes, Path staging, PrintStream log, NDManager manager)
      throws IOException {
    String name = subject.source().displayName();
    ImageSet test = subject.test();
    Streams streams = new Streams(subject.seed());
    List<ProbeSummary> summaries = new ArrayList<>();
    for (Selection s : probes) {
      log.println("probe " + s.probe().name() + " on " + test.size() + " images...");
      summaries.add(
          write(
              s.probe(),
              new ProbeContext(subject.model(), name, test, streams, manager, s.params()),
              staging));
    }
    MarkdownDoc md =
        new MarkdownDoc()
            .heading(1, "shiftlab probe: " + name)
            .paragraph(
                String.format(
                    Locale.ROOT,
                    "%d test images of %s%s, seed %d.",
                    test.size(),
                    subject.dataset(),
                    subject.limit() > 0 ? " (first " + subject.limit() + ")" : "",
                    subject.seed()));
    for (ProbeSummary s : summaries) {
      md.heading(2, s.probe());
      md.paragraph("Options: " + (s.params().isEmpty() ? "none" : new TreeMap<>(s.params())));
      md.raw(s.markdown());
    }
    md.write(staging.resolve("summary.md"));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", name);
    json.put("dataset", subject.dataset());
    json.put("images", test.size());
    json.put("seed", subject.seed());
    json.put("probes", summaries);
    Json.write(staging.resolve("summary.json"), json);
    return md;
  }
}
