package io.shiftlab.experiment;

import io.shiftlab.data.synthetic.CanvasGrid.Colour;
import io.shiftlab.data.synthetic.CanvasGrid.Task;
import io.shiftlab.experiment.BorderDistanceExperiment.Budget;
import io.shiftlab.experiment.BorderDistanceExperiment.Result;
import io.shiftlab.experiment.BorderDistanceExperiment.RunResult;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.report.Column;
import io.shiftlab.report.Heatmap;
import io.shiftlab.report.Json;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.MarkdownDoc;
import io.shiftlab.report.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Writes the outputs of {@link BorderDistanceExperiment}: {@code results.md}, {@code results.csv},
 * {@code results.json}, the A(d) curves ({@code loc-by-distance}, {@code loc-by-colour}, {@code
 * sem-by-distance}, PNG and SVG) and one per-cell heatmap per run ({@code cells-RUN.png}, PNG only;
 * the grid is in {@code results.json}). The card's numbers are unverified: there is no published
 * column.
 */
public final class BorderDistanceReport {
  /** A(d) of LOC per padding on the black canvas. */
  public static final String BY_PADDING = "loc-by-distance";

  /** A(d) of LOC with zero padding per canvas colour. */
  public static final String BY_COLOUR = "loc-by-colour";

  /** A(d) of SEM per padding. */
  public static final String SEM = "sem-by-distance";

  private BorderDistanceReport() {}

  /**
   * The main table: one row per run.
   *
   * @param r the result
   * @return the table
   */
  public static Table table(Result r) {
    Table.Builder t =
        Table.builder(
            Column.text("task"),
            Column.text("padding"),
            Column.text("canvas"),
            Column.points("accuracy %", 1),
            Column.points("chance %", 1),
            Column.points("A(0) %", 1),
            Column.points("A(1) %", 1),
            Column.points("A(2) %", 1),
            Column.points("A(0)-A(2) pts", 1));
    for (RunResult a : r.runs()) {
      t.row(
          a.spec().task().id(),
          a.spec().padding().id(),
          a.spec().colour().id() + " (" + r.canvasValues().get(a.spec().colour()) + ")",
          100 * a.accuracy(),
          100 * a.chance(),
          nan(100 * a.ring(0)),
          nan(100 * a.ring(1)),
          nan(100 * a.ring(2)),
          nan(100 * a.gap()));
    }
    return t.build();
  }

