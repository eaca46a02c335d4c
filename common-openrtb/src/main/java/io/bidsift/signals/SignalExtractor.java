package io.bidsift.signals;

import io.bidsift.json.JsonArray;
import io.bidsift.json.JsonNumber;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonValue;
import io.bidsift.openrtb.App;
import io.bidsift.openrtb.Banner;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.Device;
import io.bidsift.openrtb.Dooh;
import io.bidsift.openrtb.Eid;
import io.bidsift.openrtb.Format;
import io.bidsift.openrtb.Geo;
import io.bidsift.openrtb.Imp;
import io.bidsift.openrtb.Pmp;
import io.bidsift.openrtb.Publisher;
import io.bidsift.openrtb.Regs;
import io.bidsift.openrtb.Site;
import io.bidsift.openrtb.Source;
import io.bidsift.openrtb.SupplyChain;
import io.bidsift.openrtb.User;
import io.bidsift.openrtb.UserAgent;
import io.bidsift.openrtb.Video;
import io.bidsift.signals.RequestSignals.Environment;
import io.bidsift.signals.RequestSignals.LocalTimeBasis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;

/**
 * Derives {@link RequestSignals} (version {@link RequestSignals#VERSION}) from a parsed request.
 * The rules, including the multi-imp rule, are documented on {@link RequestSignals}.
 *
 * <p>Immutable and thread-safe: build one and share it. It never throws for a request the codec
 * parsed: a missing object or an odd value only makes the signals it feeds missing. It runs on
 * the bid filter's hot path, so it walks the request once with plain loops and allocates little
 * beyond the record and its small lists.
 */
public final class SignalExtractor {

  private static final int SECONDS_PER_DAY = 86_400;
  private static final int MIN_UTC_OFFSET_MINUTES = -12 * 60;
  private static final int MAX_UTC_OFFSET_MINUTES = 14 * 60;

  public RequestSignals extract(BidRequest request, Instant auctionTime) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(auctionTime, "auctionTime");

    Site site = request.site();
    App app = request.app();
    Dooh dooh = request.dooh();
    Environment environment;
    Publisher publisher;
    String inventoryId;
    String domain;
    List<String> categories = null;
    if (site != null) {
      environment = Environment.SITE;
      publisher = site.publisher();
      inventoryId = site.id();
      domain = host(site.domain());
      if (domain == null) {
        domain = host(site.page());
      }
      categories = addDistinct(categories, site.cat(), RequestSignals.MAX_CATEGORIES);
      categories = addDistinct(categories, site.sectioncat(), RequestSignals.MAX_CATEGORIES);
      categories = addDistinct(categories, site.pagecat(), RequestSignals.MAX_CATEGORIES);
    } else if (app != null) {
      environment = Environment.APP;
      publisher = app.publisher();
      inventoryId = app.id();
      domain = host(app.domain());
      categories = addDistinct(categories, app.cat(), RequestSignals.MAX_CATEGORIES);
      categories = addDistinct(categories, app.sectioncat(), RequestSignals.MAX_CATEGORIES);
      categories = addDistinct(categories, app.pagecat(), RequestSignals.MAX_CATEGORIES);
    } else if (dooh != null) {
      environment = Environment.DOOH;
      publisher = dooh.publisher();
      inventoryId = dooh.id();
      domain = host(dooh.domain());
    } else {
      environment = Environment.UNKNOWN;
      publisher = null;
      inventoryId = null;
      domain = null;
    }
    if (publisher != null) {
      categories = addDistinct(categories, publisher.cat(), RequestSignals.MAX_CATEGORIES);
    }

    ImpScan imps = ImpScan.of(request.imp());
    List<String> sizes = imps.sizes();

    Device device = request.device();
    Geo deviceGeo = device == null ? null : device.geo();
    User user = request.user();
    Geo userGeo = user == null ? null : user.geo();
    String country = deviceGeo == null ? null : country(deviceGeo.country());
    if (country == null && userGeo != null) {
      country = country(userGeo.country());
    }
    String region = deviceGeo == null ? null : upper(deviceGeo.region());
    if (region == null && userGeo != null) {
      region = upper(userGeo.region());
    }

