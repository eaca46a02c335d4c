package io.bidsift.filter.http;

import io.bidsift.openrtb.BidRequest;
import java.time.Instant;
import java.util.List;

/**
 * A parsed {@code POST /v1/filter} body.
 *
 * @param request the auction's BidRequest
 * @param dsps    the candidate DSPs, null for every DSP the model knows
 * @param ts      the auction's time, null for now
 */
public record FilterCall(BidRequest request, List<String> dsps, Instant ts) {
}
