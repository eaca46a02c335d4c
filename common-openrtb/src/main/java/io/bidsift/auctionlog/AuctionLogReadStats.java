package io.bidsift.auctionlog;

import java.util.List;

/**
 * What one {@link AuctionLogReader} pass found. {@code records + malformed == lines}.
 *
 * @param files        files read
 * @param lines        non-blank lines read; an unreadable tail of a file (truncated or corrupt
 *                     gzip, read error) counts as one line
 * @param records      lines decoded and handed to the consumer
 * @param malformed    lines skipped, unreadable tails included
 * @param sampleErrors the first few problems, each {@code <file>:<line>: <reason>}
 */
public record AuctionLogReadStats(long files, long lines, long records, long malformed, List<String> sampleErrors) {

  public AuctionLogReadStats {
    sampleErrors = List.copyOf(sampleErrors);
  }
}
