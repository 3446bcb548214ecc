package io.shiftlab.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.shiftlab.data.synthetic.GridRegion;
import io.shiftlab.data.synthetic.GridTask;
import io.shiftlab.probe.ChannelRanking;
import io.shiftlab.report.Column;
import io.shiftlab.report.Json;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.LineSeries;
import io.shiftlab.report.MarkdownDoc;
import io.shiftlab.report.Table;
import io.shiftlab.stats.Estimate;
import io.shiftlab.stats.Intervals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The result of the position-channels experiment (PROTOCOLS card 8) as values, and how it is
 * written: {@code results.md}, {@code results.csv}, {@code results.json}, the ranking plot {@code
 * channel-ranking.png}/{@code .svg} and the attack plot {@code attack.png}/{@code .svg}. The paper
 * published plots only (no numbers), so there is no published column. The checks are decided here,
 * from the result alone.
 */
public final class PositionChannelsReport implements Report<PositionChannelsReport.Result> {
  /** The ranking chart's file name, without extension. */
  public static final String RANKING = "channel-ranking";

  /** The attack chart's file name, without extension. */
  public static final String ATTACK = "attack";

  /** Creates the report (stateless). */
  public PositionChannelsReport() {}

  /**
   * The budget.
   *
   * @param trainImages training tiles
   * @param rankImages validation tiles the rankings are computed on
   * @param testImages held-out test images (one tile each, random cell)
   * @param epochs epochs
   * @param batchSize batch size
   * @param draws random-control draws per N
   */
  public record Budget(
      int trainImages, int rankImages, int testImages, int epochs, int batchSize, int draws) {
    /** Validates the values. */
    public Budget {
      if (trainImages < 1 || rankImages < 1 || testImages < 1 || epochs < 1 || batchSize < 1) {
        throw new IllegalArgumentException("budget values must be positive");
      }
      if (draws < 2) {
        throw new IllegalArgumentException("the random control needs at least 2 draws");
      }
    }
  }

  /**
   * Accuracy overall and by region.
   *
   * @param overall all test images
   * @param left tiles in the left region
   * @param centre tiles in the centre region
   * @param right tiles in the right region
   */
  public record Accuracy(double overall, double left, double centre, double right) {
    /** The value of one region, or overall for null. */
    public double of(GridRegion region) {
      if (region == null) {
        return overall;
      }
      return switch (region) {
        case LEFT -> left;
        case CENTRE -> centre;
        case RIGHT -> right;
      };
    }
  }

  /**
   * One attack at one N.
   *
   * @param n channels removed
   * @param targeted accuracy with the top-N of each ranking removed, in {@link ChannelRanking.Kind}
   *     order
   * @param random accuracy of each random draw
   * @param randomMean mean over draws
   * @param randomStd population std over draws
   * @param targetedCorrect per test image, 1 if classified correctly with the top-N of the overall
   *     ranking removed; not written to JSON
   * @param randomCorrect per test image, the share of random draws that classified it correctly;
   *     not written to JSON
   */
  public record Attack(
      int n,
      List<Accuracy> targeted,
      List<Accuracy> random,
      Accuracy randomMean,
      Accuracy randomStd,
      @JsonIgnore double[] targetedCorrect,
      @JsonIgnore double[] randomCorrect) {}

  /**
   * One model: rankings and attacks.
   *
   * @param task location or class
   * @param runDir its run directory
   * @param overallScores mean |dz| per channel
   * @param signedScores mean dz per channel
   * @param rankings per {@link ChannelRanking.Kind}, the channel order
   * @param baseline accuracy with nothing removed
   * @param attacks one per N
   * @param baselineCorrect per test image, 1 if classified correctly with nothing removed; not
   *     written to JSON
   */
  public record ModelResult(
      GridTask task,
      String runDir,
      double[] overallScores,
      double[] signedScores,
      List<int[]> rankings,
      Accuracy baseline,
      List<Attack> attacks,
      @JsonIgnore double[] baselineCorrect) {

    /** The attack at N. */
    public Attack attack(int n) {
      return attacks.stream().filter(a -> a.n() == n).findFirst().orElseThrow();
    }
  }

