package io.shiftlab.experiment;

import io.shiftlab.experiment.FramingBiasExperiment.ArmResult;
import io.shiftlab.experiment.FramingBiasExperiment.Budget;
import io.shiftlab.experiment.FramingBiasExperiment.Result;
import io.shiftlab.probe.BinnedAccuracy;
import io.shiftlab.report.Column;
import io.shiftlab.report.Json;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.LineSeries;
import io.shiftlab.report.MarkdownDoc;
import io.shiftlab.report.SeriesStyle;
import io.shiftlab.report.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the outputs of {@link FramingBiasExperiment}: {@code results.md}, {@code results.csv},
 * {@code results.json} and {@code accuracy-by-offset.png}/{@code .svg}. Card 2 has no published
 * numbers, so there is no published column.
 */
public final class FramingBiasReport {
  /** The chart's file name, without extension. */
  public static final String CHART = "accuracy-by-offset";

  private FramingBiasReport() {}

  /**
   * The main table: one row per arm, accuracy in percent, the gap in points, accuracy per bin.
   *
   * @param r the result
   * @return the table
   */
  public static Table table(Result r) {
    List<String> bins = BinnedAccuracy.labels(FramingBiasExperiment.BIN_EDGES);
    List<Column> cols = new ArrayList<>();
    cols.add(Column.text("model"));
    cols.add(Column.text("augmentation"));
    cols.add(Column.points("framed %", 1));
    cols.add(Column.points("anywhere %", 1));
    cols.add(Column.points("Δ pts", 1));
    for (String b : bins) {
      cols.add(Column.fixed("offset " + b + " %", 1));
    }
    List<List<?>> rows = new ArrayList<>();
    for (ArmResult a : r.arms()) {
      List<Object> row = new ArrayList<>();
      row.add(a.arm().label());
      row.add(a.arm().augment());
      row.add(100 * a.framed());
      row.add(100 * a.anywhere());
      row.add(100 * a.gap());
      for (var b : a.bins()) {
        row.add(Double.isNaN(b.accuracy()) ? null : 100 * b.accuracy());
      }
      rows.add(row);
    }
    return Table.of(cols, rows);
  }

