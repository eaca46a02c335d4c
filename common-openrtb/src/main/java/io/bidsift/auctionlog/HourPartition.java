package io.bidsift.auctionlog;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One UTC hour of the log, stored under {@code dt=YYYY-MM-DD/hr=HH}.
 *
 * @param epochHour hours since 1970-01-01T00:00Z
 */
record HourPartition(long epochHour) {

  static HourPartition of(Instant ts) {
    return new HourPartition(Math.floorDiv(ts.getEpochSecond(), 3_600L));
  }

  Path directoryUnder(Path root) {
    LocalDateTime start = LocalDateTime.ofEpochSecond(epochHour * 3_600L, 0, ZoneOffset.UTC);
    String hour = start.getHour() < 10 ? "0" + start.getHour() : Integer.toString(start.getHour());
    return root.resolve("dt=" + DateTimeFormatter.ISO_LOCAL_DATE.format(start)).resolve("hr=" + hour);
  }
}