  /**
   * The whole result.
   *
   * @param budget the budget
   * @param seed the master seed
   * @param location the location-task model
   * @param digit the class-task twin, tested on the same images (its labels the digits)
   * @param g the grid size (location chance is 1/g^2)
   */
  public record Result(Budget budget, long seed, ModelResult location, ModelResult digit, int g) {}

  /** Accuracy lost by the overall-ranked attack at N, relative to the baseline. */
  static double targetedDrop(ModelResult m, int n) {
    return m.baseline().overall() - m.attack(n).targeted().get(0).overall();
  }

  /** Accuracy lost by the random control at N (mean over draws). */
  static double randomDrop(ModelResult m, int n) {
    return m.baseline().overall() - m.attack(n).randomMean().overall();
  }

  /** Fraction of the above-chance accuracy lost to the overall-ranked attack at N. */
  static double relativeDrop(ModelResult m, int n, double chance) {
    double above = m.baseline().overall() - chance;
    return above <= 0 ? 0 : targetedDrop(m, n) / above;
  }

  /** Per test image: random-control minus targeted correctness at N (the extra loss). */
  private static double[] extraLoss(ModelResult m, int n) {
    Attack a = m.attack(n);
    return Intervals.minus(a.randomCorrect(), a.targetedCorrect());
  }

  /**
   * How much more accuracy the top-N of the overall ranking costs than N random channels (targeted
   * drop minus random drop), with its 95% interval over the test images, paired image for image.
   *
   * @param m the model
   * @param n channels removed
   * @return the estimate, a fraction
   */
  static Estimate extraLossEstimate(ModelResult m, int n) {
    return Intervals.bootstrap(new double[][] {extraLoss(m, n)});
  }

  /**
   * The extra loss averaged over every N: per image, the mean over N of {@link #extraLoss}.
   *
   * @param m the model
   * @return the estimate, a fraction
   */
  static Estimate meanExtraLoss(ModelResult m) {
    double[] sum = new double[m.baselineCorrect().length];
    for (Attack a : m.attacks()) {
      double[] d = extraLoss(m, a.n());
      for (int i = 0; i < sum.length; i++) {
        sum[i] += d[i] / m.attacks().size();
      }
    }
    return Intervals.bootstrap(new double[][] {sum});
  }

  /** Per test image, the share of above-chance accuracy it loses at N (0 at or below chance). */
  private static double[] relativeLoss(ModelResult m, int n, double chance) {
    double above = m.baseline().overall() - chance;
    double[] d = Intervals.minus(m.baselineCorrect(), m.attack(n).targetedCorrect());
    return Arrays.stream(d).map(x -> above <= 0 ? 0 : x / above).toArray();
  }

  /**
   * The location model's share of above-chance accuracy lost at N minus the class twin's, paired
   * image for image (the same tiles in the same cells); the denominators, intact accuracy minus
   * chance, are taken as measured.
   *
   * @param r the result
   * @param n channels removed
   * @return the estimate, a fraction
   */
  static Estimate relativeGap(Result r, int n) {
    return Intervals.bootstrap(
        new double[][] {
          Intervals.minus(
              relativeLoss(r.location(), n, 1.0 / (r.g() * r.g())), relativeLoss(r.digit(), n, 0.1))
        });
  }