  private static Double nan(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static LineChart curves(
      Result r, String title, Predicate<RunResult> which, boolean byColour) {
    LineChart.Builder c =
        LineChart.builder(title)
            .xTitle("cell distance to the border d = min(r, c, 4-r, 4-c)")
            .yTitle("test accuracy A(d)")
            .yRange(0, 1);
    for (RunResult a : r.runs()) {
      if (!which.test(a)) {
        continue;
      }
      double[] x = {0, 1, 2};
      double[] y = {a.ring(0), a.ring(1), a.ring(2)};
      c.series(byColour ? a.spec().colour().id() + " canvas" : a.spec().padding().id(), x, y);
    }
    return c.build();
  }

  /** The figures that this result's runs can draw, by file stem. */
  static List<String[]> charts(Result r) {
    List<String[]> out = new ArrayList<>();
    if (r.runs().stream().anyMatch(a -> isLocBlack(a))) {
      out.add(
          new String[] {BY_PADDING, "LOC accuracy by cell distance to the border, per padding"});
    }
    if (r.runs().stream().filter(BorderDistanceReport::isLocZero).count() > 1) {
      out.add(
          new String[] {BY_COLOUR, "LOC accuracy by distance, zero padding, per canvas colour"});
    }
    if (r.runs().stream().anyMatch(a -> a.spec().task() == Task.SEM)) {
      out.add(new String[] {SEM, "SEM accuracy by cell distance to the border, per padding"});
    }
    return out;
  }

  private static boolean isLocBlack(RunResult a) {
    return a.spec().task() == Task.LOC && a.spec().colour() == Colour.BLACK;
  }

  private static boolean isLocZero(RunResult a) {
    return a.spec().task() == Task.LOC && a.spec().padding() == PaddingMode.ZERO;
  }

  private static LineChart chart(Result r, String stem) {
    return switch (stem) {
      case BY_PADDING ->
          curves(
              r,
              "border-distance: LOC accuracy by distance to the border (black canvas)",
              BorderDistanceReport::isLocBlack,
              false);
      case BY_COLOUR ->
          curves(
              r,
              "border-distance: LOC, zero padding, by canvas colour",
              BorderDistanceReport::isLocZero,
              true);
      default ->
          curves(
              r,
              "border-distance: SEM (digit class) accuracy by distance (black canvas)",
              a -> a.spec().task() == Task.SEM,
              false);
    };
  }

  /**
   * The per-cell heatmap of a run, in percent, row 0 on top.
   *
   * @param a the run
   * @return the heatmap
   */
  public static Heatmap heatmap(RunResult a) {
    int g = a.cellAccuracy().length;
    int[] x = new int[g];
    int[] y = new int[g];
    int[][] v = new int[g][g];
    for (int j = 0; j < g; j++) {
      x[j] = j;
      y[j] = g - 1 - j;
      for (int i = 0; i < g; i++) {
        double acc = a.cellAccuracy()[g - 1 - j][i];
        v[j][i] = Double.isNaN(acc) ? 0 : (int) Math.round(100 * acc);
      }
    }
    return Heatmap.builder(
            "A(r, c) % — "
                + a.spec().task().id()
                + ", "
                + a.spec().padding().id()
                + " padding, "
                + a.spec().colour().id()
                + " canvas")
        .xTitle("cell column c")
        .yTitle("cell row r (0 = top)")
        .grid(x, y, v)
        .scale(0, 100)
        .size(520, 480)
        .build();
  }

  static String heatmapFile(RunResult a) {
    return "cells-" + a.spec().id() + ".png";
  }

  static final List<String> DECISIONS =
      List.of(
          "Design (the full cross product of 6 paddings x 3 colours x 3 tasks at 140x140 does not"
              + " fit 10 minutes on 2 cores; measured about 7 ms of one core per image and epoch"
              + " for zero padding at 100x100, about 13 ms for reflect, replicate and circular,"
              + " roughly 2x that at 140x140):"
              + " LOC for all six paddings on the black canvas; LOC with zero padding on the"
              + " white and the mean canvas; SEM with zero and circular padding on black. LOC+SEM"
              + " is implemented but not trained.",
          "Cells are 12 px: the digits sheet's native 20x20 digits halved to 10x10 (2x2 means)"
              + " with a 1 px black margin, so the canvas is 60x60 instead of the card's 140x140"
              + " (a 5x5 grid as in the card; about 1/5 of the compute). 12, like 28, is a multiple"
              + " of the total stride 4, so the circular known answer is the same. The receptive"
              + " field (17 px) now spans more than a cell, unlike at 28 px.",
          "Sizes at the full level: 2500 training, 500 validation and 2500 test images, 4 epochs"
              + " (the card: 5000 / 2500, 5 epochs). Training digits come from sheet columns"
              + " 0-69, validation 70-79, test 80-99, drawn with replacement, so no image is in"
              + " two splits; all colours and tasks share the same digits and cells.",
          "The digit keeps its black background: on a white or grey canvas it sits in a visible"
              + " black square; the mean canvas is the training digits' mean pixel value.",
          "No early stopping; the last epoch is evaluated. A(d) pools the test images of all"
              + " cells at distance d (16 cells at d 0, 8 at d 1, 1 at d 2), so A(2) rests on"
              + " about 1/25 of the test set.",
          "Circular known answer: the first test digits placed in all 25 cells; 'exactly chance'"
              + " means every digit gets the same predicted cell everywhere (accuracy exactly"
              + " 1/25) and its logits change by at most 1e-4 of the largest logit (the global"
              + " mean sums the same numbers in another order).",
          "Thresholds chosen before running (the card gives none): 'high' = A(0) >= 90%.");

  static String setup(Result r) {
    Budget b = r.budget();
    return String.format(
        Locale.ROOT,
        "A 5x5 grid of %d px cells (%dx%d canvas); one digit (digits sheet) in a random cell;"
            + " canvas black, white or the digits' mean. %d training, %d validation, %d test"
            + " images (seed %d). Models: 3x3 convs 16/32/64/64, strides 1/2/2/1, GAP, dense,"
            + " one padding each; Adam 1e-3, batch 64, %d epochs. %d models: %s. The card's tasks"
            + " and numbers are unverified; the checks are its expected outcomes (hypotheses).",
        b.cell(),
        5 * b.cell(),
        5 * b.cell(),
        b.train(),
        b.val(),
        b.test(),
        r.seed(),
        b.epochs(),
        b.runs().size(),
        String.join(", ", b.runs().stream().map(s -> s.id()).toList()));
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
    List<Figure> figures = new ArrayList<>();
    for (String[] c : charts(r)) {
      figures.add(new Figure(c[0] + ".png", c[1] + "."));
    }
    RunResult zero = r.find(Task.LOC, PaddingMode.ZERO, Colour.BLACK);
    if (zero != null) {
      figures.add(
          new Figure(heatmapFile(zero), "Per-cell LOC accuracy, zero padding, black canvas."));
    }
    return Transitional.outcome(e, setup(r), table(r), figures, r.checks(), DECISIONS, seconds);
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
    MarkdownDoc md =
        new MarkdownDoc()
            .heading(1, "border-distance")
            .paragraph(
                "Claim (Islam et al. 2021; PROTOCOLS card 9, tasks and numbers unverified):"
                    + " padding and canvas colour let a CNN with global pooling encode position,"
                    + " measurable against the distance to the border.")
            .paragraph(setup(r))
            .heading(2, "Accuracy by cell distance to the border")
            .table(main)
            .heading(2, "Expected outcome (card 9, hypotheses)")
            .paragraph(
                String.format(
                    Locale.ROOT,
                    "%d of %d checks held.",
                    r.checks().stream().filter(Check::held).count(),
                    r.checks().size()))
            .bullets(r.checks().stream().map(Check::line).toList());
    for (String[] c : charts(r)) {
      LineChart chart = chart(r, c[0]);
      chart.writePng(dir.resolve(c[0] + ".png"));
      chart.writeSvg(dir.resolve(c[0] + ".svg"));
      md.image(c[0] + ".png", c[1]);
    }
    md.heading(2, "Per-cell accuracy");
    for (RunResult a : r.runs()) {
      heatmap(a).writePng(dir.resolve(heatmapFile(a)));
      md.image(heatmapFile(a), "per-cell accuracy, " + a.spec().id());
    }
    md.heading(2, "Decisions").bullets(DECISIONS);
    md.heading(2, "Runs")
        .bullets(r.runs().stream().map(a -> a.spec().id() + ": " + a.runDir()).toList());
    md.write(dir.resolve("results.md"));
  }
}
