package io.bidsift.signals;

import java.util.List;

/**
 * The typed features of one bid request, derived by {@link SignalExtractor}. The training
 * pipeline and the bid filter both build these from the same class, so a model sees at serving
 * time exactly what it saw in training.
 *
 * <p><b>Missing stays missing.</b> A boxed component ({@code Integer}, {@code Double},
 * {@code Boolean}, {@code String}) is null when the request does not say; a model must be able
 * to tell "no floor" from "floor 0" and "lmt unknown" from "lmt 0". Primitives are used only
 * where absence has a natural value: counts (0), presence flags ({@code hasX}: false) and
 * OpenRTB flags whose absence the spec defines as 0 ({@code test}, {@code instl}, {@code rwdd},
 * {@code private_auction}).
 *
 * <p><b>Multi-imp rule.</b> Request-level objects (site/app/dooh, device, user, regs, source)
 * give request-level signals. Over the imps:
 * <ul>
 *   <li>union: {@code mediaTypes}, {@code sizes}, {@code rewarded}, {@code hasDeals},
 *       {@code privateAuction}, {@code interstitial} (any imp);</li>
 *   <li>range: {@code minFloor}/{@code maxFloor} over the imps whose floor is in
 *       {@code floorCurrency}, the currency of the first imp with a floor;</li>
 *   <li>primary = the first imp: {@code tagId}, {@code primarySize}, {@code secure};
 *       the video signals come from the first imp that has a video object.</li>
 * </ul>
 *
 * <p><b>OpenRTB 2.5 shapes.</b> Where 2.6 moved a field out of {@code ext} (regs.gdpr,
 * regs.us_privacy, user.consent, user.eids, source.schain, imp.rwdd), the 2.6 field wins and the
 * 2.5 {@code ext} location is read when it is absent, so a request gives the same signals before
 * and after up-conversion.
 *
 * @param version          {@link #VERSION} of the extractor that built this record
 * @param environment      where the ad shows: site, app or screen; UNKNOWN when none is given
 *                         (when several are, the first of site, app, dooh)
 * @param publisherId      publisher.id of the site, app or screen
 * @param domain           site.domain, else the host of site.page, else app.domain, else dooh.domain;
 *                         lowercased, without a scheme, port, path or leading "www."
 * @param bundle           app.bundle
 * @param siteOrAppId      id of the site, app or screen
 * @param tagId            first imp's tagid
 * @param categories       site/app cat, sectioncat, pagecat, then publisher cat: distinct, in that
 *                         order, at most {@link #MAX_CATEGORIES}
 * @param mediaTypes       bit set of {@link MediaType#bit()} over all imps; test with {@link #has}
 * @param primaryFormat    {@code banner}, {@code video}, {@code audio} or {@code native} when all
 *                         imps offer that one type, {@code multi} when they offer several, null for none
 * @param sizes            "WxH" of every imp's banner format[] and banner w/h (positive only),
 *                         distinct, in request order, at most {@link #MAX_SIZES}
 * @param primarySize      the first imp's first banner size, null when it has none
 * @param impCount         number of imps
 * @param minFloor         lowest bidfloor (&gt; 0) in {@code floorCurrency}; null when no imp has a floor
 * @param maxFloor         highest bidfloor (&gt; 0) in {@code floorCurrency}; null when no imp has a floor
 * @param floorCurrency    bidfloorcur of the first imp with a floor (USD when not given, as the
 *                         spec says), uppercased; null when no imp has a floor
 * @param deviceType       device.devicetype (AdCOM list), null when absent or negative
 * @param os               device.os, else device.sua.platform.brand, as {@code ios}, {@code android},
 *                         {@code windows}, {@code macos}, {@code linux} or {@code other}; null when absent
 * @param make             device.make, trimmed and lowercased
 * @param connectionType   device.connectiontype, null when absent or negative
 * @param country          ISO-3166-1 alpha-3, uppercased, from device.geo else user.geo; alpha-2
 *                         codes are converted, anything else is missing
 * @param region           geo.region (device.geo else user.geo), trimmed and uppercased
 * @param hasUserId        user.buyeruid or user.id is set
 * @param hasIfa           device.ifa is set and not the all-zero id sent under limited tracking
 * @param lmt              device.lmt (limit ad tracking)
 * @param dnt              device.dnt (do not track)
 * @param eidSources       distinct user.eids[].source, lowercased, sorted, at most {@link #MAX_EID_SOURCES}
 * @param eidCount         number of user.eids[] entries
 * @param gdprApplies      regs.gdpr
 * @param hasConsent       user.consent (the TCF string) is set
 * @param hasUsPrivacy     regs.us_privacy is set
 * @param usPrivacyOptOut  the us_privacy opt-out-of-sale letter (3rd char): Y true, N false,
 *                         anything else (or no string) null
 * @param coppa            regs.coppa
 * @param hasGpp           regs.gpp is set
 * @param schainComplete   source.schain.complete; null when there is no schain
 * @param schainNodeCount  number of schain nodes, 0 when there is no schain
 * @param tmax             request tmax in ms
 * @param test             test = 1
 * @param videoPlacement   video.placement (2.5 list) of the first imp with video
 * @param videoPlcmt       video.plcmt (2.6 list) of the first imp with video
 * @param videoMinDuration video.minduration of the first imp with video
 * @param videoMaxDuration video.maxduration of the first imp with video
 * @param rewarded         some imp has rwdd = 1
 * @param hasDeals         some imp has pmp.deals
 * @param privateAuction   some imp has pmp.private_auction = 1
 * @param secure           the first imp's secure flag
 * @param interstitial     some imp has instl = 1
 * @param localHour        hour of day 0-23 at the user's location at auction time, see {@code localTimeBasis}
 * @param localDayOfWeek   ISO day of week at the user's location, 1 = Monday .. 7 = Sunday
 * @param localTimeBasis   which UTC offset gave the local time
 */
