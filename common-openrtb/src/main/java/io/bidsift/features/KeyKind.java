package io.bidsift.features;

import io.bidsift.signals.RequestSignals;
import java.util.List;

/**
 * A high-cardinality key whose per-DSP bid rate is learned as a target encoding. A kind is
 * either one signal ({@link #key}) or a pair ({@link #key} and {@link #subKey}), looked up as
 * nested maps so that no key string is ever built per row.
 */
public enum KeyKind {
  PUBLISHER("publisher", Feature.PUBLISHER_RATE, Feature.PUBLISHER_LOG_TRIALS),
  /** The app bundle for an app, else the domain of the site, app or screen. */
  DOMAIN_OR_BUNDLE("domain_or_bundle", Feature.DOMAIN_OR_BUNDLE_RATE, Feature.DOMAIN_OR_BUNDLE_LOG_TRIALS),
  TAG_ID("tag_id", Feature.TAG_ID_RATE, Feature.TAG_ID_LOG_TRIALS),
  COUNTRY("country", Feature.COUNTRY_RATE, Feature.COUNTRY_LOG_TRIALS),
  PRIMARY_SIZE("primary_size", Feature.PRIMARY_SIZE_RATE, Feature.PRIMARY_SIZE_LOG_TRIALS),
  FIRST_CATEGORY("first_category", Feature.FIRST_CATEGORY_RATE, Feature.FIRST_CATEGORY_LOG_TRIALS),
  DEVICE_MAKE("device_make", Feature.DEVICE_MAKE_RATE, Feature.DEVICE_MAKE_LOG_TRIALS),
  /** Publisher (key) by primary format (sub-key): a publisher's video may sell, its banners not. */
  PUBLISHER_FORMAT("publisher_format", Feature.PUBLISHER_FORMAT_RATE, Feature.PUBLISHER_FORMAT_LOG_TRIALS);

  private static final List<KeyKind> ALL = List.of(values());

  private final String wireName;
  private final Feature rate;
  private final Feature logTrials;

  KeyKind(String wireName, Feature rate, Feature logTrials) {
    this.wireName = wireName;
    this.rate = rate;
    this.logTrials = logTrials;
  }

  public static List<KeyKind> all() {
    return ALL;
  }

  /** The kind's name in {@code encodings.json}. */
  public String wireName() {
    return wireName;
  }

  /** The kind named so in {@code encodings.json}, or null. */
  public static KeyKind fromWireName(String name) {
    for (KeyKind kind : ALL) {
      if (kind.wireName.equals(name)) {
        return kind;
      }
    }
    return null;
  }

  /** The feature holding the smoothed bid rate. */
  public Feature rateFeature() {
    return rate;
  }

  /** The feature holding log1p(trials). */
  public Feature logTrialsFeature() {
    return logTrials;
  }

  /** True when the kind is a pair: counts are keyed by {@link #key} then {@link #subKey}. */
  public boolean isPair() {
    return this == PUBLISHER_FORMAT;
  }

  /**
   * True when the request has this kind's key (and, for a pair kind, its sub-key): only then is
   * it counted into the tables and encoded.
   */
  public boolean appliesTo(RequestSignals s) {
    return key(s) != null && (!isPair() || subKey(s) != null);
  }

  /** The (first) key of the request, or null when the request has none. */
  public String key(RequestSignals s) {
    return switch (this) {
      case PUBLISHER, PUBLISHER_FORMAT -> s.publisherId();
      case DOMAIN_OR_BUNDLE -> s.bundle() != null ? s.bundle() : s.domain();
      case TAG_ID -> s.tagId();
      case COUNTRY -> s.country();
      case PRIMARY_SIZE -> s.primarySize();
      case FIRST_CATEGORY -> s.categories() == null || s.categories().isEmpty() ? null : s.categories().get(0);
      case DEVICE_MAKE -> s.make();
    };
  }

  /** The second key of a pair kind, or null (always null for a single kind). */
  public String subKey(RequestSignals s) {
    return this == PUBLISHER_FORMAT ? s.primaryFormat() : null;
  }
}