    Integer offset = deviceGeo == null ? null : utcOffset(deviceGeo.utcoffset());
    if (offset == null && userGeo != null) {
      offset = utcOffset(userGeo.utcoffset());
    }
    LocalTimeBasis timeBasis = LocalTimeBasis.GEO_UTC_OFFSET;
    if (offset == null) {
      offset = TypicalUtcOffsets.minutesFor(country);
      timeBasis = offset != null ? LocalTimeBasis.COUNTRY_TYPICAL_OFFSET : LocalTimeBasis.UTC;
    }
    long localSeconds = auctionTime.getEpochSecond() + (offset == null ? 0 : offset * 60L);
    int localHour = Math.floorMod(localSeconds, SECONDS_PER_DAY) / 3600;
    // 1970-01-01 was a Thursday (ISO day 4).
    int localDayOfWeek = Math.floorMod(Math.floorDiv(localSeconds, SECONDS_PER_DAY) + 3, 7) + 1;

    JsonObject userExt = user == null ? null : user.ext();
    EidScan eids = EidScan.of(user == null ? null : user.eids(), userExt);
    String consent = user == null ? null : user.consent();
    if (consent == null && userExt != null) {
      consent = userExt.string("consent");
    }

    Regs regs = request.regs();
    JsonObject regsExt = regs == null ? null : regs.ext();
    Integer gdpr = regs == null ? null : regs.gdpr();
    if (gdpr == null && regsExt != null) {
      gdpr = intMember(regsExt, "gdpr");
    }
    String usPrivacy = regs == null ? null : regs.usPrivacy();
    if (usPrivacy == null && regsExt != null) {
      usPrivacy = regsExt.string("us_privacy");
    }

    Source source = request.source();
    Boolean schainComplete = null;
    int schainNodes = 0;
    SupplyChain schain = source == null ? null : source.schain();
    if (schain != null) {
      schainComplete = flag(schain.complete());
      schainNodes = schain.nodes() == null ? 0 : schain.nodes().size();
    } else if (source != null && source.ext() != null) {
      JsonObject extChain = source.ext().object("schain");
      if (extChain != null) {
        schainComplete = flag(intMember(extChain, "complete"));
        schainNodes = extChain.get("nodes") instanceof JsonArray nodes ? nodes.elements().size() : 0;
      }
    }

