package io.shiftlab;

/**
 * A computation produced NaN or an infinity where a number was due: a training loss or gradient, or
 * a model's logits. shiftlab stops rather than carry such a value into a result. The message is one
 * line naming where it happened; the command line prints it and exits with code 4.
 */
public class NonFiniteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message one line: what was not finite, where, and what to check
   */
  public NonFiniteException(String message) {
    super(message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip());
  }
}