  /**
   * The chart: accuracy per offset bin, one line per arm (solid without, dashed with augmentation).
   *
   * @param r the result
   * @return the chart
   */
  public static LineChart chart(Result r) {
    LineChart.Builder c =
        LineChart.builder("framing-bias: accuracy by the object's offset from the frame centre")
            .xTitle("Chebyshev offset bin: 0 = <=2, 1 = (2,6], 2 = (6,10], 3 = >10 px")
            .yTitle("accuracy (framed + anywhere test sets)")
            .yRange(0.4, 1.0);
    for (ArmResult a : r.arms()) {
      int n = a.bins().size();
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = i;
        y[i] = a.bins().get(i).accuracy();
      }
      c.series(
          new LineSeries(
              a.arm().label() + (a.augmented() ? " (dashed)" : ""),
              x,
              y,
              a.augmented() ? SeriesStyle.DASHED : SeriesStyle.SOLID));
    }
    return c.build();
  }

  /** The number of images per bin, for the notes. */
  static String binSizes(Result r) {
    var bins = r.arms().get(0).bins();
    List<String> parts = new ArrayList<>();
    for (var b : bins) {
      parts.add(b.label() + " px: " + b.images());
    }
    return "Images per offset bin (both test sets pooled): " + String.join(", ", parts) + ".";
  }

  static final List<String> DECISIONS =
      List.of(
          "Class mass is matched (card 2 pitfall): each image's total intensity is 255·v0·36 px²"
              + " with v0 ~ U(.6, 1) for both classes (the smallest object's mass at the card's"
              + " intensity), spread over its object's area; the card's shapes and sizes are"
              + " unchanged. Price: larger objects are dimmer, and suns are larger on average, so"
              + " peak brightness is a weak cue in place of total brightness (see FramingBias).",
          "Budget levels: full = the card's small-scale run (2000 train, 5 epochs, both arms,"
              + " 2000 + 2000 test images); the card's full run (4000 train, 10 epochs) costs about"
              + " four times as much and does not fit the 10-minute budget.",
          "Offset bins pool both test sets (framed test images all fall in <=2 px); centres are"
              + " real, so the card's bins 3-6 and 7-10 are read as (2,6] and (6,10].",
          "No early stopping: the last epoch's parameters are evaluated; the framed validation"
              + " split only reports accuracy. All arms share the data and the seed (same init,"
              + " order and augmentation streams), so arms differ only in model and augmentation.",
          "Augmentation: one integer offset in U{-14..14}² per image and epoch, zero fill (stream"
              + " aug/EPOCH); anywhere centres are at most 13.5 px off, inside that range.",
          "The dilated stack has four 3x3 layers of widths 16/32/32/32 (the card lists three"
              + " widths and four dilations), zero 'same' padding (p = d), so it keeps 48x48.",
          "Thresholds, chosen before running (the card gives none): a large gap is >= 10 points;"
              + " 'towards 50%' is a far-bin (>10 px) accuracy <= 75%; 'Δ ≈ 0' is |Δ| <= 3"
              + " points (about three standard errors of a difference at 2000 + 2000 images)."
              + " Added after the first quick run showed S-flat+aug stuck at chance (where Δ ≈ 0"
              + " says nothing): the augmentation check also needs >= 80% on the anywhere set.");

  static String setup(Result r) {
    Budget b = r.budget();
    return String.format(
        Locale.ROOT,
        "Data: 48x48 suns vs other shapes (FramingBias, mass-matched), %d framed training and %d"
            + " framed validation images; test sets of %d framed and %d anywhere images (seed"
            + " %d). Models: P-flat, P-gap, S-flat, D-flat, D-gap (3x3 convs, zero same padding,"
            + " 16/32/32 channels), each trained without and with shift augmentation"
            + " U{-14..14}² (zero fill): Adam 1e-3, batch 64, %d epochs. Δ = framed − anywhere"
            + " accuracy. Card 2 publishes no numbers; the checks are the card's expectations"
            + " (hypotheses).",
        b.train(),
        b.val(),
        b.test(),
        b.test(),
        r.seed(),
        b.epochs());
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
    List<String> notes = new ArrayList<>(DECISIONS);
    notes.add(binSizes(r));
    return Transitional.outcome(
        e,
        setup(r),
        table(r),
        List.of(
            new Figure(
                CHART + ".png",
                "Accuracy per Chebyshev offset bin, one line per model and arm (dashed: with"
                    + " shift augmentation).")),
        r.checks(),
        notes,
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
    LineChart chart = chart(r);
    chart.writePng(dir.resolve(CHART + ".png"));
    chart.writeSvg(dir.resolve(CHART + ".svg"));
    long held = r.checks().stream().filter(Check::held).count();
    new MarkdownDoc()
        .heading(1, "framing-bias")
        .paragraph(
            "Claim (Warden's blog, seed 000; PROTOCOLS card 2): a CNN trained on centrally framed"
                + " objects misses them elsewhere; random shift augmentation fixes it; global"
                + " pooling shrinks the gap; a dilated stack with a flat head is worst.")
        .paragraph(setup(r))
        .heading(2, "Accuracy")
        .table(main)
        .paragraph(binSizes(r))
        .heading(2, "Expected outcome (card 2, hypotheses)")
        .paragraph(String.format(Locale.ROOT, "%d of %d checks held.", held, r.checks().size()))
        .bullets(r.checks().stream().map(Check::line).toList())
        .image(CHART + ".png", "accuracy per offset bin per model and arm")
        .heading(2, "Decisions")
        .bullets(DECISIONS)
        .heading(2, "Runs")
        .bullets(
            r.arms().stream()
                .map(
                    a ->
                        String.format(
                            Locale.ROOT,
                            "%s (%s, augment %s): %s, validation accuracy %.1f%%",
                            a.arm().label(),
                            a.arm().model(),
                            a.arm().augment(),
                            a.runDir(),
                            100 * a.valAccuracy()))
                .toList())
        .write(dir.resolve("results.md"));
  }
}
