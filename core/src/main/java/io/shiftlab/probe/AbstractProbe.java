package io.shiftlab.probe;

/**
 * A probe that declares what it is and how its result is written once, in its constructor; the
 * subclass only measures.
 *
 * @param <R> the result type
 */
public abstract class AbstractProbe<R> implements Probe<R> {
  private final ProbeInfo info;
  private final ProbeWriter<R> writer;

  /**
   * Declares the probe.
   *
   * @param info its name, description, options and files
   * @param writer the writer of its result
   */
  protected AbstractProbe(ProbeInfo info, ProbeWriter<R> writer) {
    this.info = info;
    this.writer = writer;
  }

  @Override
  public final ProbeInfo info() {
    return info;
  }

  @Override
  public final ProbeWriter<R> writer() {
    return writer;
  }
}
