package io.shiftlab.experiment;

import java.nio.file.Path;

/**
 * A {@link Report} whose files and findings come from one {@link ReportPage}: a report describes
 * its page once ({@link #page}), and writing it and summing it up for the combined report cannot
 * drift apart.
 *
 * @param <R> the result type
 */
public abstract class PagedReport<R> implements Report<R> {
  /** For subclasses. */
  protected PagedReport() {}

  /**
   * The result's page: its tables, figures, checks, decisions and runs, in page order.
   *
   * @param result the result
   * @return the page
   */
  abstract ReportPage page(R result);

  @Override
  public final void write(R result, Path dir) {
    page(result).write(dir);
  }

  @Override
  public final Findings findings(R result) {
    return page(result).findings();
  }
}
