package io.shiftlab.experiment;

import io.shiftlab.experiment.ShiftedDigits.ArmResult;
import io.shiftlab.experiment.ShiftedDigits.Result;
import io.shiftlab.report.Column;
import io.shiftlab.report.Json;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.MarkdownDoc;
import io.shiftlab.report.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the outputs of {@link ShiftedDigits}: {@code results.md}, {@code results.csv}, {@code
 * curve.csv}, {@code results.json} and {@code accuracy-vs-shift.png}/{@code .svg}. Every number
 * comes from the {@link Result}; the article's figures appear only in columns labelled published.
 */
public final class ShiftedDigitsReport {
  /** The chart's file name, without extension. */
  public static final String CHART = "accuracy-vs-shift";

  private ShiftedDigitsReport() {}

  /**
   * The main table: our accuracies beside the published ones.
   *
   * @param r the result
   * @return the table
   */
  public static Table table(Result r) {
    Table.Builder t =
        Table.builder(
            Column.text("model"),
            Column.fixed("clean", 4),
            Column.fixed("ShiftMin (±1 px)", 4),
            Column.fixed("Shift (±4x±3 px)", 4),
            Column.fixed("drop clean→Shift", 4),
            Column.fixed("published clean", 4),
            Column.fixed("published ShiftMin", 4),
            Column.fixed("published Shift", 4));
    for (ArmResult a : r.arms()) {
      double[] p = ShiftedDigits.PUBLISHED.get(a.arm().label());
      t.row(
          a.arm().label(),
          a.clean(),
          a.shiftMin(),
          a.shift(),
          a.drop(),
          p == null ? null : p[0],
          p == null ? null : p[1],
          p == null ? null : p[2]);
    }
    return t.build();
  }

  /**
   * Accuracy against maximum shift, one row per arm.
   *
   * @param r the result
   * @return the table
   */
  public static Table curveTable(Result r) {
    List<Column> cols = new ArrayList<>();
    cols.add(Column.text("model"));
    for (int s = 0; s <= ShiftedDigits.CURVE_MAX; s++) {
      cols.add(Column.fixed("max " + s + " px", 4));
    }
    List<List<Object>> rows = new ArrayList<>();
    for (ArmResult a : r.arms()) {
      List<Object> row = new ArrayList<>();
      row.add(a.arm().label());
      for (double v : a.curve()) {
        row.add(v);
      }
      rows.add(row);
    }
    return Table.of(cols, rows);
  }

  /**
   * The chart: accuracy against the maximum shift, 0 to 6 px, one line per model.
   *
   * @param r the result
   * @return the chart
   */
  public static LineChart chart(Result r) {
    LineChart.Builder c =
        LineChart.builder(
                "shifted-digits (" + r.settings().dataset() + "): accuracy under random shifts")
            .xTitle("maximum shift |dx|, |dy| (px), bilinear, zero fill")
            .yTitle("test accuracy")
            .yRange(0, 1);
    double[] x = new double[ShiftedDigits.CURVE_MAX + 1];
    for (int s = 0; s < x.length; s++) {
      x[s] = s;
    }
    for (ArmResult a : r.arms()) {
      c.series(a.arm().label(), x, a.curve());
    }
    return c.build();
  }

  /**
   * One line per check, for the terminal and the Markdown report.
   *
   * @param r the result
   * @return the lines
   */
  public static List<String> checkLines(Result r) {
    return r.checks().stream().map(Check::line).toList();
  }

  /**
   * The verdict sentence.
   *
   * @param r the result
   * @return e.g. "The expected shape held (4 of 4 checks)."
   */
  public static String verdict(Result r) {
    long held = r.checks().stream().filter(Check::held).count();
    return held == r.checks().size()
        ? String.format(Locale.ROOT, "The expected shape held (%d of %d checks).", held, held)
        : String.format(
            Locale.ROOT,
            "The expected shape did NOT fully hold (%d of %d checks held).",
            held,
            r.checks().size());
  }

  /** The decisions this experiment took where the card was silent or had to be departed from. */
  static final List<String> DECISIONS =
      List.of(
          "ShiftMin and Shift draw one offset per test image, |d| = U(0, max) with a"
              + " random sign, as the article's shiftImageDataset; bilinear, zero outside"
              + " (warpAffine's defaults, without its 1/32 weight rounding).",
          "All models see the same offsets (streams test.shiftMin and test.shift).",
          "The article validated on the test set; we stop early on a separate"
              + " validation split and never look at the test set while training.",
          "NN is the article's per-pixel dense model (nn-article); MLP is the usual"
              + " flattening perceptron, which the article did not run.",
          "The augmentation arm follows Keras: shift range 0.1 of the size (±2.8 px),"
              + " uniform, fill nearest (replicate); its offsets are smaller than"
              + " Shift's ±4 px.");

  /**
   * The setup paragraph: budget, test images, seed and what the published columns are.
   *
   * @param r the result
   * @return the paragraph
   */
  static String setup(Result r) {
    var b = r.settings().budget();
    return String.format(
        Locale.ROOT,
        "Budget: up to %d epochs, Adam lr %s, batch %d, early stopping on the"
            + " validation split (patience %d); %s test images; seed %d. Published"
            + " columns: %s (60k/10k, Adam 1e-4, up to 100 epochs) — reference values,"
            + " not ours.",
        b.epochs(),
        Float.toString(b.learningRate()),
        b.batchSize(),
        b.patience(),
        r.testImages(),
        r.settings().seed(),
        ShiftedDigits.PUBLISHED_SOURCE);
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
        List.of(new Figure(CHART + ".png", "Accuracy against maximum shift, one line per model.")),
        r.checks(),
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
    Table curve = curveTable(r);
    main.writeCsv(dir.resolve("results.csv"));
    curve.writeCsv(dir.resolve("curve.csv"));
    Json.write(dir.resolve("results.json"), r);
    LineChart chart = chart(r);
    chart.writePng(dir.resolve(CHART + ".png"));
    chart.writeSvg(dir.resolve(CHART + ".svg"));
    MarkdownDoc md =
        new MarkdownDoc()
            .heading(1, "shifted-digits on " + r.settings().dataset())
            .paragraph(
                "Claim (Soni 2019, seed 004; PROTOCOLS card 1): convolution and pooling depth give"
                    + " partial tolerance to small shifts, a position-specific dense read-out none;"
                    + " shift augmentation helps most.")
            .paragraph(setup(r))
            .heading(2, "Accuracy")
            .table(main)
            .heading(2, "Expected shape (card 1)")
            .paragraph(verdict(r))
            .bullets(checkLines(r))
            .heading(2, "Accuracy against maximum shift")
            .image(CHART + ".png", "accuracy against maximum shift, one line per model")
            .table(curve)
            .heading(2, "Decisions")
            .bullets(DECISIONS)
            .heading(2, "Runs")
            .bullets(
                r.arms().stream()
                    .map(
                        a ->
                            String.format(
                                Locale.ROOT,
                                "%s: %s (%d epochs, best %d, %.0f s)",
                                a.arm().label(),
                                a.runDir(),
                                a.train().epochsRun(),
                                a.train().bestEpoch(),
                                a.train().trainSeconds()))
                    .toList());
    md.write(dir.resolve("results.md"));
  }
}
