package io.bidsift.auctionlog;

import io.bidsift.openrtb.BidRequest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One line of the auction log, format v1 (contracts.md §1): one auction with the fate of every
 * candidate DSP.
 *
 * @param ts       auction start; written as ISO-8601 UTC with milliseconds
 * @param request  the BidRequest as received (after 2.5 to 2.6 up-conversion)
 * @param model    version of the model that scored the auction, null when none was loaded
 * @param callouts one entry per candidate DSP
 */
public record AuctionRecord(Instant ts, BidRequest request, String model, List<Callout> callouts) {

  public static final int FORMAT_VERSION = 1;

  public AuctionRecord {
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(request, "request");
    callouts = List.copyOf(callouts);
  }
}
