package io.bidsift.auction;

import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.Imp;
import java.util.ArrayList;
import java.util.List;

/** Edits of generated requests for tests. */
final class Requests {

  private Requests() {
  }

  static BidRequest with(BidRequest r, Integer tmax, Integer test, Integer at) {
    return new BidRequest(r.id(), r.imp(), r.site(), r.app(), r.dooh(), r.device(), r.user(), test, at,
        tmax, r.wseat(), r.bseat(), r.allimps(), r.cur(), r.wlang(), r.wlangb(), r.bcat(), r.cattax(), r.badv(),
        r.bapp(), r.source(), r.regs(), r.ext(), r.unknown());
  }

  /** The same request with every imp's floor raised far above any simulated valuation. */
  static BidRequest withFloor(BidRequest r, double floor) {
    List<Imp> imps = new ArrayList<>();
    for (Imp i : r.imp()) {
      imps.add(new Imp(i.id(), i.metric(), i.banner(), i.video(), i.audio(), i.nativeAd(), i.pmp(),
          i.displaymanager(), i.displaymanagerver(), i.instl(), i.tagid(), floor, "USD", i.clickbrowser(),
          i.secure(), i.iframebuster(), i.rwdd(), i.ssai(), i.exp(), i.qty(), i.dt(), i.refresh(), i.ext(),
          i.unknown()));
    }
    return new BidRequest(r.id(), imps, r.site(), r.app(), r.dooh(), r.device(), r.user(), r.test(), r.at(),
        r.tmax(), r.wseat(), r.bseat(), r.allimps(), r.cur(), r.wlang(), r.wlangb(), r.bcat(), r.cattax(), r.badv(),
        r.bapp(), r.source(), r.regs(), r.ext(), r.unknown());
  }
}
