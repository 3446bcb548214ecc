package io.shiftlab.experiment;

import io.shiftlab.experiment.PatchLocationExperiment.Result;
import io.shiftlab.experiment.PatchLocationExperiment.Row;
import io.shiftlab.report.BarChart;
import io.shiftlab.report.Column;
import io.shiftlab.report.Json;
import io.shiftlab.report.MarkdownDoc;
import io.shiftlab.report.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the outputs of {@link PatchLocationExperiment}: {@code results.md}, {@code results.csv},
 * {@code results.json} and {@code accuracy-by-padding.png}/{@code .svg}. The notebook's figure
 * appears only in the column labelled published.
 */
public final class PatchLocationReport {
  /** The chart's file name, without extension. */
  public static final String CHART = "accuracy-by-padding";

  private PatchLocationReport() {}

  /**
   * The main table: accuracy in percent over seeds per padding, beside the published figure.
   *
   * @param r the result
   * @return the table
   */
  public static Table table(Result r) {
    Table.Builder t =
        Table.builder(
            Column.text("padding"),
            Column.number("seeds"),
            Column.points("accuracy % (mean)", 1),
            Column.points("± std", 1).withKey("accuracy_std"),
            Column.points("min", 1).withKey("accuracy_min"),
            Column.points("max", 1).withKey("accuracy_max"),
            Column.note("identical logits"),
            Column.note("published"),
            Column.note("expected (card 4)"),
            Column.note("held"));
    for (Row row : r.rows()) {
      boolean zero = row.padding().equals("zero");
      t.row(
          row.padding(),
          row.runs().size(),
          100 * row.mean(),
          100 * row.std(),
          100 * row.min(),
          100 * row.max(),
          row.identicalRuns() + "/" + row.runs().size(),
          zero
              ? String.format(
                  Locale.ROOT,
                  "%.1f ± %.1f",
                  PatchLocationExperiment.PUBLISHED_ZERO[0],
                  PatchLocationExperiment.PUBLISHED_ZERO[1])
              : "",
          row.expected(),
          row.held() ? "yes" : "NO");
    }
    return t.build();
  }

  /**
   * The chart: one bar per padding (a category, not a scale), the mean accuracy over seeds, with a
   * bar from the lowest to the highest seed drawn as the error bar around the mean (its half-width
   * is the larger distance, so the range is covered).
   *
   * @param r the result
   * @return the chart
   */
  public static BarChart chart(Result r) {
    int n = r.rows().size();
    List<String> names = new ArrayList<>(n);
    double[] mean = new double[n];
    double[] spread = new double[n];
    for (int i = 0; i < n; i++) {
      Row row = r.rows().get(i);
      names.add(row.padding());
      mean[i] = row.mean();
      spread[i] = Math.max(row.max() - row.mean(), row.mean() - row.min());
    }
    return BarChart.builder("patch-location: accuracy on the 2 images by padding")
        .categories(names)
        .xTitle("padding")
        .yTitle("accuracy (mean over seeds; bar: min to max)")
        .yRange(0, 1)
        .series("mean over seeds", mean, spread)
        .build();
  }

  /**
   * The verdict sentence.
   *
   * @param r the result
   * @return e.g. "The expectations held for 4 of 4 paddings."
   */
  public static String verdict(Result r) {
    long held = r.rows().stream().filter(Row::held).count();
    return String.format(
        Locale.ROOT, "The card's expectations held for %d of %d paddings.", held, r.rows().size());
  }

  /** The decisions this experiment took. */
  static final List<String> DECISIONS =
      List.of(
          "Identical logits means the two images' logit rows are equal bit for bit; argmax then"
              + " picks the same class for both, so accuracy is exactly 50%.",
          "Ties in argmax go to the lower class.",
          "The valid-padding expectation is the card's guess (unverified there); the row reports"
              + " what we measured.");

  static String setup(Result r) {
    var b = r.budget();
    return String.format(
        Locale.ROOT,
        "A capacity test: the same 2 images (1x32x32) are the training, validation and test set."
            + " Per padding, %d runs (init seed = run seed = 0..%d); SGD lr %s, momentum %s, batch"
            + " 1, fixed order, %d epochs, no early stopping, no augmentation. Accuracy in percent,"
            + " mean ± population std over seeds. Published: %s — a reference value, not ours.",
        b.seeds(),
        b.seeds() - 1,
        Float.toString(b.learningRate()),
        Float.toString(b.momentum()),
        b.epochs(),
        PatchLocationExperiment.PUBLISHED_SOURCE);
  }

  /**
   * The outcome for the combined report.
   *
   * @param e the experiment
   * @param r the result
   * @param seconds wall time
   * @return the outcome
   */
  public static Outcome outcome(Experiment<?> e, Result r, double seconds) {
    return Transitional.outcome(
        e,
        setup(r),
        table(r),
        List.of(new Figure(CHART + ".png", "Accuracy by padding, mean, min and max over seeds.")),
        PatchLocationExperiment.checks(r),
        DECISIONS,
        seconds);
  }

  /**
   * Writes every output file into {@code dir}.
   *
   * @param r the result
   * @param dir the output directory
   */
  public static void write(Result r, Path dir) {
    Table main = table(r);
    main.writeCsv(dir.resolve("results.csv"));
    Json.write(dir.resolve("results.json"), r);
    BarChart chart = chart(r);
    chart.writePng(dir.resolve(CHART + ".png"));
    chart.writeSvg(dir.resolve(CHART + ".svg"));
    MarkdownDoc md =
        new MarkdownDoc()
            .heading(1, "patch-location")
            .paragraph(
                "Claim (Kayhan & van Gemert CVPR 2020 Fig. 1; PROTOCOLS card 4): one 5x5 filter,"
                    + " zero padding, ReLU and a global max pool classify an identical patch at the"
                    + " top-left vs the bottom-right corner; the padding is what tells them apart.")
            .paragraph(setup(r))
            .heading(2, "Accuracy")
            .table(main)
            .heading(2, "Expected outcome (card 4)")
            .paragraph(verdict(r))
            .bullets(PatchLocationExperiment.verdictLines(r))
            .image(CHART + ".png", "accuracy by padding, mean, min and max over seeds")
            .heading(2, "Decisions")
            .bullets(DECISIONS)
            .heading(2, "Runs")
            .bullets(
                r.rows().stream()
                    .flatMap(row -> row.runs().stream())
                    .map(
                        run ->
                            String.format(
                                Locale.ROOT,
                                "%s seed %d: %s, accuracy %.1f%%, identical logits %s",
                                run.padding(),
                                run.seed(),
                                run.runDir(),
                                100 * run.accuracy(),
                                run.identicalLogits()))
                    .toList());
    md.write(dir.resolve("results.md"));
  }
}
