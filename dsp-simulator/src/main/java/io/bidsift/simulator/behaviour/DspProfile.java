package io.bidsift.simulator.behaviour;

import io.bidsift.simulator.market.AdFormat;
import io.bidsift.simulator.market.Channel;
import io.bidsift.simulator.market.Country;
import io.bidsift.simulator.market.DeviceClass;
import io.bidsift.simulator.market.DspConfig;
import io.bidsift.simulator.market.Effects;
import io.bidsift.simulator.market.Interaction;
import io.bidsift.simulator.market.MarketModel;
import io.bidsift.simulator.market.Targeting;
import io.bidsift.simulator.market.Valuation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One DSP configuration compiled for fast evaluation: effect tables indexed by enum ordinal,
 * the pacing curve per hour, the valuation with the market's defaults filled in. Immutable.
 *
 * <p>The bid probability is {@code sigmoid(intercept + score + noise)}, where {@link #score}
 * sums the log-odds effects, or is NaN when a hard rule rules the request out.
 */
final class DspProfile {

  /** The price-sensitivity term saturates at a floor 20 times below the valuation (or no floor). */
  private static final double MAX_LOG_VALUE_RATIO = Math.log(20);

  private final DspConfig config;
  private final double intercept;
  private final long idHash;

  private final Map<String, Double> countryEffects;
  private final double[] formatEffects = new double[AdFormat.values().length];
  private final double[] deviceEffects = new double[DeviceClass.values().length];
  private final double[] channelEffects = new double[Channel.values().length];
  private final Map<String, Double> categoryEffects;
  private final double[] pacing = new double[24];
  private final CompiledInteraction[] interactions;
  private final String[] adCategories;
  private final String[] adCategoryTops;
  private final List<String> advertiserDomains;

  private final double baseCpm;
  private final double[] formatValue = new double[AdFormat.values().length];
  private final Map<String, Double> countryValue;
  private final double[] deviceValue = new double[DeviceClass.values().length];

  private DspProfile(DspConfig config, double intercept, MarketModel market) {
    this.config = config;
    this.intercept = intercept;
    this.idHash = StableHash.of(config.id());
    Effects e = config.effects();
    this.countryEffects = Map.copyOf(e.countries());
    e.formats().forEach((k, v) -> formatEffects[k.ordinal()] = v);
    e.deviceTypes().forEach((k, v) -> deviceEffects[k.ordinal()] = v);
    e.environments().forEach((k, v) -> channelEffects[k.ordinal()] = v);
    this.categoryEffects = Map.copyOf(e.categories());
    for (int h = 0; h < 24; h++) {
      pacing[h] = e.pacing().effect(h);
    }
    this.interactions = config.interactions().stream().map(CompiledInteraction::new).toArray(CompiledInteraction[]::new);
    this.adCategories = config.adCategories().toArray(String[]::new);
    this.adCategoryTops = config.adCategories().stream().map(BidContext::topLevel).toArray(String[]::new);
    this.advertiserDomains = config.advertiserDomains();

    Valuation v = config.valuation();
    this.baseCpm = v.baseCpm();
    double bannerFloor = market.formats().floor(AdFormat.BANNER).base();
    for (AdFormat f : AdFormat.values()) {
      formatValue[f.ordinal()] = v.formats().getOrDefault(f, market.formats().floor(f).base() / bannerFloor);
    }
    Map<String, Double> countries = new HashMap<>();
    for (Country c : market.countries()) {
      countries.put(c.code(), v.countries().getOrDefault(c.code(), c.floorMultiplier()));
    }
    this.countryValue = Map.copyOf(countries);
    for (DeviceClass d : DeviceClass.values()) {
      deviceValue[d.ordinal()] = v.deviceTypes().getOrDefault(d, 1.0);
    }
  }

  /** The profile with intercept 0, to be calibrated. */
  static DspProfile uncalibrated(DspConfig config, MarketModel market) {
    return new DspProfile(config, 0, market);
  }

  DspProfile withIntercept(double intercept, MarketModel market) {
    return new DspProfile(config, intercept, market);
  }

  DspConfig config() {
    return config;
  }

  double intercept() {
    return intercept;
  }

  /** Sum of the log-odds effects for this request (intercept and noise excluded); NaN when it cannot bid. */
  double score(BidContext c) {
    double value = valuation(c, 0);
    if (!eligible(c) || c.floor(0) > value) {
      return Double.NaN;
    }
    Effects e = config.effects();
    double s = 0;
    if (c.country() != null) {
      s += countryEffects.getOrDefault(c.country(), 0.0);
    }
    if (c.format() != null) {
      s += formatEffects[c.format().ordinal()];
    }
    if (c.deviceClass() != null) {
      s += deviceEffects[c.deviceClass().ordinal()];
    }
    if (c.channel() != null) {
      s += channelEffects[c.channel().ordinal()];
    }
    if (c.identified()) {
      s += e.userId();
    }
    if (c.gdprWithoutConsent()) {
      s += e.noConsent();
    }
    if (!categoryEffects.isEmpty()) {
      for (String top : c.topCategories()) {
        s += categoryEffects.getOrDefault(top, 0.0);
      }
    }
    if (e.publisherAffinity() > 0) {
      s += e.publisherAffinity() * StableHash.gaussian(StableHash.mix(c.publisherHash() ^ idHash));
    }
    if (e.priceSensitivity() > 0) {
      double floor = c.floor(0);
      double logRatio = floor > 0 ? Math.min(Math.log(value / floor), MAX_LOG_VALUE_RATIO) : MAX_LOG_VALUE_RATIO;
      s += e.priceSensitivity() * logRatio;
    }
    s += pacing[c.localHour()];
    for (CompiledInteraction i : interactions) {
      if (i.applies(c)) {
        s += i.effect;
      }
    }
    return s;
  }

  /** Hard rules: targeting, consent, COPPA, brand safety, and a creative the publisher allows. */
  boolean eligible(BidContext c) {
    Targeting t = config.targeting();
    if (!t.countries().isEmpty() && (c.country() == null || !t.countries().contains(c.country()))) {
      return false;
    }
    if (!t.formats().isEmpty() && (c.format() == null || !t.formats().contains(c.format()))) {
      return false;
    }
    if (!t.deviceTypes().isEmpty() && (c.deviceClass() == null || !t.deviceTypes().contains(c.deviceClass()))) {
      return false;
    }
    if (!t.environments().isEmpty() && (c.channel() == null || !t.environments().contains(c.channel()))) {
      return false;
    }
    if ((t.requireUserId() && !c.identified()) || (t.requireConsent() && c.gdprWithoutConsent())
        || (!t.allowCoppa() && c.coppa())) {
      return false;
    }
    if (isBlockedPublisher(c.categories())) {
      return false;
    }
    return (adCategories.length == 0 || anyCategoryAllowed(c.request().bcat()))
        && (advertiserDomains.isEmpty() || anyDomainAllowed(c.request().badv()));
  }

  /** What imp {@code i} is worth to this DSP in USD CPM. */
  double valuation(BidContext c, int i) {
    AdFormat format = BidContext.formatOf(c.request().imp().get(i));
    double value = baseCpm * formatValue[(format == null ? AdFormat.BANNER : format).ordinal()];
    value *= c.country() == null ? Valuation.UNKNOWN_COUNTRY_MULTIPLIER
        : countryValue.getOrDefault(c.country(), Valuation.UNKNOWN_COUNTRY_MULTIPLIER);
    if (c.deviceClass() != null) {
      value *= deviceValue[c.deviceClass().ordinal()];
    }
    if (c.identified()) {
      value *= config.valuation().userIdMultiplier();
    }
    return value;
  }

  /** May it bid on imp {@code i} besides the first? Its format must be one it buys. */
  boolean buysImp(BidContext c, int i) {
    Set<AdFormat> formats = config.targeting().formats();
    AdFormat format = BidContext.formatOf(c.request().imp().get(i));
    return format != null && (formats.isEmpty() || formats.contains(format));
  }

  /** Its creative categories the request's bcat leaves allowed (a blocked top level blocks its subcategories). */
  List<String> allowedCategories(BidContext c) {
    List<String> out = new ArrayList<>(adCategories.length);
    for (int i = 0; i < adCategories.length; i++) {
      if (categoryAllowed(i, c.request().bcat())) {
        out.add(adCategories[i]);
      }
    }
    return out;
  }

  /** Its advertisers the request's badv leaves allowed (domains compare case-insensitively). */
  List<String> allowedDomains(BidContext c) {
    List<String> out = new ArrayList<>(advertiserDomains.size());
    for (String d : advertiserDomains) {
      if (domainAllowed(d, c.request().badv())) {
        out.add(d);
      }
    }
    return out;
  }

  private boolean anyCategoryAllowed(List<String> bcat) {
    for (int i = 0; i < adCategories.length; i++) {
      if (categoryAllowed(i, bcat)) {
        return true;
      }
    }
    return false;
  }

  private boolean anyDomainAllowed(List<String> badv) {
    for (String d : advertiserDomains) {
      if (domainAllowed(d, badv)) {
        return true;
      }
    }
    return false;
  }

  private boolean categoryAllowed(int i, List<String> bcat) {
    return bcat == null || (!bcat.contains(adCategories[i]) && !bcat.contains(adCategoryTops[i]));
  }

  private static boolean domainAllowed(String domain, List<String> badv) {
    if (badv == null) {
      return true;
    }
    for (String b : badv) {
      if (b.equalsIgnoreCase(domain)) {
        return false;
      }
    }
    return true;
  }

  private boolean isBlockedPublisher(List<String> categories) {
    List<String> blocked = config.blockedCategories();
    if (blocked.isEmpty()) {
      return false;
    }
    for (String c : categories) {
      if (blocked.contains(c) || blocked.contains(BidContext.topLevel(c))) {
        return true;
      }
    }
    return false;
  }

  /** An {@link Interaction} with its conditions as fast lookups. */
  private static final class CompiledInteraction {
    private final Interaction spec;
    private final double effect;

    CompiledInteraction(Interaction spec) {
      this.spec = spec;
      this.effect = spec.effect();
    }

    boolean applies(BidContext c) {
      if (!spec.countries().isEmpty() && (c.country() == null || !spec.countries().contains(c.country()))) {
        return false;
      }
      if (!spec.formats().isEmpty() && (c.format() == null || !spec.formats().contains(c.format()))) {
        return false;
      }
      if (!spec.deviceTypes().isEmpty() && (c.deviceClass() == null || !spec.deviceTypes().contains(c.deviceClass()))) {
        return false;
      }
      if (!spec.environments().isEmpty() && (c.channel() == null || !spec.environments().contains(c.channel()))) {
        return false;
      }
      if (spec.userId() != null && spec.userId() != c.identified()) {
        return false;
      }
      if (!spec.categories().isEmpty()) {
        for (String top : c.topCategories()) {
          if (spec.categories().contains(top)) {
            return true;
          }
        }
        return false;
      }
      return true;
    }
  }
}
