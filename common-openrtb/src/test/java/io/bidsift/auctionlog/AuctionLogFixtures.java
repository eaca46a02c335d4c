package io.bidsift.auctionlog;

import io.bidsift.testsupport.OpenRtbCorpus;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.OpenRtbCodec;
import java.time.Instant;
import java.util.List;

/** Realistic auction records for the auction log tests, built on the shared OpenRTB corpus. */
final class AuctionLogFixtures {

  private AuctionLogFixtures() {
  }

  /** A Prebid Server sample request with site, user, regs, imp ext for three bidders. */
  static BidRequest corpusRequest(OpenRtbCodec codec) {
    return codec.parseRequest(OpenRtbCorpus.read(OpenRtbCorpus.root().resolve("valid/exemplary__all-ext.json")));
  }

  static BidRequest withId(BidRequest r, String id) {
    return new BidRequest(id, r.imp(), r.site(), r.app(), r.dooh(), r.device(), r.user(), r.test(), r.at(),
        r.tmax(), r.wseat(), r.bseat(), r.allimps(), r.cur(), r.wlang(), r.wlangb(), r.bcat(), r.cattax(),
        r.badv(), r.bapp(), r.source(), r.regs(), r.ext(), r.unknown());
  }

  /** A record with one callout of every outcome, nulls where the contract puts them. */
  static AuctionRecord record(BidRequest request, Instant ts, String model) {
    return new AuctionRecord(ts, request, model, List.of(
        new Callout("dsp-a", true, false, 0.0831, Outcome.BID, 1.42, 37, null),
        new Callout("dsp-b", true, true, 0.0012, Outcome.NO_BID, null, 12, null),
        new Callout("dsp-c", true, false, 0.5, Outcome.TIMEOUT, null, 120, null),
        new Callout("dsp-d", true, false, null, Outcome.ERROR, null, 3, null),
        new Callout("dsp-e", false, false, 0.0001, Outcome.FILTERED, null, null, SkipReason.MODEL)));
  }
}
