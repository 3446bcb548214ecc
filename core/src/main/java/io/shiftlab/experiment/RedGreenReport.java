package io.shiftlab.experiment;

import io.shiftlab.experiment.RedGreenExperiment.Result;
import io.shiftlab.experiment.RedGreenExperiment.Row;
import io.shiftlab.experiment.RedGreenExperiment.Run;
import io.shiftlab.report.BarChart;
import io.shiftlab.report.Column;
import io.shiftlab.report.Json;
import io.shiftlab.report.MarkdownDoc;
import io.shiftlab.report.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the outputs of {@link RedGreenExperiment}: {@code results.md}, {@code results.csv}, {@code
 * results.json} and {@code accuracy-by-conv.png}/{@code .svg}. The README's numbers appear only in
 * the column labelled published.
 */
public final class RedGreenReport {
  /** The chart's file name, without extension. */
  public static final String CHART = "accuracy-by-conv";

  private RedGreenReport() {}

  /**
   * The main table: Similar and Dissimilar accuracy in percent over seeds per convolution type,
   * beside the published numbers.
   *
   * @param r the result
   * @return the table
   */
  public static Table table(Result r) {
    Table.Builder t =
        Table.builder(
            Column.text("conv"),
            Column.number("seeds"),
            Column.points("Similar %", 1),
            Column.points("Similar ± std", 1),
            Column.points("Dissimilar %", 1),
            Column.points("Dissimilar ± std", 1),
            Column.note("epochs (kept)"),
            Column.note("bit-identical logits"),
            Column.note("published Similar / Dissimilar (README)"),
            Column.note("held"));
    for (Row row : r.rows()) {
      int identical = row.runs().stream().mapToInt(Run::identicalLogits).sum();
      t.row(
          row.conv(),
          row.runs().size(),
          100 * row.similarMean(),
          100 * row.similarStd(),
          100 * row.dissimilarMean(),
          100 * row.dissimilarStd(),
          String.join(
              " ",
              row.runs().stream().map(x -> x.epochsRun() + "(" + x.bestEpoch() + ")").toList()),
          identical + "/" + row.runs().size() * r.testImages(),
          row.published().text(),
          row.held() ? "yes" : "NO");
    }
    return t.build();
  }

  /**
   * The chart: grouped bars, Similar and Dissimilar per convolution type, with std error bars,
   * beside the published means (no error bars).
   *
   * @param r the result
   * @return the chart
   */
  public static BarChart chart(Result r) {
    int n = r.rows().size();
    double[] sim = new double[n];
    double[] simStd = new double[n];
    double[] dis = new double[n];
    double[] disStd = new double[n];
    double[] pubSim = new double[n];
    double[] pubDis = new double[n];
    for (int i = 0; i < n; i++) {
      Row row = r.rows().get(i);
      sim[i] = 100 * row.similarMean();
      simStd[i] = 100 * row.similarStd();
      dis[i] = 100 * row.dissimilarMean();
      disStd[i] = 100 * row.dissimilarStd();
      pubSim[i] = row.published().similar();
      pubDis[i] = row.published().dissimilar();
    }
    return BarChart.builder(
            String.format(
                Locale.ROOT,
                "red-green: accuracy by convolution type (mean ± std, %d seeds)",
                r.budget().seeds()))
        .categories(r.rows().stream().map(Row::conv).toList())
        .xTitle("convolution type")
        .yTitle("accuracy (%)")
        .yRange(0, 105)
        .series("Similar (ours)", sim, simStd)
        .series("Dissimilar (ours)", dis, disStd)
        .series("Similar (published)", pubSim, null)
        .series("Dissimilar (published)", pubDis, null)
        .build();
  }

  /**
   * The verdict sentence.
   *
   * @param r the result
   * @return e.g. "The card's expectations held for 4 of 4 convolution types; splits disjoint."
   */
  public static String verdict(Result r) {
    long held = r.rows().stream().filter(Row::held).count();
    return String.format(
        Locale.ROOT,
        "The card's expectations held for %d of %d convolution types; splits %s.",
        held,
        r.rows().size(),
        r.disjoint() ? "disjoint" : "NOT disjoint");
  }

