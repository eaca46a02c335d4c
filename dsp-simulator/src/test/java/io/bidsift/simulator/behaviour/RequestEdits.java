package io.bidsift.simulator.behaviour;

import io.bidsift.openrtb.App;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.Device;
import io.bidsift.openrtb.Imp;
import io.bidsift.openrtb.Publisher;
import io.bidsift.openrtb.Site;
import io.bidsift.openrtb.User;
import java.util.List;

/** Copies of a generated request with one thing changed, to switch a single behaviour factor on or off. */
final class RequestEdits {

  private RequestEdits() {
  }

  /** Every imp's floor set to {@code floor}. */
  static BidRequest withFloor(BidRequest r, double floor) {
    List<Imp> imps = r.imp().stream().map(i -> new Imp(i.id(), i.metric(), i.banner(), i.video(), i.audio(), i.nativeAd(),
        i.pmp(), i.displaymanager(), i.displaymanagerver(), i.instl(), i.tagid(), floor, "USD", i.clickbrowser(),
        i.secure(), i.iframebuster(), i.rwdd(), i.ssai(), i.exp(), i.qty(), i.dt(), i.refresh(), i.ext(), i.unknown()))
        .toList();
    return request(r, imps, r.site(), r.app(), r.device(), r.user());
  }

  /** No user id, eids or advertising id. */
  static BidRequest anonymous(BidRequest r) {
    User u = r.user();
    User user = u == null || u.consent() == null ? null
        : new User(null, null, null, null, null, null, null, null, null, u.consent(), null, null, null);
    return request(r, r.imp(), r.site(), r.app(), withIfa(r.device(), null), user);
  }

  /** The TCF consent string set, or removed when null. */
  static BidRequest withConsent(BidRequest r, String consent) {
    User u = r.user();
    User user = u == null ? new User(null, null, null, null, null, null, null, null, null, consent, null, null, null)
        : new User(u.id(), u.buyeruid(), u.yob(), u.gender(), u.keywords(), u.kwarray(), u.customdata(), u.geo(), u.data(),
            consent, u.eids(), u.ext(), u.unknown());
    return request(r, r.imp(), r.site(), r.app(), r.device(), user);
  }

  /** The site's or app's publisher id replaced. */
  static BidRequest withPublisherId(BidRequest r, String publisherId) {
    Site s = r.site();
    App a = r.app();
    if (s != null) {
      s = new Site(s.id(), s.name(), s.domain(), s.cattax(), s.cat(), s.sectioncat(), s.pagecat(), s.page(), s.ref(),
          s.search(), s.mobile(), s.privacypolicy(), publisher(s.publisher(), publisherId), s.content(), s.keywords(),
          s.kwarray(), s.inventorypartnerdomain(), s.ext(), s.unknown());
    } else {
      a = new App(a.id(), a.name(), a.bundle(), a.domain(), a.storeurl(), a.cattax(), a.cat(), a.sectioncat(), a.pagecat(),
          a.ver(), a.privacypolicy(), a.paid(), publisher(a.publisher(), publisherId), a.content(), a.keywords(),
          a.kwarray(), a.inventorypartnerdomain(), a.ext(), a.unknown());
    }
    return request(r, r.imp(), s, a, r.device(), r.user());
  }

  /** The site's or app's content categories replaced. */
  static BidRequest withCategories(BidRequest r, List<String> categories) {
    Site s = r.site();
    App a = r.app();
    if (s != null) {
      s = new Site(s.id(), s.name(), s.domain(), s.cattax(), categories, s.sectioncat(), s.pagecat(), s.page(), s.ref(),
          s.search(), s.mobile(), s.privacypolicy(), s.publisher(), s.content(), s.keywords(), s.kwarray(),
          s.inventorypartnerdomain(), s.ext(), s.unknown());
    } else {
      a = new App(a.id(), a.name(), a.bundle(), a.domain(), a.storeurl(), a.cattax(), categories, a.sectioncat(),
          a.pagecat(), a.ver(), a.privacypolicy(), a.paid(), a.publisher(), a.content(), a.keywords(), a.kwarray(),
          a.inventorypartnerdomain(), a.ext(), a.unknown());
    }
    return request(r, r.imp(), s, a, r.device(), r.user());
  }

  private static Publisher publisher(Publisher p, String id) {
    return new Publisher(id, p.name(), p.cattax(), p.cat(), p.domain(), p.ext(), p.unknown());
  }

  private static Device withIfa(Device d, String ifa) {
    return new Device(d.geo(), d.dnt(), d.lmt(), d.ua(), d.sua(), d.ip(), d.ipv6(), d.devicetype(), d.make(), d.model(),
        d.os(), d.osv(), d.hwv(), d.h(), d.w(), d.ppi(), d.pxratio(), d.js(), d.geofetch(), d.flashver(), d.language(),
        d.langb(), d.carrier(), d.mccmnc(), d.connectiontype(), ifa, d.didsha1(), d.didmd5(), d.dpidsha1(), d.dpidmd5(),
        d.macsha1(), d.macmd5(), d.ext(), d.unknown());
  }

  private static BidRequest request(BidRequest r, List<Imp> imps, Site site, App app, Device device, User user) {
    return new BidRequest(r.id(), imps, site, app, r.dooh(), device, user, r.test(), r.at(), r.tmax(), r.wseat(),
        r.bseat(), r.allimps(), r.cur(), r.wlang(), r.wlangb(), r.bcat(), r.cattax(), r.badv(), r.bapp(), r.source(),
        r.regs(), r.ext(), r.unknown());
  }
}
