package io.shiftlab.experiment;

import io.shiftlab.data.synthetic.GridRegion;
import io.shiftlab.experiment.PositionChannelsExperiment.Accuracy;
import io.shiftlab.experiment.PositionChannelsExperiment.Attack;
import io.shiftlab.experiment.PositionChannelsExperiment.ModelResult;
import io.shiftlab.experiment.PositionChannelsExperiment.Result;
import io.shiftlab.probe.ChannelRanking;
import io.shiftlab.report.Column;
import io.shiftlab.report.Json;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.LineSeries;
import io.shiftlab.report.MarkdownDoc;
import io.shiftlab.report.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the outputs of {@link PositionChannelsExperiment}: {@code results.md}, {@code
 * results.csv}, {@code results.json}, the ranking plot {@code channel-ranking.png}/{@code .svg} and
 * the attack plot {@code attack.png}/{@code .svg}. The paper published plots only (no numbers), so
 * there is no published column.
 */
public final class PositionChannelsReport {
  /** The ranking chart's file name, without extension. */
  public static final String RANKING = "channel-ranking";

  /** The attack chart's file name, without extension. */
  public static final String ATTACK = "attack";

  private PositionChannelsReport() {}

  private static String cell(double mean, Double std) {
    return std == null
        ? String.format(Locale.ROOT, "%.1f", 100 * mean)
        : String.format(Locale.ROOT, "%.1f ± %.1f", 100 * mean, 100 * std);
  }

  private static void add(
      Table.Builder t, ModelResult m, String removed, int n, Accuracy a, Accuracy s) {
    List<Object> row = new ArrayList<>();
    row.add(m.task().id());
    row.add(removed);
    row.add(n);
    row.add(cell(a.overall(), s == null ? null : s.overall()));
    for (GridRegion region : GridRegion.values()) {
      row.add(cell(a.of(region), s == null ? null : s.of(region)));
    }
    // the same numbers, plain, for the CSV: mean and std (null for a single model) per region
    row.add(100 * a.overall());
    row.add(s == null ? null : 100 * s.overall());
    for (GridRegion region : GridRegion.values()) {
      row.add(100 * a.of(region));
      row.add(s == null ? null : 100 * s.of(region));
    }
    t.row(row.toArray());
  }

  /**
   * The main table: accuracy overall and by region, per model, attack and N.
   *
   * @param r the result
   * @return the table
   */
  public static Table table(Result r) {
    Table.Builder t =
        Table.builder(
            Column.text("task"),
            Column.text("channels zeroed"),
            Column.number("N"),
            Column.note("accuracy %"),
            Column.note("left %"),
            Column.note("centre %"),
            Column.note("right %"),
            Column.points("accuracy", 1).csvOnly(),
            Column.points("accuracy std", 1).csvOnly(),
            Column.points("left", 1).csvOnly(),
            Column.points("left std", 1).csvOnly(),
            Column.points("centre", 1).csvOnly(),
            Column.points("centre std", 1).csvOnly(),
            Column.points("right", 1).csvOnly(),
            Column.points("right std", 1).csvOnly());
    for (ModelResult m : List.of(r.location(), r.digit())) {
      add(t, m, "none", 0, m.baseline(), null);
      for (Attack a : m.attacks()) {
        for (ChannelRanking.Kind kind : ChannelRanking.Kind.values()) {
          add(
              t,
              m,
              "top by " + kind.id() + " ranking",
              a.n(),
              a.targeted().get(kind.ordinal()),
              null);
        }
        add(t, m, "random (" + a.random().size() + " draws)", a.n(), a.randomMean(), a.randomStd());
      }
    }
    return t.build();
  }

  /**
   * The ranking plot: each model's overall score (mean |dz|) per channel, sorted descending.
   *
   * @param r the result
   * @return the chart
   */
  public static LineChart rankingChart(Result r) {
    LineChart.Builder b =
        LineChart.builder("position-channels: flip-difference score per channel, ranked")
            .xTitle("rank (0 = most position-specific channel)")
            .yTitle("mean |z(x) - z(hflip x)| of the pooled final map");
    for (ModelResult m : List.of(r.location(), r.digit())) {
      int[] order = m.rankings().get(ChannelRanking.Kind.OVERALL.ordinal());
      double[] x = new double[order.length];
      double[] y = new double[order.length];
      for (int i = 0; i < order.length; i++) {
        x[i] = i;
        y[i] = m.overallScores()[order[i]];
      }
      b.series(m.task().id() + " model", x, y);
    }
    return b.build();
  }

  /**
   * The attack plot: overall accuracy against N, top-ranked vs random channels, both models.
   *
   * @param r the result
   * @return the chart
   */
  public static LineChart attackChart(Result r) {
    LineChart.Builder b =
        LineChart.builder("position-channels: accuracy with N channels of 32 zeroed")
            .xTitle("channels zeroed before the head (N)")
            .yTitle("test accuracy")
            .yRange(0, 1);
    for (ModelResult m : List.of(r.location(), r.digit())) {
      int k = m.attacks().size() + 1;
      double[] x = new double[k];
      double[] targeted = new double[k];
      double[] random = new double[k];
      x[0] = 0;
      targeted[0] = m.baseline().overall();
      random[0] = m.baseline().overall();
      for (int i = 1; i < k; i++) {
        Attack a = m.attacks().get(i - 1);
        x[i] = a.n();
        targeted[i] = a.targeted().get(ChannelRanking.Kind.OVERALL.ordinal()).overall();
        random[i] = a.randomMean().overall();
      }
      b.series(m.task().id() + ": top-N by overall ranking", x, targeted);
      b.series(LineSeries.reference(m.task().id() + ": N random (mean)", x, random));
    }
    return b.build();
  }

