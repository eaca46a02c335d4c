package io.bidsift.simulator.behaviour;

import io.bidsift.auctionlog.Outcome;
import io.bidsift.openrtb.Bid;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.BidResponse;
import io.bidsift.openrtb.SeatBid;
import java.util.ArrayList;
import java.util.List;

/** Builds the OpenRTB response of a {@link DspDecision}. Stateless. */
final class BidResponses {

  /** AdCOM creative markup types. */
  private static final int MTYPE_BANNER = 1;
  private static final int MTYPE_VIDEO = 2;
  private static final int MTYPE_NATIVE = 4;
  /** OpenRTB no-bid reason "technical error", for an erroring DSP. */
  private static final int NBR_TECHNICAL_ERROR = 1;

  BidResponse respond(BidRequest request, DspDecision decision) {
    if (decision.outcome() != Outcome.BID) {
      Integer nbr = decision.outcome() == Outcome.ERROR ? NBR_TECHNICAL_ERROR : null;
      return new BidResponse(request.id(), null, null, null, null, nbr, null, null);
    }
    String dsp = decision.dspId();
    List<String> adomain = decision.advertiserDomain() == null ? null : List.of(decision.advertiserDomain());
    List<String> cat = decision.adCategory() == null ? null : List.of(decision.adCategory());
    List<Bid> bids = new ArrayList<>(decision.bids().size());
    for (ImpBid b : decision.bids()) {
      String creative = dsp + "-" + b.format().wire() + (b.w() == null ? "" : "-" + b.w() + "x" + b.h());
      bids.add(new Bid(dsp + "-" + request.id() + "-" + b.impId(), b.impId(), b.price(), null,
          "https://" + dsp + ".dsp.example/billing?auction=${AUCTION_ID}&price=${AUCTION_PRICE}", null,
          markup(b, creative), null, adomain, null, null, dsp + "-campaign", creative, null, cat == null ? null : 1, cat,
          null, null, null, null, null, null, null, null, b.w(), b.h(), null, null, null, null, mtype(b), null, null,
          null));
    }
    return new BidResponse(request.id(), List.of(new SeatBid(bids, dsp, 0, null, null)),
        dsp + "-" + request.id(), "USD", null, null, null, null);
  }

  private static int mtype(ImpBid b) {
    return switch (b.format()) {
      case BANNER -> MTYPE_BANNER;
      case VIDEO -> MTYPE_VIDEO;
      case NATIVE -> MTYPE_NATIVE;
    };
  }

  private static String markup(ImpBid b, String creative) {
    return switch (b.format()) {
      case BANNER -> "<a href=\"https://click.dsp.example/" + creative + "\"><img src=\"https://cdn.dsp.example/"
          + creative + ".jpg\" width=\"" + b.w() + "\" height=\"" + b.h() + "\"></a>";
      case VIDEO -> "<VAST version=\"4.2\"><Ad id=\"" + creative + "\"><Wrapper><AdSystem>BidSift simulator</AdSystem>"
          + "<VASTAdTagURI><![CDATA[https://cdn.dsp.example/" + creative + ".xml]]></VASTAdTagURI></Wrapper></Ad></VAST>";
      case NATIVE -> "{\"ver\":\"1.2\",\"assets\":[{\"id\":1,\"title\":{\"text\":\"Sponsored\"}},{\"id\":2,\"img\":{"
          + "\"url\":\"https://cdn.dsp.example/" + creative + ".jpg\",\"w\":600,\"h\":314}}],\"link\":{\"url\":"
          + "\"https://click.dsp.example/" + creative + "\"}}";
    };
  }
}
