package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a parsed (and up-converted) {@link BidRequest} against the OpenRTB 2.6 rules an
 * exchange relies on. Stateless and thread-safe.
 *
 * <p>Reports every problem, not only the first, each as a message that starts with the
 * offending field's path ({@code request.imp[0].banner.h must be a positive number}), so a 400
 * answer tells the caller everything to fix in one round trip. Prebid Server's sample corpus is
 * the reference: each message names the field Prebid names.
 *
 * <p>Sizes, bitrates, sequences, ppi and geo accuracy are rejected when negative, not when zero:
 * real traffic sends 0 for "unknown" there (device and video sizes especially) and Prebid Server
 * accepts it, so rejecting 0 would drop sellable auctions. A zero size does not count as a size,
 * though: a banner needs a non-zero w and h or a format entry, and a format entry is either a
 * non-zero {w, h} or a non-zero {wmin, wratio, hratio}.
 *
 * <p>Out-of-range {@code geo.lat}/{@code lon} are not problems either: Prebid Server accepts them
 * (its exemplary {@code device-sua} sample has lat 123.456, lon 678.9) and a wrong location spoils
 * no auction; code that uses the location must range-check it.
 *
 * <p>Runs on every auction: no streams or regex, one list allocated per call, and path strings
 * are built only when a problem is found.
 */
public final class RequestValidator {

  /** Above this many imps, duplicate ids are found with a map instead of comparing all pairs. */
  private static final int PAIRWISE_ID_CHECK_LIMIT = 16;

  private static final String MUST_BE_POSITIVE = " must be a positive number";

  /**
   * Returns every problem found, path-qualified and starting with {@code request.}; an empty
   * list means the request is valid.
   */
  public List<String> validate(BidRequest request) {
    List<String> problems = new ArrayList<>();
    if (isBlank(request.id())) {
      problems.add("request.id is required");
    }
    checkImps(request.imp(), problems);
    checkDistributionChannel(request, completedUpstream(request.imp()), problems);
    if (request.device() != null) {
      checkDevice(request.device(), problems);
    }
    if (request.user() != null && request.user().geo() != null) {
      checkGeo(request.user().geo(), "request.user.geo", problems);
    }
    if (request.regs() != null) {
      checkRegs(request.regs(), problems);
    }
    if (request.tmax() != null && request.tmax() < 0) {
      problems.add("request.tmax must not be negative, got " + request.tmax());
    }
    if (request.at() != null && request.at() != 1 && request.at() != 2) {
      problems.add("request.at must be 1 (first price) or 2 (second price), got " + request.at());
    }
    if (!isZeroOrOne(request.test())) {
      problems.add("request.test must be either 0 or 1, got " + request.test());
    }
    return problems.isEmpty() ? List.of() : Collections.unmodifiableList(problems);
  }

  private static void checkImps(List<Imp> imps, List<String> problems) {
    if (imps == null || imps.isEmpty()) {
      problems.add("request.imp must contain at least one element");
      return;
    }
    for (int i = 0; i < imps.size(); i++) {
      checkImp(imps.get(i), i, problems);
    }
    checkImpIdsUnique(imps, problems);
  }

  private static void checkImpIdsUnique(List<Imp> imps, List<String> problems) {
    if (imps.size() <= PAIRWISE_ID_CHECK_LIMIT) {
      for (int i = 1; i < imps.size(); i++) {
        String id = imps.get(i).id();
        if (isBlank(id)) {
          continue;
        }
        for (int j = 0; j < i; j++) {
          if (id.equals(imps.get(j).id())) {
            problems.add(duplicateImpId(i, j, id));
            break;
          }
        }
      }
      return;
    }
    Map<String, Integer> firstIndexById = new HashMap<>(imps.size() * 2);
    for (int i = 0; i < imps.size(); i++) {
      String id = imps.get(i).id();
      if (isBlank(id)) {
        continue;
      }
      Integer first = firstIndexById.putIfAbsent(id, i);
      if (first != null) {
        problems.add(duplicateImpId(i, first, id));
      }
    }
  }

  private static String duplicateImpId(int index, int firstIndex, String id) {
    return "request.imp[" + index + "].id duplicates request.imp[" + firstIndex + "].id (\""
        + id + "\"); imp ids must be unique";
  }