  /** The decisions this experiment took. */
  static final List<String> DECISIONS =
      List.of(
          "Models: the card-7 GAPNet (zero padding, g = 3) on the location task and its twin on the"
              + " digit task, trained with location-grid's code (GridTraining) on the same tiles and"
              + " cells; the final backbone map is the 32-channel trunk output, the head is the"
              + " 7x7 convolution to K plus the average pool.",
          "z is the plain spatial mean of the final backbone map; the rankings are computed on the"
              + " validation tiles placed in random cells, never on the test images that are"
              + " attacked.",
          "Region-specific rankings follow the card's reading (unverified there): signed mean of"
              + " z(x) - z(hflip x) descending = 'left', ascending = 'right'.",
          "Regions: a test image counts for left / centre / right when its tile lies wholly in the"
              + " left half, the middle half or the right half of the canvas (g = 3: grid columns"
              + " 0, 1, 2).",
          "Channels are zeroed by multiplying a copy of the backbone map with a 0/1 mask before the"
              + " head; the model's parameters are never changed (card 8's pitfall: [:N] mutated"
              + " the model).",
          "Random control: N channels drawn uniformly without replacement from the"
              + " probe.channels/N stream, repeated per draw; mean ± population std over draws.",
          "The two checks are the card's hypotheses and are reported as measured; the paper"
              + " published plots only, so there is no published column.");

  static String setup(Result r) {
    var b = r.budget();
    return String.format(
        Locale.ROOT,
        "GAPNet (zero padding) on 28x28 digit tiles in a 3 x 3 grid (84 x 84), location task (K ="
            + " 9) and digit task (K = 10): %d training tiles, %d epochs, batch %d, Adam 1e-3 betas"
            + " (0.5, 0.999), seed %d. Rankings on %d validation images, attack on %d held-out test"
            + " images (random cells), N in {1, 2, 4, 8} of 32 channels, %d random draws per N."
            + " Budgets: smoke = seconds (plumbing), quick = 1000 tiles (~1.5 min on 2 cores), full"
            + " = 3000 tiles (card 8's small scale, a few minutes on 2 cores). Published: plots"
            + " only (no numbers).",
        b.trainImages(),
        b.epochs(),
        b.batchSize(),
        r.seed(),
        b.rankImages(),
        b.testImages(),
        b.draws());
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
                ATTACK + ".png",
                "Overall accuracy with the top-N ranked channels zeroed vs N random ones (dashed),"
                    + " location and digit models."),
            new Figure(
                RANKING + ".png",
                "Flip-difference score per channel, sorted descending, for both models.")),
        PositionChannelsExperiment.checks(r),
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
    LineChart ranking = rankingChart(r);
    ranking.writePng(dir.resolve(RANKING + ".png"));
    ranking.writeSvg(dir.resolve(RANKING + ".svg"));
    LineChart attack = attackChart(r);
    attack.writePng(dir.resolve(ATTACK + ".png"));
    attack.writeSvg(dir.resolve(ATTACK + ".svg"));
    List<Check> checks = PositionChannelsExperiment.checks(r);
    long held = checks.stream().filter(Check::held).count();
    List<String> rankings = new ArrayList<>();
    for (ModelResult m : List.of(r.location(), r.digit())) {
      for (ChannelRanking.Kind kind : ChannelRanking.Kind.values()) {
        rankings.add(
            m.task().id()
                + " model, "
                + kind.id()
                + " ranking, top 8: "
                + PositionChannelsExperiment.head(m.rankings().get(kind.ordinal()), 8));
      }
    }
    new MarkdownDoc()
        .heading(1, PositionChannelsExperiment.NAME)
        .paragraph(
            "Claim (Islam et al. ICCV 2021; PROTOCOLS card 8): ranking the channels of the final"
                + " map by how they change under a horizontal flip finds the ones that carry"
                + " position; zeroing them hurts location more than zeroing random channels.")
        .paragraph(setup(r))
        .heading(2, "Accuracy with channels zeroed")
        .table(main)
        .heading(2, "Expected outcome (card 8, hypotheses)")
        .paragraph(String.format(Locale.ROOT, "%d of %d held.", held, (long) checks.size()))
        .bullets(checks.stream().map(Check::line).toList())
        .image(ATTACK + ".png", "accuracy against N, top-ranked vs random")
        .image(RANKING + ".png", "flip-difference score per channel, ranked")
        .heading(2, "Rankings")
        .bullets(rankings)
        .heading(2, "Decisions")
        .bullets(DECISIONS)
        .write(dir.resolve("results.md"));
  }
}
