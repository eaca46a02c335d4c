package io.bidsift.simulator.traffic;

import io.bidsift.openrtb.BidRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A reproducible batch of publisher bid requests: request {@code i} comes from split {@code i} of the seed. */
public final class PublisherRequests {

  private PublisherRequests() {
  }

  public static List<BidRequest> generate(RequestGenerator traffic, Instant time, int count, long seed) {
    List<BidRequest> out = new ArrayList<>(count);
    SplittableRandom seeds = new SplittableRandom(seed);
    for (int i = 0; i < count; i++) {
      SplittableRandom r = seeds.split();
      out.add(traffic.request(traffic.slotAt(time, r), r));
    }
    return out;
  }
}
