package io.bidsift.openrtb;

import com.fasterxml.jackson.core.JsonFactory;
import io.bidsift.json.JsonArray;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonNumber;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves the OpenRTB 2.5 {@code ext} fields that 2.6 made standard to their 2.6 places, so the
 * rest of BidSift reads one shape:
 * {@code regs.ext.gdpr / us_privacy / gpp / gpp_sid}, {@code user.ext.consent / eids},
 * {@code source.ext.schain} and {@code imp.ext.prebid.is_rewarded_inventory} (to {@code imp.rwdd}).
 * Thread-safe; build one and share it.
 *
 * <p>Rules, per field:
 * <ul>
 *   <li>a value already in the 2.6 place wins; the ext copy is removed all the same, so a DSP
 *       never sees two different values for one thing;</li>
 *   <li>an ext value of the wrong type (a string gdpr, an eid that is not an object, ...) is left
 *       in ext untouched: it is not ours to drop, and up-conversion never fails;</li>
 *   <li>an object that moving emptied ({@code regs.ext}, {@code imp.ext.prebid}, ...) is removed,
 *       so a converted request looks as if it had been written in 2.6; an ext that arrived empty
 *       is left as it was.</li>
 * </ul>
 * When nothing moves, the same instance comes back, so 2.6 requests cost a few field reads.
 */
public final class OpenRtbUpconverter {

  private final JsonFactory factory;
  private final RecordCodec<Eid> eidCodec = RecordCodec.of(Eid.class);
  private final RecordCodec<SupplyChain> schainCodec = RecordCodec.of(SupplyChain.class);

  /** Uses the codec's request limits when reading the moved eids and schain. */
  public OpenRtbUpconverter(OpenRtbCodec codec) {
    this.factory = codec.requestJson().factory();
  }

  public BidRequest upconvert(BidRequest r) {
    List<Imp> imp = upconvertImps(r.imp());
    User user = upconvertUser(r.user());
    Source source = upconvertSource(r.source());
    Regs regs = upconvertRegs(r.regs());
    if (imp == r.imp() && user == r.user() && source == r.source() && regs == r.regs()) {
      return r;
    }
    return new BidRequest(r.id(), imp, r.site(), r.app(), r.dooh(), r.device(), user, r.test(),
        r.at(), r.tmax(), r.wseat(), r.bseat(), r.allimps(), r.cur(), r.wlang(), r.wlangb(),
        r.bcat(), r.cattax(), r.badv(), r.bapp(), source, regs, r.ext(), r.unknown());
  }

  private static Regs upconvertRegs(Regs regs) {
    if (regs == null || regs.ext() == null) {
      return regs;
    }
    JsonObject ext = regs.ext();
    Integer gdpr = regs.gdpr();
    Integer extGdpr = intValue(ext.get("gdpr"));
    if (extGdpr != null) {
      gdpr = gdpr != null ? gdpr : extGdpr;
      ext = ext.without("gdpr");
    }
    String usPrivacy = regs.usPrivacy();
    String extUsPrivacy = ext.string("us_privacy");
    if (extUsPrivacy != null) {
      usPrivacy = usPrivacy != null ? usPrivacy : extUsPrivacy;
      ext = ext.without("us_privacy");
    }
    String gpp = regs.gpp();
    String extGpp = ext.string("gpp");
    if (extGpp != null) {
      gpp = gpp != null ? gpp : extGpp;
      ext = ext.without("gpp");
    }
    List<Integer> gppSid = regs.gppSid();
    List<Integer> extGppSid = intList(ext.get("gpp_sid"));
    if (extGppSid != null) {
      gppSid = gppSid != null ? gppSid : extGppSid;
      ext = ext.without("gpp_sid");
    }
    if (ext == regs.ext()) {
      return regs;
    }
    return new Regs(regs.coppa(), gdpr, usPrivacy, gpp, gppSid, nullIfEmpty(ext), regs.unknown());
  }

