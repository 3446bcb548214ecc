package io.shiftlab;

/**
 * Bad input from the user: a malformed file, an unknown option value, an impossible shape.
 *
 * <p>The message is always one line of the form {@code SUBJECT: REASON}, where the subject names
 * the file or the option at fault. The command line prints exactly that line and exits with code 2;
 * a stack trace is shown only with {@code --debug}.
 */
public class UserInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String subject;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param subject the file path or option name at fault, e.g. {@code "--shift"}
   * @param reason why it is wrong, without a trailing period
   */
  public UserInputException(String subject, String reason) {
    this(subject, reason, null);
  }

  /**
   * Creates the exception with a cause, kept for {@code --debug}.
   *
   * @param subject the file path or option name at fault
   * @param reason why it is wrong
   * @param cause the underlying exception, may be null
   */
  public UserInputException(String subject, String reason, Throwable cause) {
    super(subject + ": " + oneLine(reason), cause);
    this.subject = subject;
    this.reason = oneLine(reason);
  }

  /** The file path or option name at fault. */
  public String subject() {
    return subject;
  }

  /** Why the input is wrong. */
  public String reason() {
    return reason;
  }

  private static String oneLine(String s) {
    return s == null ? "unknown reason" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
