package io.shiftlab.experiment;

import io.shiftlab.data.synthetic.CornerOnly;
import io.shiftlab.data.synthetic.CornerOnly.Corner;
import io.shiftlab.experiment.CornerOnlyExperiment.Result;
import io.shiftlab.experiment.CornerOnlyExperiment.Row;
import io.shiftlab.experiment.CornerOnlyExperiment.Run;
import io.shiftlab.nn.zoo.CornerNets;
import io.shiftlab.nn.zoo.CornerNets.Head;
import io.shiftlab.report.BarChart;
import io.shiftlab.report.Column;
import io.shiftlab.report.Json;
import io.shiftlab.report.MarkdownDoc;
import io.shiftlab.report.Table;
import io.shiftlab.rf.RfRow;
import io.shiftlab.rf.RfTable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Writes the outputs of {@link CornerOnlyExperiment}: {@code results.md} (with the receptive-field
 * tables of the models), {@code results.csv}, {@code results.json} and {@code
 * accuracy-by-corner.png}/{@code .svg}. The card publishes no numbers.
 */
public final class CornerOnlyReport {
  /** The chart's file name, without extension. */
  public static final String CHART = "accuracy-by-corner";

  private CornerOnlyReport() {}

  /**
   * The main table: accuracy in percent per corner and head, mean over seeds.
   *
   * @param r the result
   * @return the table
   */
  public static Table table(Result r) {
    Table.Builder t =
        Table.builder(
            Column.text("head"),
            Column.number("seeds"),
            Column.points("clean (TL val) %", 1),
            Column.points("TL %", 1),
            Column.points("TR %", 1),
            Column.points("BL %", 1),
            Column.points("BR %", 1),
            Column.note("same prediction at all corners"),
            Column.note("bit-identical logits"),
            Column.note("max |Δlogit| vs TL"),
            Column.note("held"));
    for (Row row : r.rows()) {
      double[] m = row.mean();
      int n = row.runs().size() * r.testImages();
      t.row(
          row.head(),
          row.runs().size(),
          100 * row.clean(),
          100 * m[0],
          100 * m[1],
          100 * m[2],
          100 * m[3],
          row.runs().stream().mapToInt(Run::samePredictions).sum() + "/" + n,
          row.runs().stream().mapToInt(Run::identicalLogits).sum() + "/" + n,
          String.format(
              Locale.ROOT,
              "%.2g",
              row.runs().stream().mapToDouble(Run::maxLogitDiff).max().orElse(0)),
          row.held() ? "yes" : "NO");
    }
    return t.build();
  }

  /**
   * The chart: accuracy per corner, one bar per head, std error bars.
   *
   * @param r the result
   * @return the chart
   */
  public static BarChart chart(Result r) {
    BarChart.Builder b =
        BarChart.builder(
                String.format(
                    Locale.ROOT,
                    "corner-only: accuracy per corner, trained at TL (%s, %d seeds)",
                    r.dataset(),
                    r.budget().seeds()))
            .categories(Arrays.stream(Corner.values()).map(Corner::name).toList())
            .xTitle("test corner of the digit on the 64x64 canvas")
            .yTitle("accuracy (%)")
            .yRange(0, 105);
    for (Row row : r.rows()) {
      b.series(
          row.head(),
          Arrays.stream(row.mean()).map(x -> 100 * x).toArray(),
          Arrays.stream(row.std()).map(x -> 100 * x).toArray());
    }
    return b.build();
  }

  /**
   * The receptive-field table of a head's network on the 64x64 canvas.
   *
   * @param h the head
   * @return the per-layer table
   */
  public static Table rfTable(Head h) {
    return RfTable.of(CornerNets.build(h, 10), CornerOnly.CANVAS);
  }

  /** One sentence on the last map's geometry, read off the receptive-field rows. */
  static String rfSentence() {
    RfRow top = CornerOnlyExperiment.lastMap(Head.FC);
    return String.format(
        Locale.ROOT,
        "Trunk's last map (every head): %dx%d cells, receptive field %d, jump %d, effective"
            + " padding %d; cell i sees rows %di%+d..%di%+d, so the top-left digit (rows 2-29)"
            + " reaches cells 0-3 and the bottom-right digit (rows 34-61) cells 4-7; cell 4 (rows"
            + " %d-%d) straddles the quadrants (card 3 pitfall).",
        top.size(),
        top.size(),
        top.r(),
        top.jump(),
        -top.firstPixel(0),
        top.jump(),
        top.firstPixel(0),
        top.jump(),
        top.lastPixel(0),
        top.firstPixel(4),
        top.lastPixel(4));
  }