  private static void checkImp(Imp imp, int i, List<String> problems) {
    if (isBlank(imp.id())) {
      problems.add(imp(i) + ".id is required");
    }
    if (imp.banner() == null && imp.video() == null && imp.audio() == null && imp.nativeAd() == null
        && !referencesStoredRequest(imp)) {
      problems.add(imp(i) + " must contain at least one of banner, video, audio or native");
    }
    if (imp.banner() != null) {
      checkBanner(imp.banner(), imp.instl() != null && imp.instl() == 1, i, problems);
    }
    if (imp.video() != null) {
      checkVideo(imp.video(), i, problems);
    }
    if (imp.audio() != null) {
      checkAudio(imp.audio(), i, problems);
    }
    if (imp.nativeAd() != null && isBlank(imp.nativeAd().request())) {
      problems.add(imp(i) + ".native.request is required");
    }
    if (!isFloor(imp.bidfloor())) {
      problems.add(imp(i) + ".bidfloor must be a non-negative finite number, got " + imp.bidfloor());
    }
    if (imp.pmp() != null && imp.pmp().deals() != null) {
      List<Deal> deals = imp.pmp().deals();
      for (int d = 0; d < deals.size(); d++) {
        Deal deal = deals.get(d);
        if (isBlank(deal.id())) {
          problems.add(imp(i) + ".pmp.deals[" + d + "].id is required");
        }
        if (!isFloor(deal.bidfloor())) {
          problems.add(imp(i) + ".pmp.deals[" + d + "].bidfloor must be a non-negative finite number, got "
              + deal.bidfloor());
        }
      }
    }
  }

  /** An interstitial may leave the size out: it takes the device's screen (as in Prebid Server). */
  private static void checkBanner(Banner banner, boolean interstitial, int i, List<String> problems) {
    if (isNegative(banner.w())) {
      problems.add(imp(i) + ".banner.w" + MUST_BE_POSITIVE);
    }
    if (isNegative(banner.h())) {
      problems.add(imp(i) + ".banner.h" + MUST_BE_POSITIVE);
    }
    // OpenRTB 2.5 dropped these; a DSP cannot know which size to serve from a range.
    rejectRemovedSizeField(banner, "wmax", i, problems);
    rejectRemovedSizeField(banner, "hmax", i, problems);
    rejectRemovedSizeField(banner, "wmin", i, problems);
    rejectRemovedSizeField(banner, "hmin", i, problems);
    List<Format> formats = banner.format();
    boolean hasFormat = formats != null && !formats.isEmpty();
    boolean hasSize = isSet(banner.w()) && isSet(banner.h());
    if (!hasSize && !hasFormat && !interstitial) {
      problems.add(imp(i) + ".banner has no sizes: define w and h, or format entries");
    }
    if (hasFormat) {
      for (int f = 0; f < formats.size(); f++) {
        checkFormat(formats.get(f), i, f, problems);
      }
    }
  }

  private static void rejectRemovedSizeField(Banner banner, String field, int i, List<String> problems) {
    if (banner.unknown() != null && banner.unknown().has(field)) {
      problems.add(imp(i) + ".banner." + field + " is not supported: use format instead");
    }
  }

  private static void checkFormat(Format format, int i, int f, List<String> problems) {
    if (isNegative(format.w())) {
      problems.add(format(i, f) + ".w" + MUST_BE_POSITIVE);
    }
    if (isNegative(format.h())) {
      problems.add(format(i, f) + ".h" + MUST_BE_POSITIVE);
    }
    if (isNegative(format.wratio())) {
      problems.add(format(i, f) + ".wratio" + MUST_BE_POSITIVE);
    }
    if (isNegative(format.hratio())) {
      problems.add(format(i, f) + ".hratio" + MUST_BE_POSITIVE);
    }
    if (isNegative(format.wmin())) {
      problems.add(format(i, f) + ".wmin" + MUST_BE_POSITIVE);
    }
    boolean fixed = isSet(format.w()) || isSet(format.h());
    boolean flexible = isSet(format.wmin()) || isSet(format.wratio()) || isSet(format.hratio());
    if (fixed && flexible) {
      problems.add(format(i, f) + " must define either {w, h} or {wmin, wratio, hratio}, not both;"
          + " send two format entries for both");
    } else if (!fixed && !flexible) {
      problems.add(format(i, f) + " must define either non-zero {w, h} or non-zero {wmin, wratio, hratio}");
    } else if (fixed && !(isSet(format.w()) && isSet(format.h()))) {
      problems.add(format(i, f) + " must define non-zero w and h");
    } else if (flexible && !(isSet(format.wmin()) && isSet(format.wratio()) && isSet(format.hratio()))) {
      problems.add(format(i, f) + " must define non-zero wmin, wratio and hratio");
    }
  }

  private static void checkVideo(Video video, int i, List<String> problems) {
    if (video.mimes() == null || video.mimes().isEmpty()) {
      problems.add(imp(i) + ".video.mimes must contain at least one MIME type");
    }
    if (isNegative(video.w())) {
      problems.add(imp(i) + ".video.w" + MUST_BE_POSITIVE);
    }
    if (isNegative(video.h())) {
      problems.add(imp(i) + ".video.h" + MUST_BE_POSITIVE);
    }
    if (isNegative(video.minbitrate())) {
      problems.add(imp(i) + ".video.minbitrate" + MUST_BE_POSITIVE);
    }
    if (isNegative(video.maxbitrate())) {
      problems.add(imp(i) + ".video.maxbitrate" + MUST_BE_POSITIVE);
    }
    if (isNegative(video.sequence())) {
      problems.add(imp(i) + ".video.sequence" + MUST_BE_POSITIVE);
    }
    if (isNegative(video.maxseq())) {
      problems.add(imp(i) + ".video.maxseq" + MUST_BE_POSITIVE);
    }
  }