  private User upconvertUser(User user) {
    if (user == null || user.ext() == null) {
      return user;
    }
    JsonObject ext = user.ext();
    String consent = user.consent();
    String extConsent = ext.string("consent");
    if (extConsent != null) {
      consent = consent != null ? consent : extConsent;
      ext = ext.without("consent");
    }
    List<Eid> eids = user.eids();
    List<Eid> extEids = eids(ext.get("eids"));
    if (extEids != null) {
      eids = eids != null ? eids : extEids;
      ext = ext.without("eids");
    }
    if (ext == user.ext()) {
      return user;
    }
    return new User(user.id(), user.buyeruid(), user.yob(), user.gender(), user.keywords(),
        user.kwarray(), user.customdata(), user.geo(), user.data(), consent, eids,
        nullIfEmpty(ext), user.unknown());
  }

  private Source upconvertSource(Source source) {
    if (source == null || source.ext() == null || !source.ext().has("schain")) {
      return source;
    }
    SupplyChain extSchain = record(schainCodec, source.ext().get("schain"));
    if (extSchain == null) {
      return source;
    }
    return new Source(source.fd(), source.tid(), source.pchain(),
        source.schain() != null ? source.schain() : extSchain,
        nullIfEmpty(source.ext().without("schain")), source.unknown());
  }

  private static List<Imp> upconvertImps(List<Imp> imps) {
    if (imps == null) {
      return null;
    }
    List<Imp> converted = null;
    for (int i = 0; i < imps.size(); i++) {
      Imp imp = imps.get(i);
      Imp upconverted = upconvertImp(imp);
      if (upconverted != imp && converted == null) {
        converted = new ArrayList<>(imps.subList(0, i));
      }
      if (converted != null) {
        converted.add(upconverted);
      }
    }
    return converted == null ? imps : List.copyOf(converted);
  }

  private static Imp upconvertImp(Imp imp) {
    JsonObject ext = imp.ext();
    JsonObject prebid = ext == null ? null : ext.object("prebid");
    Integer rewarded = prebid == null ? null : intValue(prebid.get("is_rewarded_inventory"));
    if (rewarded == null) {
      return imp;
    }
    JsonObject restOfPrebid = prebid.without("is_rewarded_inventory");
    JsonObject newExt = restOfPrebid.isEmpty() ? ext.without("prebid") : ext.with("prebid", restOfPrebid);
    return new Imp(imp.id(), imp.metric(), imp.banner(), imp.video(), imp.audio(), imp.nativeAd(),
        imp.pmp(), imp.displaymanager(), imp.displaymanagerver(), imp.instl(), imp.tagid(),
        imp.bidfloor(), imp.bidfloorcur(), imp.clickbrowser(), imp.secure(), imp.iframebuster(),
        imp.rwdd() != null ? imp.rwdd() : rewarded, imp.ssai(), imp.exp(), imp.qty(), imp.dt(),
        imp.refresh(), nullIfEmpty(newExt), imp.unknown());
  }

  /** The eids as records, or null when the value is absent or does not fit the Eid shape. */
  private List<Eid> eids(JsonValue value) {
    if (!(value instanceof JsonArray array)) {
      return null;
    }
    List<Eid> eids = new ArrayList<>(array.elements().size());
    for (JsonValue element : array.elements()) {
      Eid eid = record(eidCodec, element);
      if (eid == null) {
        return null;
      }
      eids.add(eid);
    }
    return List.copyOf(eids);
  }

  /** The tree as a record, or null when it is absent or does not fit the record. */
  private <R extends Record> R record(RecordCodec<R> codec, JsonValue value) {
    if (value == null) {
      return null;
    }
    try {
      return codec.readTree(factory, value);
    } catch (JsonInputException e) {
      return null;
    }
  }

  private static Integer intValue(JsonValue value) {
    return value instanceof JsonNumber n ? n.intValueExact() : null;
  }

  private static List<Integer> intList(JsonValue value) {
    if (!(value instanceof JsonArray array)) {
      return null;
    }
    List<Integer> ints = new ArrayList<>(array.elements().size());
    for (JsonValue element : array.elements()) {
      Integer i = intValue(element);
      if (i == null) {
        return null;
      }
      ints.add(i);
    }
    return List.copyOf(ints);
  }

  private static JsonObject nullIfEmpty(JsonObject ext) {
    return ext.isEmpty() ? null : ext;
  }
}
