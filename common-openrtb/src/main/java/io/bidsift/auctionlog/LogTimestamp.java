package io.bidsift.auctionlog;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * The log's {@code ts}: ISO-8601 UTC with exactly three fraction digits, e.g.
 * {@code 2026-11-20T13:45:12.345Z}.
 */
final class LogTimestamp {

  private static final DateTimeFormatter MILLIS = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();
  private static final int CANONICAL_LENGTH = "2026-11-20T13:45:12.345Z".length();

  private LogTimestamp() {
  }

  /** Formats with millisecond precision; finer digits are truncated. */
  static String format(Instant ts) {
    return MILLIS.format(ts);
  }

  /**
   * Parses any ISO-8601 instant. The canonical form is parsed by hand because the training
   * pipeline parses one per line and {@link Instant#parse} costs about as much as the rest of
   * the line's header.
   *
   * @throws DateTimeException when the text is not an ISO-8601 instant
   */
  static Instant parse(String text) {
    Instant fast = text.length() == CANONICAL_LENGTH ? parseCanonical(text) : null;
    return fast != null ? fast : Instant.parse(text);
  }

  /** The instant, or null when the text is not in the exact canonical shape. */
  private static Instant parseCanonical(String s) {
    if (s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':' || s.charAt(19) != '.' || s.charAt(23) != 'Z') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    int millis = digits(s, 20, 3);
    if ((year | month | day | hour | minute | second | millis) < 0
        || hour > 23 || minute > 59 || second > 59) {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second,
        millis * 1_000_000L);
  }

  /** The non-negative number in {@code s[from, from+count)}, or -1 when a char is not a digit. */
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }
}
