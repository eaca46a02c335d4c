package io.bidsift.simulator.traffic;

import io.bidsift.openrtb.App;
import io.bidsift.openrtb.Banner;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.Device;
import io.bidsift.openrtb.Eid;
import io.bidsift.openrtb.Format;
import io.bidsift.openrtb.Geo;
import io.bidsift.openrtb.Imp;
import io.bidsift.openrtb.Native;
import io.bidsift.openrtb.Publisher;
import io.bidsift.openrtb.Regs;
import io.bidsift.openrtb.Site;
import io.bidsift.openrtb.Source;
import io.bidsift.openrtb.SupplyChain;
import io.bidsift.openrtb.SupplyChainNode;
import io.bidsift.openrtb.Uid;
import io.bidsift.openrtb.User;
import io.bidsift.openrtb.Video;
import io.bidsift.simulator.market.AdFormat;
import io.bidsift.simulator.market.City;
import io.bidsift.simulator.market.Country;
import io.bidsift.simulator.market.DeviceClass;
import io.bidsift.simulator.market.EidSource;
import io.bidsift.simulator.market.FormatFloor;
import io.bidsift.simulator.market.MarketModel;
import io.bidsift.simulator.market.PublisherCatalog;
import io.bidsift.simulator.market.PublisherKind;
import io.bidsift.simulator.market.PublisherProfile;
import io.bidsift.simulator.market.WeightedIndex;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws OpenRTB 2.6 bid requests from the market: which publisher sells, to a user where and
 * when, on which device, what impressions at which floors, with which ids and privacy signals.
 * Immutable and thread-safe; every draw comes from the {@link SplittableRandom} the caller
 * passes, so a request is reproducible from its seed.
 *
 * <p>An auction is drawn in two steps: {@link #slotOnDay} or {@link #slotAt} (publisher,
 * country, city, time), then {@link #request} (everything else, from the same random source).
 * The log generator draws all of a day's slots first to put the day's auctions in time order.
 */
public final class RequestGenerator {

  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final double REWARDED_SHARE = 0.5;
  private static final double SECOND_SIZE_SHARE = 0.3;
  private static final double REFERRER_SHARE = 0.3;
  private static final int[] IP_FIRST_OCTETS = {23, 24, 31, 37, 46, 62, 68, 73, 76, 81, 86, 92, 98, 104, 108, 151,
      176, 185, 188, 200, 203};
  private static final List<String> CUR_USD = List.of("USD");
  private static final List<Integer> VIDEO_PROTOCOLS = List.of(2, 3, 5, 6, 7, 8);
  private static final List<String> MP4 = List.of("video/mp4");
  private static final List<String> WEB_VIDEO_MIMES = List.of("video/mp4", "video/webm", "application/javascript");
  private static final List<Integer> OMID = List.of(7);
  private static final List<Integer> MRAID_OMID = List.of(3, 5, 7);
  private static final String NATIVE_SITE = "{\"ver\":\"1.2\",\"context\":1,\"plcmttype\":1,\"plcmtcnt\":1,"
      + "\"assets\":[{\"id\":1,\"required\":1,\"title\":{\"len\":90}},{\"id\":2,\"required\":1,\"img\":{\"type\":3,"
      + "\"wmin\":300,\"hmin\":250}},{\"id\":3,\"required\":0,\"data\":{\"type\":2,\"len\":140}},{\"id\":4,"
      + "\"required\":0,\"data\":{\"type\":1}}],\"eventtrackers\":[{\"event\":1,\"methods\":[1,2]}],\"privacy\":1}";
  private static final String NATIVE_APP = "{\"ver\":\"1.2\",\"context\":2,\"plcmttype\":1,\"plcmtcnt\":1,"
      + "\"assets\":[{\"id\":1,\"required\":1,\"title\":{\"len\":50}},{\"id\":2,\"required\":1,\"img\":{\"type\":3,"
      + "\"wmin\":600,\"hmin\":314}},{\"id\":3,\"required\":1,\"img\":{\"type\":1,\"wmin\":80,\"hmin\":80}},{\"id\":4,"
      + "\"required\":0,\"data\":{\"type\":12,\"len\":15}}],\"eventtrackers\":[{\"event\":1,\"methods\":[1]}],"
      + "\"privacy\":1}";
  private static final String[] SECTIONS = {"news", "sport", "lifestyle", "tech", "money", "travel", "food", "video"};

  private final MarketModel market;
  private final PublisherCatalog catalog;
  private final DeviceCatalog devices = new DeviceCatalog();
  private final PrivacyStrings privacy = new PrivacyStrings();
  private final WeightedIndex[] citiesByCountry;
  private final double[] hourWeights = new double[24];
  private final double maxHourWeight;
  private final int[] tmaxValues;
  private final WeightedIndex tmaxIndex;
  private final Sizes desktopSizes;
  private final Sizes mobileSizes;

  public RequestGenerator(MarketModel market, PublisherCatalog catalog) {
    this.market = market;
    this.catalog = catalog;
    this.citiesByCountry = new WeightedIndex[market.countries().size()];
    for (int i = 0; i < citiesByCountry.length; i++) {
      citiesByCountry[i] = new WeightedIndex(market.countries().get(i).cities().stream().mapToDouble(City::weight).toArray());
    }
    double max = 0;
    for (int h = 0; h < 24; h++) {
      hourWeights[h] = market.traffic().localHourWeights().get(h);
      max = Math.max(max, hourWeights[h]);
    }
    this.maxHourWeight = max;
    this.tmaxValues = market.requests().tmax().keySet().stream().mapToInt(Integer::intValue).toArray();
    this.tmaxIndex = WeightedIndex.of(new ArrayList<>(market.requests().tmax().values()));
    this.desktopSizes = Sizes.of(market.formats().desktopBannerSizes());
    this.mobileSizes = Sizes.of(market.formats().mobileBannerSizes());
  }

  public MarketModel market() {
    return market;
  }

  public PublisherCatalog catalog() {
    return catalog;
  }

  /**
   * An auction on a UTC day: publisher by traffic share, country by the publisher's mix, city,
   * and a time whose local hour follows the market's diurnal curve.
   */
  public AuctionSlot slotOnDay(LocalDate day, SplittableRandom r) {
    PublisherProfile publisher = catalog.pick(r.nextDouble());
    int countryIndex = publisher.countries().pick(r.nextDouble());
    Country country = market.countries().get(countryIndex);
    City city = country.cities().get(citiesByCountry[countryIndex].pick(r.nextDouble()));
    long offsetMillis = city.utcOffsetMinutes() * 60_000L;
    long millisOfDay;
    do {
      millisOfDay = r.nextLong(MILLIS_PER_DAY);
    } while (r.nextDouble() * maxHourWeight >= hourWeights[(int) (Math.floorMod(millisOfDay + offsetMillis, MILLIS_PER_DAY) / 3_600_000L)]);
    return new AuctionSlot(publisher, country, city, Instant.ofEpochMilli(day.toEpochDay() * MILLIS_PER_DAY + millisOfDay));
  }

  /** An auction at a given time (live traffic): publisher by traffic share, country and city by its mix. */
  public AuctionSlot slotAt(Instant time, SplittableRandom r) {
    PublisherProfile publisher = catalog.pick(r.nextDouble());
    int countryIndex = publisher.countries().pick(r.nextDouble());
    Country country = market.countries().get(countryIndex);
    City city = country.cities().get(citiesByCountry[countryIndex].pick(r.nextDouble()));
    return new AuctionSlot(publisher, country, city, time);
  }

  /** The bid request of an auction slot. */
  public BidRequest request(AuctionSlot slot, SplittableRandom r) {
    PublisherProfile pub = slot.publisher();
    Country country = slot.country();
    DeviceClass deviceClass = DeviceClass.values()[pub.devices().pick(r.nextDouble())];
    AdFormat format = deviceClass == DeviceClass.CTV ? AdFormat.VIDEO : AdFormat.values()[pub.formats().pick(r.nextDouble())];
    DeviceProfile device = devices.pick(deviceClass, country.iosShare(), r);
    boolean app = pub.kind() != PublisherKind.SITE;
    String id = Ids.uuid(r);

    int impCount = 1;
    if (format == AdFormat.BANNER && deviceClass == DeviceClass.DESKTOP && market.requests().maxImps() > 1
        && r.nextDouble() < market.requests().multiImpRate()) {
      impCount = 2 + r.nextInt(market.requests().maxImps() - 1);
    }
    List<Imp> imps = new ArrayList<>(impCount);
    for (int i = 0; i < impCount; i++) {
      imps.add(imp(i, format, pub, country, device, r));
    }

    Publisher publisher = new Publisher(pub.publisherId(), pub.name(), null, null, pub.domain(), null, null);
    Site site = null;
    App appObject = null;
    if (app) {
      boolean ios = device.isIos() && pub.iosBundle() != null;
      String bundle = ios ? pub.iosBundle() : pub.androidBundle();
      String store = pub.kind() == PublisherKind.CTV ? null
          : ios ? "https://apps.apple.com/app/id" + bundle : "https://play.google.com/store/apps/details?id=" + bundle;
      appObject = new App(pub.inventoryId(), pub.name(), bundle, pub.domain(), store, null, pub.categories(), null,
          null, appVersion(pub), 1, 0, publisher, null, null, null, null, null, null);
    } else {
      String page = "https://" + pub.domain() + "/" + SECTIONS[r.nextInt(SECTIONS.length)] + "/article-" + r.nextInt(1_000_000);
      String ref = r.nextDouble() < REFERRER_SHARE ? "https://www.google.com/" : null;
      Integer mobile = deviceClass == DeviceClass.DESKTOP ? 0 : 1;
      site = new Site(pub.inventoryId(), pub.name(), pub.domain(), null, pub.categories(), null, null, page, ref,
          null, mobile, 1, publisher, null, null, null, null, null, null);
    }

    boolean coppa = pub.coppa();
    boolean gdpr = country.gdpr();
    boolean us = country.code().equals("USA");
    String consent = gdpr && r.nextDouble() < market.privacy().consentRate() ? privacy.tcfConsent(r) : null;

    Device deviceObject = device(slot, device, app, coppa, r);
    User user = user(app, coppa, consent, r);

    String usPrivacy = null;
    boolean optOut = false;
    if (us && r.nextDouble() < market.privacy().usPrivacyRate()) {
      optOut = r.nextDouble() < market.privacy().usPrivacyOptOutRate();
      usPrivacy = privacy.usPrivacy(optOut);
    }
    String gpp = null;
    List<Integer> gppSid = null;
    if ((gdpr || us) && r.nextDouble() < market.privacy().gppRate()) {
      gpp = gdpr ? privacy.gppEu(consent != null ? consent : privacy.tcfConsent(r)) : privacy.gppUs(optOut);
      gppSid = List.of(gdpr ? 2 : 7);
    }
    Regs regs = new Regs(coppa ? 1 : 0, gdpr ? 1 : 0, usPrivacy, gpp, gppSid, null, null);

    Source source = new Source(null, Ids.uuid(r), null, schain(pub), null, null);
    int tmax = tmaxValues[tmaxIndex.pick(r.nextDouble())];
    return new BidRequest(id, imps, site, appObject, null, deviceObject, user, null, 1, tmax, null, null, null,
        CUR_USD, null, null, pub.bcat().isEmpty() ? null : pub.bcat(), null, pub.badv().isEmpty() ? null : pub.badv(),
        null, source, regs, null, null);
  }

  private Imp imp(int index, AdFormat format, PublisherProfile pub, Country country, DeviceProfile device,
      SplittableRandom r) {
    boolean app = pub.kind() != PublisherKind.SITE;
    Banner banner = null;
    Video video = null;
    Native nativeAd = null;
    Integer instl = null;
    Integer rwdd = null;
    String slotName = index == 0 ? "atf" : "slot" + (index + 1);
    switch (format) {
      case BANNER -> {
        Sizes sizes = device.deviceClass() == DeviceClass.PHONE ? mobileSizes : desktopSizes;
        int s = sizes.index.pick(r.nextDouble());
        int w = sizes.w[s];
        int h = sizes.h[s];
        boolean interstitial = app && w == 320 && h == 480;
        List<Format> formats = new ArrayList<>(2);
        formats.add(new Format(w, h, null, null, null, null, null));
        if (!interstitial && sizes.w.length > 1 && r.nextDouble() < SECOND_SIZE_SHARE) {
          int t = sizes.index.pick(r.nextDouble());
          if (t != s && !(sizes.w[t] == 320 && sizes.h[t] == 480)) {
            formats.add(new Format(sizes.w[t], sizes.h[t], null, null, null, null, null));
          }
        }
        instl = interstitial ? 1 : null;
        banner = new Banner(List.copyOf(formats), w, h, null, null, interstitial ? 7 : (index == 0 ? 1 : 3), null, null,
            null, app ? MRAID_OMID : null, null, null, null, null);
        slotName = slotName + "-" + w + "x" + h;
      }
      case VIDEO -> {
        video = video(pub.kind(), device, r);
        if (pub.kind() == PublisherKind.APP) {
          instl = 1;
          rwdd = video.skip() == 0 ? 1 : null;
        }
        slotName = slotName + "-video";
      }
      case NATIVE -> {
        nativeAd = new Native(app ? NATIVE_APP : NATIVE_SITE, "1.2", null, null, null, null);
        slotName = slotName + "-native";
      }
    }
    Double floor = floor(format, country, pub, r);
    return new Imp(Integer.toString(index + 1), null, banner, video, null, nativeAd, null,
        app ? "prebid-mobile" : null, app ? "2.2.3" : null, instl, pub.inventoryId() + "-" + slotName, floor,
        floor == null ? null : "USD", null, 1, null, rwdd, null, null, null, null, null, null, null);
  }

  private Video video(PublisherKind kind, DeviceProfile device, SplittableRandom r) {
    return switch (kind) {
      case CTV -> new Video(MP4, 15, r.nextBoolean() ? 30 : 60, 0, null, null, VIDEO_PROTOCOLS, null, 1920, 1080, null,
          null, null, 1, 1, 1, 0, null, null, null, null, null, null, null, null, null, null, List.of(1), null, null,
          7, null, null, null, null, null, null);
      case APP -> {
        boolean rewarded = r.nextDouble() < REWARDED_SHARE;
        yield new Video(MP4, 5, 30, 0, null, null, VIDEO_PROTOCOLS, null, device.w(), device.h(), null, null, null,
            5, 3, 1, rewarded ? 0 : 1, null, rewarded ? null : 5, null, null, null, null, null, null, null, null,
            List.of(1), null, null, 7, null, OMID, null, null, null, null);
      }
      case SITE -> {
        boolean instream = r.nextDouble() < 0.4;
        yield new Video(WEB_VIDEO_MIMES, 5, 30, instream ? 0 : null, null, null, VIDEO_PROTOCOLS, null, 640, 360, null,
            null, null, instream ? 1 : 3, instream ? 1 : 4, 1, 1, null, 5, null, null, null, null, null, null, null,
            null, List.of(instream ? 2 : 6), null, null, instream ? null : 3, null, List.of(2, 7), null, null, null,
            null);
      }
    };
  }

  /** Format base × country tier × publisher factor × log-normal jitter, in USD CPM to the cent; null for no floor. */
  private Double floor(AdFormat format, Country country, PublisherProfile pub, SplittableRandom r) {
    if (r.nextDouble() >= market.formats().floorRate()) {
      return null;
    }
    FormatFloor spec = market.formats().floor(format);
    double floor = spec.base() * country.floorMultiplier() * pub.floorFactor() * Math.exp(spec.sigma() * r.nextGaussian());
    return Math.max(0.01, Math.round(floor * 100) / 100.0);
  }

  private Device device(AuctionSlot slot, DeviceProfile device, boolean app, boolean coppa, SplittableRandom r) {
    City city = slot.city();
    Geo geo = new Geo(round4(city.lat() + (r.nextDouble() - 0.5) * 0.1), round4(city.lon() + (r.nextDouble() - 0.5) * 0.1),
        2, null, null, 3, slot.country().code(), city.region(), null, null, city.name(), null, city.utcOffsetMinutes(),
        null, null);
    String ip = IP_FIRST_OCTETS[r.nextInt(IP_FIRST_OCTETS.length)] + "." + r.nextInt(256) + "." + r.nextInt(256) + ".0";
    Integer lmt = null;
    String ifa = null;
    if (app) {
      boolean limited = r.nextDouble() < market.audience().lmtRate();
      lmt = limited ? 1 : 0;
      if (limited || coppa) {
        ifa = "00000000-0000-0000-0000-000000000000";
      } else if (r.nextDouble() < market.audience().ifaRate()) {
        ifa = Ids.uuid(r);
      }
    }
    return new Device(geo, null, lmt, app ? device.appUa() : device.browserUa(), null, ip, null,
        device.deviceClass().adcomCode(), device.make(), device.model(), device.os(), device.osv(), null, device.h(),
        device.w(), null, device.pxratio(), app ? null : 1, null, null, slot.country().language(), null, null, null,
        connectionType(device.deviceClass(), r), ifa, null, null, null, null, null, null, null, null);
  }

  /** AdCOM connection types: 1 ethernet, 2 wifi, 5 3G, 6 4G, 7 5G. */
  private static int connectionType(DeviceClass deviceClass, SplittableRandom r) {
    double u = r.nextDouble();
    return switch (deviceClass) {
      case DESKTOP, CTV -> u < 0.35 ? 1 : 2;
      case TABLET -> u < 0.85 ? 2 : 6;
      case PHONE -> u < 0.55 ? 2 : u < 0.85 ? 6 : u < 0.97 ? 7 : 5;
    };
  }

  /** User ids, consent and eids; null when there is nothing to say. Child-directed traffic carries no ids. */
  private User user(boolean app, boolean coppa, String consent, SplittableRandom r) {
    String userId = null;
    List<Eid> eids = null;
    if (!coppa) {
      double rate = app ? market.audience().appUserIdRate() : market.audience().siteUserIdRate();
      userId = r.nextDouble() < rate ? Ids.uuid(r) : null;
      for (EidSource source : market.audience().eids()) {
        if (r.nextDouble() < source.rate()) {
          if (eids == null) {
            eids = new ArrayList<>(2);
          }
          eids.add(new Eid(null, source.source(), null, null,
              List.of(new Uid(Ids.base64url(r, 22), source.atype(), null, null)), null, null));
        }
      }
    }
    if (userId == null && eids == null && consent == null) {
      return null;
    }
    return new User(userId, null, null, null, null, null, null, null, null, consent,
        eids == null ? null : List.copyOf(eids), null, null);
  }

  private SupplyChain schain(PublisherProfile pub) {
    String exchange = market.requests().exchangeDomain();
    List<SupplyChainNode> nodes = pub.reseller() == null
        ? List.of(new SupplyChainNode(exchange, pub.publisherId(), null, null, null, 1, null, null))
        : List.of(new SupplyChainNode(pub.reseller(), "r-" + pub.publisherId(), null, null, null, 1, null, null),
            new SupplyChainNode(exchange, pub.reseller().replace('.', '-'), null, null, null, 1, null, null));
    return new SupplyChain(1, nodes, "1.0", null, null);
  }

  private static String appVersion(PublisherProfile pub) {
    return (1 + pub.rank() % 9) + "." + (pub.rank() % 17) + "." + (pub.rank() % 5);
  }

  private static double round4(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  /** Banner sizes parsed once from the market's "WxH" keys. */
  private record Sizes(int[] w, int[] h, WeightedIndex index) {

    static Sizes of(Map<String, Double> weighted) {
      int n = weighted.size();
      int[] w = new int[n];
      int[] h = new int[n];
      double[] weights = new double[n];
      int i = 0;
      for (Map.Entry<String, Double> e : weighted.entrySet()) {
        String[] parts = e.getKey().split("x");
        w[i] = Integer.parseInt(parts[0]);
        h[i] = Integer.parseInt(parts[1]);
        weights[i++] = e.getValue();
      }
      return new Sizes(w, h, new WeightedIndex(weights));
    }
  }
}
