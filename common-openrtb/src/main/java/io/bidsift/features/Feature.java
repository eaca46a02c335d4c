package io.bidsift.features;

import java.util.Locale;

/**
 * The model's input features, in the order of the feature vector: {@link #ordinal()} is the
 * index in the {@code float[]} that {@link FeatureEncoder} fills. Changing the order, adding,
 * removing or changing the meaning of a feature requires bumping
 * {@link FeatureSchema#FEATURE_SPEC_VERSION}.
 *
 * <p>A missing value is {@link Float#NaN} (XGBoost's "missing"). Booleans are 1/0; small
 * enumerations are integer codes (trees split on them fine), documented per feature.
 */
public enum Feature {
  /** Index of the DSP in {@link EncodingTables#dsps()}; missing for a DSP the tables do not know. */
  DSP,
  /** The DSP's overall bid rate in the tables (the prior of its target encodings); missing without history. */
  DSP_PRIOR_RATE,

  /** site 0, app 1, dooh 2; missing when the request names none. */
  ENVIRONMENT,
  /** banner 0, video 1, audio 2, native 3, multi 4; missing when no imp offers a media type. */
  PRIMARY_FORMAT,
  /** {@code RequestSignals.mediaTypes()}: bit 0 banner, 1 video, 2 audio, 3 native. */
  MEDIA_TYPES,
  IMP_COUNT,
  /** Number of distinct banner sizes offered (capped by the signals). */
  SIZE_COUNT,
  /** Lowest floor, in {@code floorCurrency}. */
  MIN_FLOOR,
  /** Highest floor, in {@code floorCurrency}. */
  MAX_FLOOR,
  /** 1 when the floors are in USD, 0 in another currency, missing without a floor. */
  FLOOR_IN_USD,

  /** AdCOM device type. */
  DEVICE_TYPE,
  /** ios 0, android 1, windows 2, macos 3, linux 4, other 5. */
  OS,
  CONNECTION_TYPE,
  HAS_USER_ID,
  HAS_IFA,
  LMT,
  DNT,

  EID_COUNT,
  /** user.eids has source id5-sync.com. */
  EID_ID5,
  /** liveramp.com (RampID). */
  EID_LIVERAMP,
  /** uidapi.com (Unified ID 2.0). */
  EID_UID2,
  /** pubcid.org (SharedID). */
  EID_SHAREDID,
  /** criteo.com. */
  EID_CRITEO,
  /** adserver.org (The Trade Desk's Unified ID 1.0). */
  EID_TTD,

  GDPR_APPLIES,
  HAS_CONSENT,
  HAS_US_PRIVACY,
  US_PRIVACY_OPT_OUT,
  COPPA,
  HAS_GPP,
  SCHAIN_NODES,
  SCHAIN_COMPLETE,
  TMAX,
  TEST,

  VIDEO_PLACEMENT,
  VIDEO_PLCMT,
  VIDEO_MIN_DURATION,
  VIDEO_MAX_DURATION,
  REWARDED,
  HAS_DEALS,
  PRIVATE_AUCTION,
  INTERSTITIAL,
  SECURE,

  /** 0-23 at the user's location. */
  LOCAL_HOUR,
  /** ISO day of week at the user's location, 1 = Monday. */
  LOCAL_DAY_OF_WEEK,

  // Target encodings, two per KeyKind: the smoothed bid rate of the (DSP, key) and
  // log1p(trials), so the model can tell a well-measured rate from a prior-dominated one.
  PUBLISHER_RATE,
  PUBLISHER_LOG_TRIALS,
  DOMAIN_OR_BUNDLE_RATE,
  DOMAIN_OR_BUNDLE_LOG_TRIALS,
  TAG_ID_RATE,
  TAG_ID_LOG_TRIALS,
  COUNTRY_RATE,
  COUNTRY_LOG_TRIALS,
  PRIMARY_SIZE_RATE,
  PRIMARY_SIZE_LOG_TRIALS,
  FIRST_CATEGORY_RATE,
  FIRST_CATEGORY_LOG_TRIALS,
  DEVICE_MAKE_RATE,
  DEVICE_MAKE_LOG_TRIALS,
  PUBLISHER_FORMAT_RATE,
  PUBLISHER_FORMAT_LOG_TRIALS;

  /** The feature's name in the schema and the model: the constant in lower case, e.g. {@code min_floor}. */
  public String featureName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
