package io.shiftlab.experiment;

import io.shiftlab.report.Chart;
import io.shiftlab.report.Json;
import io.shiftlab.report.MarkdownDoc;
import io.shiftlab.report.Table;
import io.shiftlab.train.TrainResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What every experiment's {@link Report#write} repeats: {@code results.csv} from the main table and
 * {@code results.json} from the result, each chart as PNG and SVG, and the fixed parts of {@code
 * results.md} (the title, claim and setup at the top, the expected-outcome section with its verdict
 * and one bullet per check, and the decisions). A report keeps only what is its own: its tables,
 * figures, extra sections and their order.
 *
 * <pre>{@code
 * ReportPage.writeResults(dir, main, r);
 * ReportPage.writeChart(dir, CHART, chart(r));
 * MarkdownDoc md = ReportPage.start("red-green", claim, setup(r)).heading(2, "Accuracy");
 * ReportPage.expected(md, "Expected outcome (card 5)", verdict(r), checks(r));
 * ReportPage.end(md, DECISIONS, ReportPage.runLines(r.rows(), Row::runs, (row, run) -> ...), dir);
 * }</pre>
 */
final class ReportPage {
  private ReportPage() {}

  /**
   * Writes {@code results.csv} (the main table) and {@code results.json} (the result).
   *
   * @param dir the report directory
   * @param main the main table
   * @param result the result, serialised as JSON
   */
  static void writeResults(Path dir, Table main, Object result) {
    main.writeCsv(dir.resolve("results.csv"));
    Json.write(dir.resolve("results.json"), result);
  }

  /**
   * Writes a chart as {@code NAME.png} and {@code NAME.svg}.
   *
   * @param dir the report directory
   * @param name the file name without extension
   * @param chart the chart
   */
  static void writeChart(Path dir, String name, Chart chart) {
    chart.writePng(dir.resolve(name + ".png"));
    chart.writeSvg(dir.resolve(name + ".svg"));
  }

  /**
   * Starts {@code results.md}: a level-1 heading, the claim paragraph and the setup paragraph.
   *
   * @param title the heading, usually the experiment's name
   * @param claim the claim the experiment tests, with its source and card
   * @param setup data, training and budget in one paragraph
   * @return the page so far
   */
  static MarkdownDoc start(String title, String claim, String setup) {
    return new MarkdownDoc().heading(1, title).paragraph(claim).paragraph(setup);
  }

  /**
   * Adds the expected-outcome section: a level-2 heading, the verdict sentence and one bullet per
   * check ({@link Check#line}).
   *
   * @param md the page
   * @param heading the heading, e.g. {@code Expected outcome (card 5)}
   * @param verdict the verdict sentence
   * @param checks the checks, in order
   * @return the page
   */
  static MarkdownDoc expected(MarkdownDoc md, String heading, String verdict, List<Check> checks) {
    return md.heading(2, heading)
        .paragraph(verdict)
        .bullets(checks.stream().map(Check::line).toList());
  }

  /**
   * Adds the level-2 section {@code Decisions} with one bullet per decision.
   *
   * @param md the page
   * @param decisions the decisions the experiment took
   * @return the page
   */
  static MarkdownDoc decisions(MarkdownDoc md, List<String> decisions) {
    return md.heading(2, "Decisions").bullets(decisions);
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
   * Ends {@code results.md}: the decisions, then the level-2 section {@code Runs} with one bullet
   * per trained model, and writes the page to {@code results.md}.
   *
   * @param md the page
   * @param decisions the decisions the experiment took
   * @param runs one line per run ({@link #runLines})
   * @param dir the report directory
   */
  static void end(MarkdownDoc md, List<String> decisions, List<String> runs, Path dir) {
    decisions(md, decisions).heading(2, "Runs").bullets(runs).write(dir.resolve("results.md"));
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
   * How a run line starts, e.g. {@code cnn run 0 (seed 1): runs/cnn-0}.
   *
   * @param label the arm's label
   * @param run the run index
   * @param seed its training seed
   * @param runDir its run directory
   * @return the start of the line
   */
  static String runTag(String label, int run, long seed, String runDir) {
    return String.format(Locale.ROOT, "%s run %d (seed %d): %s", label, run, seed, runDir);
  }

  /**
   * A training summary in a run line, e.g. {@code (12 epochs, best 9, 31 s)}.
   *
   * @param t the training result
   * @return the summary in parentheses
   */
  static String trained(TrainResult t) {
    return String.format(
        Locale.ROOT,
        "(%d epochs, best %d, %.0f s)",
        t.epochsRun(),
        t.bestEpoch(),
        t.trainSeconds());
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
}
