package io.shiftlab.train;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A {@link TrainingListener} that draws a progress bar on a stream (stderr), showing the epoch, the
 * running loss and accuracy, the throughput and the ETA, and prints one summary line per epoch.
 */
public final class ConsoleProgress implements TrainingListener {
  /** How much the listener shows. */
  public enum Mode {
    /** A redrawn progress bar per epoch and a summary line after it: for a terminal. */
    BARS,
    /** One plain line per epoch, no carriage returns: for a log file or a pipe. */
    LINES,
    /** Nothing ({@code --quiet}). */
    QUIET
  }

  private final PrintStream out;
  private final String label;
  private final Mode mode;
  private ProgressBar bar;

  /**
   * Creates a listener that draws progress bars.
   *
   * @param out the stream to draw on, normally {@code System.err}
   * @param label a prefix naming the run, e.g. the model name
   */
  public ConsoleProgress(PrintStream out, String label) {
    this(out, label, Mode.BARS);
  }

  /**
   * Creates the listener.
   *
   * @param out the stream to write to
   * @param label a prefix naming the run, e.g. the model name
   * @param mode bars, plain lines or nothing
   */
  public ConsoleProgress(PrintStream out, String label, Mode mode) {
    this.out = out;
    this.label = label;
    this.mode = mode;
  }

  @Override
  public void epochStarted(int epoch, int epochs, int steps) {
    close();
    if (mode != Mode.BARS) {
      return;
    }
    bar =
        new ProgressBarBuilder()
            .setTaskName(String.format(Locale.ROOT, "%s epoch %d/%d", label, epoch, epochs))
            .setInitialMax(steps)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .setMaxRenderedLength(110)
            .setConsumer(new ConsoleProgressBarConsumer(out, 110))
            .build();
  }

  @Override
  public void batchFinished(
      int step, double runningLoss, double runningAccuracy, double imagesPerSecond) {
    if (bar != null) {
      bar.stepTo(step);
      bar.setExtraMessage(
          String.format(
              Locale.ROOT,
              " loss %.4f acc %.4f %.0f img/s",
              runningLoss,
              runningAccuracy,
              imagesPerSecond));
    }
  }

  @Override
  public void epochFinished(EpochRecord r) {
    close();
    if (mode == Mode.QUIET) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "%s epoch %d: loss %.4f acc %.4f | val loss %.4f acc %.4f | %.1f s, %.0f img/s%n",
        label,
        r.epoch(),
        r.trainLoss(),
        r.trainAccuracy(),
        r.valLoss(),
        r.valAccuracy(),
        r.seconds(),
        r.imagesPerSecond());
  }

  @Override
  public void info(String message) {
    close();
    if (mode == Mode.QUIET) {
      return;
    }
    out.println(label + ": " + message);
  }

  @Override
  public void stopped() {
    close();
  }

  private void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
