package io.bidsift.cli;

import java.util.regex.Pattern;

/**
 * Failure reasons for a person, on one line: what a command prints on stderr and what a log line
 * or a wrapping exception quotes (contracts.md §2: "a one-line reason on failure"). A message of
 * {@code null} reads {@value #NO_MESSAGE}; an exception without a message is named by its class.
 */
public final class Reasons {

  static final String NO_MESSAGE = "(no message)";

  private static final Pattern LINE_BREAK = Pattern.compile("\\s*\\R\\s*");

  private Reasons() {
  }

  /** {@code message} with every line break, and the white space around it, turned into one space; stripped. */
  public static String oneLine(String message) {
    return message == null ? NO_MESSAGE : LINE_BREAK.matcher(message).replaceAll(" ").strip();
  }

  /** {@link #oneLine(String)} of the exception's message. */
  public static String oneLine(Throwable e) {
    return oneLine(message(e));
  }

  /**
   * The first line of {@code message} alone: for messages whose further lines are a stack trace or
   * quoted input rather than the reason (XGBoost's native errors, Spark's and Hadoop's failures).
   */
  public static String firstLine(String message) {
    if (message == null) {
      return NO_MESSAGE;
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** {@link #firstLine(String)} of the exception's message. */
  public static String firstLine(Throwable e) {
    return firstLine(message(e));
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