  /**
   * The verdict sentence.
   *
   * @param r the result
   * @return e.g. "The card's expectations held for 3 of 3 heads."
   */
  public static String verdict(Result r) {
    long held = r.rows().stream().filter(Row::held).count();
    return String.format(
        Locale.ROOT, "The card's expectations held for %d of %d heads.", held, r.rows().size());
  }

  /** The decisions this experiment took. */
  static final List<String> DECISIONS =
      List.of(
          "Data: the digits set (or --dataset fashion-mnist), 28x28, pasted on a 64x64 zero"
              + " canvas at TL (2,2) for training and validation, and at each corner for the test"
              + " split; 'clean' is the TL validation accuracy.",
          "Convolutions have a bias (Keras Conv2D default; the card does not say); 'same' ="
              + " padding 1 per side; max-pool 2/2 without padding.",
          "Adam lr 1e-3 with Keras defaults (beta .9/.999, eps 1e-7), batch 64, shuffled order,"
              + " 5 epochs, no early stopping (last epoch kept); run seeds 0, 1, ...",
          "Thresholds the card leaves open: FC TL within 3 points of clean and BR below 25%;"
              + " GAP-zero every corner within 5 points of TL.",
          "The GAP heads classify from 32 channel averages and learn slowly in the card's 5"
              + " epochs, so their clean accuracy is well below the FC head's; that is capacity"
              + " and budget, not position: the checks compare each corner with TL.",
          "GAP-circular: the four corners are circular rolls of each other by 0 or 32 rows and"
              + " columns, multiples of the total stride 8, so the trunk's 8x8 maps are exact"
              + " rolls (the convolutions and max pools commute with them). The global average"
              + " then sums the same 64 numbers in another order, and float addition is not"
              + " associative, so the logits can differ in the last bits: the check asks for the"
              + " same prediction for every image and |Δlogit| <= 1e-5, and the table reports how"
              + " many rows were bit-identical.",
          "Budget: FULL = the card's 5 epochs on the whole training split (3500 digits), 3 seeds"
              + " per head; QUICK = 2000 training images, 1 seed; SMOKE = 100 train / 50 val / 50"
              + " test images, 1 epoch (numbers meaningless).");

  static String setup(Result r) {
    var b = r.budget();
    return String.format(
        Locale.ROOT,
        "Data: %s, %d training digits at TL of a 64x64 canvas, %d test digits at each corner;"
            + " master seed %d. Per head, %d runs (seed 0..%d): Adam 1e-3, batch %d, %d epochs."
            + " Accuracy in percent, mean over seeds. No published numbers (the source is a"
            + " StackExchange answer).",
        r.dataset(),
        r.trainImages(),
        r.testImages(),
        r.seed(),
        b.seeds(),
        b.seeds() - 1,
        CornerOnlyExperiment.BATCH,
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
    return Transitional.outcome(
        e,
        setup(r),
        table(r),
        List.of(
            new Figure(
                CHART + ".png",
                "Accuracy per test corner for the FC, GAP and GAP-circular heads, trained at the"
                    + " top-left only.")),
        CornerOnlyExperiment.checks(r),
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
            .heading(1, "corner-only")
            .paragraph(
                "Claim (StackExchange answer, seed 003; PROTOCOLS card 3): trained on objects at"
                    + " the top-left only, a CNN whose dense head reads positions fails at the other"
                    + " corners; global pooling avoids it; with circular padding the corners are"
                    + " rolls of one another and give identical logits.")
            .paragraph(setup(r))
            .heading(2, "Accuracy per corner")
            .table(main)
            .heading(2, "Expected outcome (card 3)")
            .paragraph(verdict(r))
            .bullets(CornerOnlyExperiment.verdictLines(r))
            .image(CHART + ".png", "accuracy per corner per head")
            .heading(2, "Receptive field (one axis, 64x64 canvas)")
            .paragraph(rfSentence())
            .heading(3, "corner-fc")
            .table(rfTable(Head.FC))
            .heading(3, "corner-gap and corner-gap-circular (same geometry)")
            .table(rfTable(Head.GAP))
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
                                "%s seed %d: %s, clean %.1f%%, TL %.1f, TR %.1f, BL %.1f, BR"
                                    + " %.1f%%, same prediction %d, bit-identical %d, max"
                                    + " |Δlogit| %.2g",
                                run.head(),
                                run.seed(),
                                run.runDir(),
                                100 * run.clean(),
                                100 * run.accuracy()[0],
                                100 * run.accuracy()[1],
                                100 * run.accuracy()[2],
                                100 * run.accuracy()[3],
                                run.samePredictions(),
                                run.identicalLogits(),
                                run.maxLogitDiff()))
                    .toList());
    md.write(dir.resolve("results.md"));
  }
}
