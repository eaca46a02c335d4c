package io.bidsift.simulator.behaviour;

import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.Imp;
import io.bidsift.signals.RequestSignals;
import io.bidsift.signals.SignalExtractor;
import io.bidsift.simulator.market.AdFormat;
import io.bidsift.simulator.market.Channel;
import io.bidsift.simulator.market.DeviceClass;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What every DSP reads from one bid request at one instant, derived once per auction and shared
 * by all DSPs. It is built from {@link RequestSignals}, the features the training pipeline and
 * the bid filter derive too, so what drives a simulated DSP is visible to the model. Immutable.
 */
public final class BidContext {

  /** Assumed when a request has no tmax (OpenRTB leaves it to the exchange). */
  public static final int DEFAULT_TMAX_MS = 1_000;

  private static final SignalExtractor SIGNALS = new SignalExtractor();

  private final BidRequest request;
  private final Instant time;
  private final RequestSignals signals;
  private final AdFormat format;
  private final DeviceClass deviceClass;
  private final Channel channel;
  private final boolean identified;
  private final boolean gdprWithoutConsent;
  private final boolean coppa;
  private final List<String> topCategories;
  private final long publisherHash;
  private final int tmaxMs;

  private BidContext(BidRequest request, Instant time) {
    this.request = Objects.requireNonNull(request, "request");
    this.time = Objects.requireNonNull(time, "time");
    this.signals = SIGNALS.extract(request, time);
    this.format = request.imp() == null || request.imp().isEmpty() ? null : formatOf(request.imp().get(0));
    this.deviceClass = DeviceClass.fromAdcom(signals.deviceType());
    this.channel = switch (signals.environment()) {
      case SITE -> Channel.SITE;
      case APP -> Channel.APP;
      default -> null;
    };
    this.identified = signals.hasUserId() || signals.hasIfa() || signals.eidCount() > 0;
    this.gdprWithoutConsent = Boolean.TRUE.equals(signals.gdprApplies()) && !signals.hasConsent();
    this.coppa = Boolean.TRUE.equals(signals.coppa());
    this.topCategories = topLevel(signals.categories());
    this.publisherHash = StableHash.of(publisherKey(signals));
    this.tmaxMs = signals.tmax() == null || signals.tmax() <= 0 ? DEFAULT_TMAX_MS : signals.tmax();
  }

  public static BidContext of(BidRequest request, Instant time) {
    return new BidContext(request, time);
  }

  public BidRequest request() {
    return request;
  }

  public Instant time() {
    return time;
  }

  public RequestSignals signals() {
    return signals;
  }

  /** The first imp's format (video over native over banner when it offers several); null for audio-only. */
  public AdFormat format() {
    return format;
  }

  public DeviceClass deviceClass() {
    return deviceClass;
  }

  public Channel channel() {
    return channel;
  }

  /** The alpha-3 country, or null. */
  public String country() {
    return signals.country();
  }

  /** The request identifies the user: user.id or buyeruid, a real device.ifa, or some user.eids. */
  public boolean identified() {
    return identified;
  }

  /** GDPR applies and there is no consent string. */
  public boolean gdprWithoutConsent() {
    return gdprWithoutConsent;
  }

  public boolean coppa() {
    return coppa;
  }

  /** The request's content categories (site/app cat, sectioncat, pagecat, publisher cat). */
  public List<String> categories() {
    return signals.categories();
  }

  /** The distinct top-level IAB categories ({@code IAB19-6} counts as {@code IAB19}). */
  public List<String> topCategories() {
    return topCategories;
  }

  public int localHour() {
    return signals.localHour();
  }

  /** The request's tmax, or {@link #DEFAULT_TMAX_MS}. */
  public int tmaxMs() {
    return tmaxMs;
  }

  /** The floor of imp {@code i} in its currency; 0 when it has none. */
  public double floor(int i) {
    Double floor = request.imp().get(i).bidfloor();
    return floor == null || !(floor > 0) ? 0 : floor;
  }

  long publisherHash() {
    return publisherHash;
  }

  static AdFormat formatOf(Imp imp) {
    if (imp.video() != null) {
      return AdFormat.VIDEO;
    } else if (imp.nativeAd() != null) {
      return AdFormat.NATIVE;
    } else if (imp.banner() != null) {
      return AdFormat.BANNER;
    }
    return null;
  }

  private static List<String> topLevel(List<String> categories) {
    if (categories.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(categories.size());
    for (String c : categories) {
      String top = topLevel(c);
      if (!out.contains(top)) {
        out.add(top);
      }
    }
    return List.copyOf(out);
  }

  static String topLevel(String category) {
    int dash = category.indexOf('-');
    return (dash < 0 ? category : category.substring(0, dash)).toUpperCase(Locale.ROOT);
  }

  /** The publisher as a DSP would key it: publisher.id, else the site/app id, domain or bundle. */
  private static String publisherKey(RequestSignals s) {
    if (s.publisherId() != null) {
      return s.publisherId();
    } else if (s.siteOrAppId() != null) {
      return s.siteOrAppId();
    } else if (s.domain() != null) {
      return s.domain();
    }
    return s.bundle() == null ? "" : s.bundle();
  }
}