  private static void checkAudio(Audio audio, int i, List<String> problems) {
    if (audio.mimes() == null || audio.mimes().isEmpty()) {
      problems.add(imp(i) + ".audio.mimes must contain at least one MIME type");
    }
    if (isNegative(audio.minbitrate())) {
      problems.add(imp(i) + ".audio.minbitrate" + MUST_BE_POSITIVE);
    }
    if (isNegative(audio.maxbitrate())) {
      problems.add(imp(i) + ".audio.maxbitrate" + MUST_BE_POSITIVE);
    }
    if (isNegative(audio.sequence())) {
      problems.add(imp(i) + ".audio.sequence" + MUST_BE_POSITIVE);
    }
    if (isNegative(audio.maxseq())) {
      problems.add(imp(i) + ".audio.maxseq" + MUST_BE_POSITIVE);
    }
  }

  /**
   * Prebid clients may send imps that reference a stored request
   * ({@code imp.ext.prebid.storedrequest}), which the exchange in front of BidSift completes.
   * What the stored part may supply (the media type, the site or app) cannot be demanded here;
   * such a request is valid OpenRTB, and simply matches no DSP's targeting if it stays empty.
   */
  private static boolean referencesStoredRequest(Imp imp) {
    JsonObject prebid = imp.ext() == null ? null : imp.ext().object("prebid");
    return prebid != null && prebid.object("storedrequest") != null;
  }

  private static boolean completedUpstream(List<Imp> imps) {
    if (imps == null || imps.isEmpty()) {
      return false;
    }
    for (Imp imp : imps) {
      if (!referencesStoredRequest(imp)) {
        return false;
      }
    }
    return true;
  }

  private static void checkDistributionChannel(BidRequest request, boolean completedUpstream,
      List<String> problems) {
    int channels = (request.site() != null ? 1 : 0) + (request.app() != null ? 1 : 0)
        + (request.dooh() != null ? 1 : 0);
    if (channels == 0 && !completedUpstream) {
      problems.add("request.site, request.app or request.dooh is required (exactly one of them)");
    } else if (channels > 1) {
      problems.add(setChannels(request) + " are set together; at most one of site, app or dooh is allowed");
    }
    if (request.site() != null && isBlank(request.site().id()) && isBlank(request.site().page())) {
      problems.add("request.site must include request.site.id or request.site.page");
    }
  }

  private static String setChannels(BidRequest request) {
    StringBuilder names = new StringBuilder("request.");
    names.append(request.site() != null ? "site" : "app");
    if (request.site() != null && request.app() != null) {
      names.append(" and request.app");
    }
    if (request.dooh() != null) {
      names.append(" and request.dooh");
    }
    return names.toString();
  }

  private static void checkDevice(Device device, List<String> problems) {
    if (isNegative(device.w())) {
      problems.add("request.device.w" + MUST_BE_POSITIVE);
    }
    if (isNegative(device.h())) {
      problems.add("request.device.h" + MUST_BE_POSITIVE);
    }
    if (isNegative(device.ppi())) {
      problems.add("request.device.ppi" + MUST_BE_POSITIVE);
    }
    // OpenRTB 2.6 lists 3.2.x: device type 1..8, connection type 0..7.
    if (device.devicetype() != null && (device.devicetype() < 1 || device.devicetype() > 8)) {
      problems.add("request.device.devicetype must be between 1 and 8, got " + device.devicetype());
    }
    if (device.connectiontype() != null && (device.connectiontype() < 0 || device.connectiontype() > 7)) {
      problems.add("request.device.connectiontype must be between 0 and 7, got " + device.connectiontype());
    }
    if (device.geo() != null) {
      checkGeo(device.geo(), "request.device.geo", problems);
    }
  }

  private static void checkGeo(Geo geo, String path, List<String> problems) {
    if (isNegative(geo.accuracy())) {
      problems.add(path + ".accuracy" + MUST_BE_POSITIVE);
    }
  }

  private static void checkRegs(Regs regs, List<String> problems) {
    if (!isZeroOrOne(regs.gdpr())) {
      problems.add("request.regs.gdpr must be either 0 or 1, got " + regs.gdpr());
    }
    if (!isZeroOrOne(regs.coppa())) {
      problems.add("request.regs.coppa must be either 0 or 1, got " + regs.coppa());
    }
  }

  private static String imp(int i) {
    return "request.imp[" + i + "]";
  }

  private static String format(int i, int f) {
    return "request.imp[" + i + "].banner.format[" + f + "]";
  }

  private static boolean isBlank(String s) {
    return s == null || s.isEmpty();
  }

  private static boolean isNegative(Integer v) {
    return v != null && v < 0;
  }

  /** Present and non-zero: OpenRTB senders use 0 for "not given". */
  private static boolean isSet(Integer v) {
    return v != null && v != 0;
  }

  private static boolean isZeroOrOne(Integer v) {
    return v == null || v == 0 || v == 1;
  }

  private static boolean isFloor(Double v) {
    return v == null || (v >= 0 && !Double.isInfinite(v));
  }
}