  /** The decisions this experiment took. */
  static final List<String> DECISIONS =
      List.of(
          "One data set from the master seed (streams train, val, test.similar; val and test"
              + " redraw any image already in an earlier split, so splits are disjoint by"
              + " content, unlike the original whose val equals train[0:1000]); runs differ in"
              + " the run (initialisation) seed 0, 1, ...",
          "Dissimilar = Similar rolled circularly by 16 rows, image for image (card 5), so the"
              + " circular network's logits must agree bit for bit: checked per image.",
          "Circular = explicit circular pad 1 + valid convolution (what PyTorch <= 1.4 did for"
              + " padding=2, padding_mode='circular'); modern PyTorch would pad 2 per side.",
          "Full-zero = zero padding k - 1 = 2 per side at every layer (maps 34, 18, 10, 6).",
          "Adadelta as torch.optim.Adadelta: lr 1, rho 0.9, eps 1e-6, weight decay 5e-5 (L2 on"
              + " the gradient); batch 200 in stored order; early stopping after 8 epochs without"
              + " a lower validation loss, the best epoch's parameters kept.",
          "Thresholds the card leaves open: Similar ≈ 100 means mean >= 95%; Dissimilar << 50"
              + " means mean < 25%; full-zero Similar ≈ Dissimilar means means within 3 points;"
              + " std is the population std over seeds.",
          "Budget: FULL uses the card's full sizes 2000/1000/1000 but at most 30 epochs (card:"
              + " 50) and 2 seeds per type (card: 10), to stay within 10 minutes on 2 cores;"
              + " QUICK is the card's small scale (1000/500/500, 15 epochs, 2 seeds); SMOKE"
              + " 100/50/50, 2 epochs, 1 seed (numbers meaningless).");

  static String setup(Result r) {
    var b = r.budget();
    return String.format(
        Locale.ROOT,
        "Data: 3x32x32 red-green images, %d train / %d val / %d test per variant, master seed"
            + " %d. Per convolution type, %d runs (run seed 0..%d): Adadelta (lr 1, rho 0.9, eps"
            + " 1e-6, wd 5e-5), batch %d, fixed order, at most %d epochs, early stopping patience"
            + " %d. Accuracy in percent, mean ± population std over seeds. Published: %s —"
            + " reference values, not ours.",
        b.sizes().train(),
        b.sizes().val(),
        b.sizes().test(),
        r.dataSeed(),
        b.seeds(),
        b.seeds() - 1,
        RedGreenExperiment.BATCH,
        b.maxEpochs(),
        RedGreenExperiment.PATIENCE,
        RedGreenExperiment.PUBLISHED_SOURCE);
  }

  /**
   * The outcome for the combined report.
   *
   * @param e the experiment
   * @param r the result
   * @param seconds wall time
   * @return the outcome
   */
  public static Outcome outcome(Experiment e, Result r, double seconds) {
    return Outcome.of(
        e,
        setup(r),
        table(r),
        List.of(
            new Figure(
                CHART + ".png",
                "Similar vs Dissimilar accuracy per convolution type, ours (std error bars) beside"
                    + " the published means.")),
        RedGreenExperiment.checks(r),
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
            .heading(1, "red-green")
            .paragraph(
                "Claim (Kayhan & van Gemert CVPR 2020 Exp. 2; PROTOCOLS card 5): border handling"
                    + " decides whether a CNN exploits absolute position. Valid and zero-same"
                    + " networks learn the position shortcut and fail on the Dissimilar set (the"
                    + " classes' halves swapped); circular padding cannot see position.")
            .paragraph(setup(r))
            .heading(2, "Accuracy")
            .table(main)
            .heading(2, "Expected outcome (card 5)")
            .paragraph(verdict(r))
            .bullets(RedGreenExperiment.verdictLines(r))
            .image(CHART + ".png", "Similar vs Dissimilar accuracy per convolution type")
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
                                "%s seed %d: %s, %d epochs (kept %d), Similar %.1f%%, Dissimilar"
                                    + " %.1f%%, same prediction %d, bit-identical logits %d",
                                run.conv(),
                                run.seed(),
                                run.runDir(),
                                run.epochsRun(),
                                run.bestEpoch(),
                                100 * run.similar(),
                                100 * run.dissimilar(),
                                run.samePredictions(),
                                run.identicalLogits()))
                    .toList());
    md.write(dir.resolve("results.md"));
  }
}
