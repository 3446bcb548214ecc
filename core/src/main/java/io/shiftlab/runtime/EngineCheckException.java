package io.shiftlab.runtime;

/**
 * The engine gives wrong results on this host and no fallback passed the self-check, or a model
 * needs a kernel that failed (a TorchScript graph runs libtorch's own convolution). The message is
 * one line; the command line prints it and exits with code 3.
 */
public final class EngineCheckException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message one line: what failed and what to do
   */
  public EngineCheckException(String message) {
    super(message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip());
  }
}