public record RequestSignals(
    int version,
    Environment environment,
    String publisherId,
    String domain,
    String bundle,
    String siteOrAppId,
    String tagId,
    List<String> categories,
    int mediaTypes,
    String primaryFormat,
    List<String> sizes,
    String primarySize,
    int impCount,
    Double minFloor,
    Double maxFloor,
    String floorCurrency,
    Integer deviceType,
    String os,
    String make,
    Integer connectionType,
    String country,
    String region,
    boolean hasUserId,
    boolean hasIfa,
    Boolean lmt,
    Boolean dnt,
    List<String> eidSources,
    int eidCount,
    Boolean gdprApplies,
    boolean hasConsent,
    boolean hasUsPrivacy,
    Boolean usPrivacyOptOut,
    Boolean coppa,
    boolean hasGpp,
    Boolean schainComplete,
    int schainNodeCount,
    Integer tmax,
    boolean test,
    Integer videoPlacement,
    Integer videoPlcmt,
    Integer videoMinDuration,
    Integer videoMaxDuration,
    boolean rewarded,
    boolean hasDeals,
    boolean privateAuction,
    Boolean secure,
    boolean interstitial,
    int localHour,
    int localDayOfWeek,
    LocalTimeBasis localTimeBasis) {

  /**
   * The meaning of these signals. Bump it whenever any signal's meaning changes (a new rule, a
   * new normalisation, a different cap, a changed offset table): models record the signal version
   * they were trained on, and serving must not feed a model signals of another version.
   */
  public static final int VERSION = 1;

  public static final int MAX_CATEGORIES = 8;
  public static final int MAX_SIZES = 8;
  public static final int MAX_EID_SOURCES = 8;

  /** Where the ad shows. */
  public enum Environment { SITE, APP, DOOH, UNKNOWN }

  /** The media types an imp can offer; {@link #bit()} is its bit in {@link #mediaTypes()}. */
  public enum MediaType {
    BANNER, VIDEO, AUDIO, NATIVE;

    public int bit() {
      return 1 << ordinal();
    }
  }

  /** The UTC offset behind {@link #localHour()} and {@link #localDayOfWeek()}. */
  public enum LocalTimeBasis {
    /** geo.utcoffset of the request. */
    GEO_UTC_OFFSET,
    /** The typical offset of the country (an approximation, see {@code TypicalUtcOffsets}). */
    COUNTRY_TYPICAL_OFFSET,
    /** Neither was known: UTC. */
    UTC
  }

  public boolean has(MediaType type) {
    return (mediaTypes & type.bit()) != 0;
  }
}
