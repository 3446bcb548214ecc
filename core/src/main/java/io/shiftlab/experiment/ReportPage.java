package io.shiftlab.experiment;

import io.shiftlab.report.Chart;
import io.shiftlab.report.Json;
import io.shiftlab.report.MarkdownDoc;
import io.shiftlab.report.Table;
import io.shiftlab.train.TrainResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One experiment's results page, described once and used twice: {@link #write} writes the files
 * ({@code results.csv} from the main table, {@code results.json} from the result, each chart as PNG
 * and SVG, further images and tables, and {@code results.md}), and {@link #findings} gives the same
 * setup, main table, figures, checks and decisions to the combined report. Every page has the same
 * frame: the title, claim and setup at the top, the expected-outcome section with its verdict and
 * one bullet per check, the decisions and, where the experiment trains models, one line per run. A
 * report ({@link PagedReport#page}) adds only what is its own, in the order it appears:
 *
 * <pre>{@code
 * return ReportPage.of("red-green", claim, setup(r), r)
 *     .main("Accuracy", table(r))
 *     .expected("Expected outcome (card 5)", verdict(r), checks(r))
 *     .chart(CHART, chart(r), "accuracy per convolution type", "Accuracy per convolution type.")
 *     .decisions(DECISIONS)
 *     .runs(ReportPage.runLines(r.rows(), Row::runs, (row, run) -> ...));
 * }</pre>
 *
 * <p>The static helpers are the sentences and cells that several pages share.
 */
final class ReportPage {
  private final String setup;
  private final Object result;
  private final MarkdownDoc md;
  private final List<Consumer<Path>> files = new ArrayList<>();
  private final List<Figure> figures = new ArrayList<>();
  private final List<String> extraNotes = new ArrayList<>();
  private Table main;
  private List<Check> checks;
  private List<Check> ownHypotheses = List.of();
  private List<String> decisions;
  private List<String> runs;

  private ReportPage(String title, String claim, String setup, Object result) {
    this.setup = Objects.requireNonNull(setup, "setup");
    this.result = Objects.requireNonNull(result, "result");
    this.md = new MarkdownDoc().heading(1, title).paragraph(claim).paragraph(setup);
  }

  /**
   * Starts a page: a level-1 heading, the claim paragraph and the setup paragraph.
   *
   * @param title the heading, usually the experiment's name
   * @param claim the claim the experiment tests, with its source and card
   * @param setup data, training and budget in one paragraph
   * @param result the result, written as {@code results.json}
   * @return the page so far
   */
  static ReportPage of(String title, String claim, String setup, Object result) {
    return new ReportPage(title, claim, setup, result);
  }

  /**
   * Adds the main table under a level-2 heading; it is also {@code results.csv} and the table of
   * the findings.
   *
   * @param heading the heading
   * @param table the main table
   * @return this page
   */
  ReportPage main(String heading, Table table) {
    if (main != null) {
      throw new IllegalStateException("a page has one main table");
    }
    main = Objects.requireNonNull(table, "table");
    return table(heading, table);
  }

  /**
   * Adds a further table under a level-2 heading.
   *
   * @param heading the heading
   * @param table the table
   * @return this page
   */
  ReportPage table(String heading, Table table) {
    md.heading(2, heading).table(table);
    return this;
  }

  /**
   * Adds a table without a heading.
   *
   * @param table the table
   * @return this page
   */
  ReportPage table(Table table) {
    md.table(table);
    return this;
  }

  /**
   * Writes a table as a further CSV file beside {@code results.csv}.
   *
   * @param file the file name, e.g. {@code curve.csv}
   * @param table the table
   * @return this page
   */
  ReportPage csv(String file, Table table) {
    files.add(dir -> table.writeCsv(dir.resolve(file)));
    return this;
  }

  /**
   * Adds a heading.
   *
   * @param level 1 to 6
   * @param text the heading
   * @return this page
   */
  ReportPage heading(int level, String text) {
    md.heading(level, text);
    return this;
  }

  /**
   * Adds a paragraph.
   *
   * @param text the paragraph
   * @return this page
   */
  ReportPage paragraph(String text) {
    md.paragraph(text);
    return this;
  }

  /**
   * Adds a bullet list.
   *
   * @param items the items
   * @return this page
   */
  ReportPage bullets(List<String> items) {
    md.bullets(items);
    return this;
  }

  /**
   * Adds the expected-outcome section: a level-2 heading, the verdict sentence and one bullet per
   * check ({@link Check#line}); the checks are also the findings'.
   *
   * @param heading the heading, e.g. {@code Expected outcome (card 5)}
   * @param verdict the verdict sentence
   * @param checks the checks, in order
   * @return this page
   */
  ReportPage expected(String heading, String verdict, List<Check> checks) {
    this.checks = List.copyOf(checks);
    md.heading(2, heading).paragraph(verdict).bullets(checks.stream().map(Check::line).toList());
    return this;
  }

  /**
   * Adds the section of our own hypotheses: questions we added beyond the protocol card, decided by
   * the same rule as the card's checks, shown with them in the findings and never counted in the
   * verdict ({@link ReproductionReport#OWN_HYPOTHESES}).
   *
   * @param checks the checks of our hypotheses, in order
   * @return this page
   */
  ReportPage ownHypotheses(List<Check> checks) {
    this.ownHypotheses = List.copyOf(checks);
    md.heading(2, ReproductionReport.OWN_HYPOTHESES)
        .bullets(checks.stream().map(Check::line).toList());
    return this;
  }

  /**
   * Writes a chart as {@code NAME.png} and {@code NAME.svg}, shows the PNG here and lists it as a
   * figure of the findings.
   *
   * @param name the file name without extension
   * @param chart the chart
   * @param alt the image's alt text on the page
   * @param caption the figure's caption in the findings
   * @return this page
   */
  ReportPage chart(String name, Chart chart, String alt, String caption) {
    chart(name, chart).image(name + ".png", alt);
    return figure(name + ".png", caption);
  }

  /**
   * Writes a chart as {@code NAME.png} and {@code NAME.svg}; the page shows it where {@link #image}
   * says.
   *
   * @param name the file name without extension
   * @param chart the chart
   * @return this page
   */
  ReportPage chart(String name, Chart chart) {
    files.add(
        dir -> {
          chart.writePng(dir.resolve(name + ".png"));
          chart.writeSvg(dir.resolve(name + ".svg"));
        });
    return this;
  }

  /**
   * Writes a file that is not a chart, such as a heatmap PNG.
   *
   * @param file the file name
   * @param writer writes the file, given its path
   * @return this page
   */
  ReportPage file(String file, Consumer<Path> writer) {
    files.add(dir -> writer.accept(dir.resolve(file)));
    return this;
  }

  /**
   * Shows an image.
   *
   * @param file the image, relative to the report directory
   * @param alt its alt text
   * @return this page
   */
  ReportPage image(String file, String alt) {
    md.image(file, alt);
    return this;
  }

  /**
   * Lists a figure in the findings (the page itself shows images with {@link #image}).
   *
   * @param file the image, relative to the report directory
   * @param caption its caption
   * @return this page
   */
  ReportPage figure(String file, String caption) {
    figures.add(new Figure(file, caption));
    return this;
  }

  /**
   * The level-2 section {@code Decisions}, one bullet per decision, after everything else but the
   * runs; they are also the notes of the findings.
   *
   * @param decisions the decisions the experiment took
   * @return this page
   */
  ReportPage decisions(List<String> decisions) {
    this.decisions = List.copyOf(decisions);
    return this;
  }

  /**
   * A note of the findings after the decisions that the page shows elsewhere (or not at all).
   *
   * @param note the note
   * @return this page
   */
  ReportPage note(String note) {
    extraNotes.add(note);
    return this;
  }

  /**
   * The level-2 section {@code Runs} at the end: one bullet per trained model ({@link #runLines}).
   *
   * @param runs the lines
   * @return this page
   */
  ReportPage runs(List<String> runs) {
    this.runs = List.copyOf(runs);
    return this;
  }

  /**
   * What the page shows, for the combined report.
   *
   * @return setup, main table, figures, checks and decisions (with the extra notes)
   */
  Findings findings() {
    List<String> notes = new ArrayList<>(complete().decisions);
    notes.addAll(extraNotes);
    return new Findings(setup, main, figures, checks, notes, ownHypotheses);
  }

  /**
   * Writes {@code results.csv}, {@code results.json}, the charts, images and further tables, and
   * {@code results.md}.
   *
   * @param dir the report directory
   */
  void write(Path dir) {
    complete();
    main.writeCsv(dir.resolve("results.csv"));
    Json.write(dir.resolve("results.json"), result);
    files.forEach(f -> f.accept(dir));
    md.heading(2, "Decisions").bullets(decisions);
    if (runs != null) {
      md.heading(2, "Runs").bullets(runs);
    }
    md.write(dir.resolve("results.md"));
  }

  private ReportPage complete() {
    if (main == null || checks == null || decisions == null) {
      throw new IllegalStateException("a page needs a main table, checks and decisions");
    }
    return this;
  }

  /**
   * The plain verdict sentence, e.g. {@code 3 of 4 checks held.}
   *
   * @param checks the checks
   * @return the sentence
   */
  static String heldCount(List<Check> checks) {
    return heldCount(checks, "%d of %d checks held.");
  }

  /**
   * A verdict sentence from the count of held checks, e.g. {@code 3 of 4 held.}
   *
   * @param checks the checks
   * @param format the sentence with two {@code %d}: held, then all
   * @return the sentence
   */
  static String heldCount(List<Check> checks, String format) {
    long held = checks.stream().filter(Check::held).count();
    return String.format(Locale.ROOT, format, held, checks.size());
  }

  /**
   * The "held" cell of a table row whose checks share an expectation prefix: {@code yes} when all
   * of them held, {@code NO} when one did not hold, {@code inconclusive} otherwise.
   *
   * @param checks the report's checks
   * @param prefix the row's prefix, e.g. {@code zero: }
   * @return the cell
   */
  static String heldCell(List<Check> checks, String prefix) {
    List<Decision> ds =
        checks.stream().filter(c -> c.expected().startsWith(prefix)).map(Check::decision).toList();
    if (ds.contains(Decision.NOT_HELD)) {
      return "NO";
    }
    return ds.stream().allMatch(d -> d == Decision.HELD) ? "yes" : "inconclusive";
  }

  /**
   * The verdict of a table whose rows each carry their own checks: how many rows held every one of
   * theirs ({@link #heldCell} is {@code yes}), e.g. {@code The card's expectations held for 3 of 4
   * paddings}, without the full stop.
   *
   * @param checks the report's checks, each prefixed with its row's id and {@code ": "}
   * @param rowIds the rows' ids, in table order
   * @param rows what the rows are, plural, e.g. {@code paddings}
   * @return the sentence
   */
  static String rowsHeld(List<Check> checks, List<String> rowIds, String rows) {
    long held = rowIds.stream().filter(id -> heldCell(checks, id + ": ").equals("yes")).count();
    return String.format(
        Locale.ROOT, "The card's expectations held for %d of %d %s", held, rowIds.size(), rows);
  }

  /**
   * One line per run of every group (a table row or an arm), in order.
   *
   * @param groups the groups
   * @param runs a group's runs
   * @param line a run's line, given its group
   * @param <G> the group type
   * @param <R> the run type
   * @return the lines
   */
  static <G, R> List<String> runLines(
      List<G> groups, Function<G, List<R>> runs, BiFunction<G, R, String> line) {
    return groups.stream().flatMap(g -> runs.apply(g).stream().map(x -> line.apply(g, x))).toList();
  }

  /**
   * How a run line starts, e.g. {@code cnn run 0 (seed 1): runs/cnn-r0}.
   *
   * @param label the arm's label
   * @param x the run
   * @return the start of the line
   */
  static String runTag(String label, ArmRun x) {
    return String.format(
        Locale.ROOT, "%s run %d (seed %d): %s", label, x.run(), x.seed(), x.runDir());
  }

  /**
   * How the line of a run that trained with early stopping starts, e.g. {@code cnn run 0 (seed 1):
   * runs/cnn-r0 (12 epochs, best 9, 31 s)}.
   *
   * @param label the arm's label
   * @param x the run
   * @param t its training
   * @return the start of the line
   */
  static String runTag(String label, ArmRun x, TrainResult t) {
    return runTag(label, x)
        + String.format(
            Locale.ROOT,
            " (%d epochs, best %d, %.0f s)",
            t.epochsRun(),
            t.bestEpoch(),
            t.trainSeconds());
  }
}