    return new RequestSignals(
        RequestSignals.VERSION,
        environment,
        publisher == null ? null : present(publisher.id()),
        domain,
        app == null || environment != Environment.APP ? null : present(app.bundle()),
        present(inventoryId),
        imps.tagId,
        frozen(categories),
        imps.mediaTypes,
        imps.primaryFormat(),
        sizes,
        imps.primaryHasSize ? sizes.get(0) : null,
        imps.count,
        imps.minFloor,
        imps.maxFloor,
        imps.floorCurrency,
        device == null ? null : nonNegative(device.devicetype()),
        device == null ? null : os(device),
        device == null ? null : lower(device.make()),
        device == null ? null : nonNegative(device.connectiontype()),
        country,
        region,
        user != null && (present(user.buyeruid()) != null || present(user.id()) != null),
        device != null && isRealIfa(device.ifa()),
        device == null ? null : flag(device.lmt()),
        device == null ? null : flag(device.dnt()),
        eids.sources(),
        eids.count,
        flag(gdpr),
        present(consent) != null,
        present(usPrivacy) != null,
        usPrivacyOptOut(usPrivacy),
        regs == null ? null : flag(regs.coppa()),
        regs != null && present(regs.gpp()) != null,
        schainComplete,
        schainNodes,
        nonNegative(request.tmax()),
        isOne(request.test()),
        imps.video == null ? null : nonNegative(imps.video.placement()),
        imps.video == null ? null : nonNegative(imps.video.plcmt()),
        imps.video == null ? null : nonNegative(imps.video.minduration()),
        imps.video == null ? null : nonNegative(imps.video.maxduration()),
        imps.rewarded,
        imps.hasDeals,
        imps.privateAuction,
        imps.secure,
        imps.interstitial,
        localHour,
        localDayOfWeek,
        timeBasis);
  }

  /**
   * The host of a domain or URL, lowercased, without scheme, user info, port, path or a leading
   * "www."; null when there is none. Accepts bare hosts ({@code prebid.org}), as real requests
   * put them in site.page too.
   */
  static String host(String raw) {
    if (raw == null) {
      return null;
    }
    int start = 0;
    int end = raw.length();
    while (start < end && raw.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && raw.charAt(end - 1) <= ' ') {
      end--;
    }
    int firstDelimiter = end;
    for (int i = start; i < end; i++) {
      char c = raw.charAt(i);
      if (c == ':' || c == '/' || c == '?' || c == '#') {
        firstDelimiter = i;
        break;
      }
    }
    if (firstDelimiter < end && raw.startsWith("://", firstDelimiter)) {
      start = firstDelimiter + 3;
    } else if (raw.startsWith("//", start)) {
      start += 2;
    }
    int hostEnd = end;
    for (int i = start; i < end; i++) {
      char c = raw.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        hostEnd = i;
        break;
      }
    }
    for (int i = hostEnd - 1; i >= start; i--) {
      if (raw.charAt(i) == '@') {
        start = i + 1;
        break;
      }
    }
    for (int i = start; i < hostEnd; i++) {
      if (raw.charAt(i) == ':') {
        hostEnd = i;
        break;
      }
    }
    if (hostEnd - start >= 4 && raw.regionMatches(true, start, "www.", 0, 4)) {
      start += 4;
    }
    if (hostEnd > start && raw.charAt(hostEnd - 1) == '.') {
      hostEnd--;
    }
    return start >= hostEnd ? null : raw.substring(start, hostEnd).toLowerCase(Locale.ROOT);
  }

  private static String os(Device device) {
    String os = normaliseOs(device.os());
    if (os == null) {
      UserAgent sua = device.sua();
      if (sua != null && sua.platform() != null) {
        os = normaliseOs(sua.platform().brand());
      }
    }
    return os;
  }

  static String normaliseOs(String raw) {
    if (raw == null) {
      return null;
    }
    int s = 0;
    while (s < raw.length() && raw.charAt(s) <= ' ') {
      s++;
    }
    if (s == raw.length()) {
      return null;
    }
    if (startsWith(raw, s, "ios") || startsWith(raw, s, "iphone") || startsWith(raw, s, "ipad")) {
      return "ios";
    } else if (startsWith(raw, s, "android")) {
      return "android";
    } else if (startsWith(raw, s, "win")) {
      return "windows";
    } else if (startsWith(raw, s, "mac") || startsWith(raw, s, "os x") || startsWith(raw, s, "osx")) {
      return "macos";
    } else if (startsWith(raw, s, "linux") || startsWith(raw, s, "ubuntu")
        || startsWith(raw, s, "debian") || startsWith(raw, s, "fedora")) {
      return "linux";
    }
    return "other";
  }

  private static boolean startsWith(String s, int offset, String lowerPrefix) {
    return s.regionMatches(true, offset, lowerPrefix, 0, lowerPrefix.length());
  }

  /** ISO-3166-1 alpha-3, uppercased; alpha-2 codes converted; null for anything else. */
  static String country(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.strip();
    if (!asciiLetters(s)) {
      return null;
    }
    if (s.length() == 3) {
      return s.toUpperCase(Locale.ROOT);
    }
    if (s.length() == 2) {
      try {
        String alpha3 = new Locale("", s).getISO3Country();
        return alpha3.isEmpty() ? null : alpha3;
      } catch (MissingResourceException e) {
        return null;
      }
    }
    return null;
  }

  private static boolean asciiLetters(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        return false;
      }
    }
    return true;
  }

  private static Integer utcOffset(Integer minutes) {
    return minutes != null && minutes >= MIN_UTC_OFFSET_MINUTES && minutes <= MAX_UTC_OFFSET_MINUTES
        ? minutes : null;
  }

  /** Apple sends an all-zero IFA when the user limits tracking: it identifies nobody. */
  static boolean isRealIfa(String ifa) {
    if (ifa == null) {
      return false;
    }
    for (int i = 0; i < ifa.length(); i++) {
      char c = ifa.charAt(i);
      if (c != '0' && c != '-' && c > ' ') {
        return true;
      }
    }
    return false;
  }

  private static Boolean usPrivacyOptOut(String usPrivacy) {
    if (usPrivacy == null || usPrivacy.length() < 3) {
      return null;
    }
    char optOut = usPrivacy.charAt(2);
    if (optOut == 'Y' || optOut == 'y') {
      return Boolean.TRUE;
    }
    return optOut == 'N' || optOut == 'n' ? Boolean.FALSE : null;
  }

  private static Integer intMember(JsonObject object, String name) {
    return object.get(name) instanceof JsonNumber n ? n.intValueExact() : null;
  }

  /** An OpenRTB 0/1 flag; any other value is as good as missing. */
  private static Boolean flag(Integer value) {
    if (value == null) {
      return null;
    }
    return value == 1 ? Boolean.TRUE : value == 0 ? Boolean.FALSE : null;
  }

  private static boolean isOne(Integer value) {
    return value != null && value == 1;
  }

  private static Integer nonNegative(Integer value) {
    return value != null && value >= 0 ? value : null;
  }

  private static String present(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String lower(String s) {
    return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT);
  }

  private static String upper(String s) {
    return s == null || s.isBlank() ? null : s.strip().toUpperCase(Locale.ROOT);
  }

  /** Adds the values not yet in {@code out}, keeping order, until {@code out} holds {@code cap}. */
  private static List<String> addDistinct(List<String> out, List<String> values, int cap) {
    if (values == null) {
      return out;
    }
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (v == null || v.isBlank()) {
        continue;
      }
      if (out == null) {
        out = new ArrayList<>(cap);
      } else if (out.size() >= cap) {
        return out;
      } else if (out.contains(v)) {
        continue;
      }
      out.add(v);
    }
    return out;
  }

  private static List<String> frozen(List<String> list) {
    return list == null || list.isEmpty() ? List.of() : Collections.unmodifiableList(list);
  }

  /** One pass over the imps, gathering the imp signals by the multi-imp rule. */
  private static final class ImpScan {
    int count;
    int mediaTypes;
    String tagId;
    Boolean secure;
    Double minFloor;
    Double maxFloor;
    String floorCurrency;
    Video video;
    boolean rewarded;
    boolean hasDeals;
    boolean privateAuction;
    boolean interstitial;
    /** Distinct sizes as (w << 32 | h), in request order. */
    final long[] sizeKeys = new long[RequestSignals.MAX_SIZES];
    int sizeCount;
    /** The first imp's first size is always the first one found, so it is sizes().get(0). */
    boolean primaryHasSize;

    static ImpScan of(List<Imp> imps) {
      ImpScan scan = new ImpScan();
      if (imps == null) {
        return scan;
      }
      for (int i = 0; i < imps.size(); i++) {
        Imp imp = imps.get(i);
        if (imp != null) {
          scan.add(imp, scan.count == 0);
          scan.count++;
        }
      }
      return scan;
    }

    private void add(Imp imp, boolean primary) {
      if (primary) {
        tagId = present(imp.tagid());
        secure = flag(imp.secure());
      }
      Banner banner = imp.banner();
      if (banner != null) {
        mediaTypes |= RequestSignals.MediaType.BANNER.bit();
        List<Format> formats = banner.format();
        if (formats != null) {
          for (int i = 0; i < formats.size(); i++) {
            Format f = formats.get(i);
            if (f != null) {
              addSize(f.w(), f.h(), primary);
            }
          }
        }
        addSize(banner.w(), banner.h(), primary);
      }
      if (imp.video() != null) {
        mediaTypes |= RequestSignals.MediaType.VIDEO.bit();
        if (video == null) {
          video = imp.video();
        }
      }
      if (imp.audio() != null) {
        mediaTypes |= RequestSignals.MediaType.AUDIO.bit();
      }
      if (imp.nativeAd() != null) {
        mediaTypes |= RequestSignals.MediaType.NATIVE.bit();
      }
      addFloor(imp.bidfloor(), imp.bidfloorcur());
      rewarded |= isRewarded(imp);
      interstitial |= isOne(imp.instl());
      Pmp pmp = imp.pmp();
      if (pmp != null) {
        hasDeals |= pmp.deals() != null && !pmp.deals().isEmpty();
        privateAuction |= isOne(pmp.privateAuction());
      }
    }

    /** OpenRTB 2.5 requests from Prebid carry rwdd as imp.ext.prebid.is_rewarded_inventory. */
    private static boolean isRewarded(Imp imp) {
      if (imp.rwdd() != null) {
        return imp.rwdd() == 1;
      }
      JsonObject prebid = imp.ext() == null ? null : imp.ext().object("prebid");
      return prebid != null && isOne(intMember(prebid, "is_rewarded_inventory"));
    }

    private void addSize(Integer w, Integer h, boolean primary) {
      if (w == null || h == null || w <= 0 || h <= 0) {
        return;
      }
      primaryHasSize |= primary;
      long key = ((long) w << 32) | h;
      for (int i = 0; i < sizeCount; i++) {
        if (sizeKeys[i] == key) {
          return;
        }
      }
      if (sizeCount < sizeKeys.length) {
        sizeKeys[sizeCount++] = key;
      }
    }

    private void addFloor(Double floor, String currency) {
      if (floor == null || !(floor > 0) || floor.isInfinite()) {
        return;
      }
      String cur = currency == null || currency.isBlank() ? "USD" : currency.strip().toUpperCase(Locale.ROOT);
      if (floorCurrency == null) {
        floorCurrency = cur;
      } else if (!floorCurrency.equals(cur)) {
        return;
      }
      if (minFloor == null || floor < minFloor) {
        minFloor = floor;
      }
      if (maxFloor == null || floor > maxFloor) {
        maxFloor = floor;
      }
    }

    String primaryFormat() {
      return switch (mediaTypes) {
        case 0 -> null;
        case 1 -> "banner";
        case 2 -> "video";
        case 4 -> "audio";
        case 8 -> "native";
        default -> "multi";
      };
    }

    List<String> sizes() {
      if (sizeCount == 0) {
        return List.of();
      }
      String[] sizes = new String[sizeCount];
      for (int i = 0; i < sizeCount; i++) {
        sizes[i] = size(sizeKeys[i]);
      }
      return List.of(sizes);
    }

    private static String size(long key) {
      return (key >>> 32) + "x" + (key & 0xFFFF_FFFFL);
    }
  }

  /** user.eids, or the OpenRTB 2.5 user.ext.eids when the 2.6 field is absent. */
  private static final class EidScan {
    int count;
    List<String> sources;

    static EidScan of(List<Eid> eids, JsonObject userExt) {
      EidScan scan = new EidScan();
      if (eids != null) {
        scan.count = eids.size();
        for (int i = 0; i < eids.size(); i++) {
          Eid eid = eids.get(i);
          if (eid != null) {
            scan.addSource(eid.source());
          }
        }
      } else if (userExt != null && userExt.get("eids") instanceof JsonArray extEids) {
        scan.count = extEids.elements().size();
        for (JsonValue e : extEids.elements()) {
          if (e instanceof JsonObject o) {
            scan.addSource(o.string("source"));
          }
        }
      }
      return scan;
    }

    private void addSource(String source) {
      String s = lower(source);
      if (s == null) {
        return;
      }
      if (sources == null) {
        sources = new ArrayList<>(4);
      } else if (sources.contains(s)) {
        return;
      }
      sources.add(s);
    }

    List<String> sources() {
      if (sources == null) {
        return List.of();
      }
      sources.sort(null);
      return sources.size() <= RequestSignals.MAX_EID_SOURCES
          ? Collections.unmodifiableList(sources)
          : List.copyOf(sources.subList(0, RequestSignals.MAX_EID_SOURCES));
    }
  }
}