  /**
   * The card's hypotheses as checks, each decided by {@link Threshold#decide} from the bootstrap
   * interval over the test images of the one trained model per task: on the location model,
   * removing the top-N channels of the overall ranking costs more accuracy than removing N random
   * ones (extra loss above 0) at N = 4, at N = 8 and averaged over N; and the class-task twin loses
   * a smaller share of its above-chance accuracy than the location model at the largest N (location
   * minus class above 0).
   *
   * @param r the result
   * @return the checks
   */
  public static List<Check> checks(Result r) {
    ModelResult loc = r.location();
    List<Check> out = new ArrayList<>();
    String hurts =
        "location model: removing the top-ranked channels hurts more than removing random ones";
    StringBuilder per = new StringBuilder();
    for (Attack a : loc.attacks()) {
      per.append(per.length() == 0 ? "" : "; ").append(perN(loc, a.n()));
    }
    for (int n : new int[] {4, 8}) {
      out.add(
          Check.decide(
              hurts + ", N=" + n + " (targeted minus random loss > 0 points; hypothesis)",
              extraLossEstimate(loc, n).scaled(100),
              Threshold.above(0),
              1,
              perN(loc, n)));
    }
    out.add(
        Check.decide(
            hurts + ", on average over N (targeted minus random loss > 0 points; hypothesis)",
            meanExtraLoss(loc).scaled(100),
            Threshold.above(0),
            1,
            "location accuracy " + pct(loc.baseline().overall()) + " intact; " + per));
    ModelResult dig = r.digit();
    int last = loc.attacks().get(loc.attacks().size() - 1).n();
    double locRel = relativeDrop(loc, last, 1.0 / (r.g() * r.g()));
    double digRel = relativeDrop(dig, last, 0.1);
    out.add(
        Check.decide(
            "class-task twin is less affected by its own top-"
                + last
                + " removal (location minus class share of above-chance accuracy lost > 0;"
                + " hypothesis)",
            relativeGap(r, last).scaled(100),
            Threshold.above(0),
            1,
            String.format(
                Locale.ROOT,
                "share of above-chance accuracy lost at N=%d: class %.0f%% (%s -> %s) vs location"
                    + " %.0f%% (%s -> %s)",
                last,
                100 * digRel,
                pct(dig.baseline().overall()),
                pct(dig.attack(last).targeted().get(0).overall()),
                100 * locRel,
                pct(loc.baseline().overall()),
                pct(loc.attack(last).targeted().get(0).overall()))));
    return out;
  }

  /** The accuracy change of the targeted and random attack at N, as text. */
  private static String perN(ModelResult m, int n) {
    return String.format(
        Locale.ROOT,
        "N=%d: accuracy change targeted %+.1f vs random %+.1f ± %.1f pts",
        n,
        -100 * targetedDrop(m, n),
        -100 * randomDrop(m, n),
        100 * m.attack(n).randomStd().overall());
  }

  static String pct(double x) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * x);
  }

  /** The channel order as a short string, e.g. {@code [3, 17, 9]}. */
  static String head(int[] ranking, int n) {
    return Arrays.toString(ChannelRanking.top(ranking, Math.min(n, ranking.length)));
  }

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
          "The checks are the card's hypotheses. 'Hurts more than random' is the targeted"
              + " minus the random accuracy loss above 0 points, checked at N = 4, at N = 8 and"
              + " averaged over N (one check each); 'the class twin is less affected' is the"
              + " location model's share of above-chance accuracy lost at N = 8 minus the class"
              + " model's, above 0 (the denominators, intact accuracy minus chance, taken as"
              + " measured). Each is decided from the 95% interval of a bootstrap over the"
              + " held-out test images, paired image for image (a random control's value per"
              + " image is its share of correct draws): held only when the whole interval is on"
              + " the claim's side, not held when it is wholly on the other, inconclusive when it"
              + " straddles. There is one trained model per task (one seed), so the interval"
              + " covers the test images (the random draws averaged per image), not retraining.",
          "The paper published plots only, so there is no published column.");

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

  @Override
  public Findings findings(Result r) {
    return new Findings(
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
        checks(r),
        DECISIONS);
  }

  @Override
  public void write(Result r, Path dir) {
    Table main = table(r);
    main.writeCsv(dir.resolve("results.csv"));
    Json.write(dir.resolve("results.json"), r);
    LineChart ranking = rankingChart(r);
    ranking.writePng(dir.resolve(RANKING + ".png"));
    ranking.writeSvg(dir.resolve(RANKING + ".svg"));
    LineChart attack = attackChart(r);
    attack.writePng(dir.resolve(ATTACK + ".png"));
    attack.writeSvg(dir.resolve(ATTACK + ".svg"));
    List<Check> checks = checks(r);
    long held = checks.stream().filter(Check::held).count();
    List<String> rankings = new ArrayList<>();
    for (ModelResult m : List.of(r.location(), r.digit())) {
      for (ChannelRanking.Kind kind : ChannelRanking.Kind.values()) {
        rankings.add(
            m.task().id()
                + " model, "
                + kind.id()
                + " ranking, top 8: "
                + head(m.rankings().get(kind.ordinal()), 8));
      }
    }
    new MarkdownDoc()
        .heading(1, "position-channels")
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
