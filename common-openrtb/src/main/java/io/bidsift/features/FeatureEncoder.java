package io.bidsift.features;

import io.bidsift.features.EncodingTables.Dsp;
import io.bidsift.signals.RequestSignals;
import java.util.List;

/**
 * Turns the signals of one request and one candidate DSP into the feature vector of
 * {@link FeatureSchema}. The training pipeline and the bid filter both call this, so a model is
 * served exactly the features it was trained on.
 *
 * <p>Runs on the bid filter's hot path, once per (request, DSP): no allocation, a handful of
 * hash lookups on strings the signals already hold.
 *
 * <p>Target encodings: for a key the request has, the smoothed rate
 * {@code (bids + m * prior) / (trials + m)} of the (DSP, key) with the DSP's overall rate as
 * prior, and {@code log1p(trials)}; a key never seen gets the prior and 0. Missing (NaN) when
 * the request has no such key, or the DSP has no prior (unknown to the tables, or known but
 * without history).
 */
public final class FeatureEncoder {

  private static final float MISSING = Float.NaN;

  private FeatureEncoder() {
  }

  /** A vector of the schema's length, for callers that keep one per thread and reuse it. */
  public static float[] newVector() {
    return new float[FeatureSchema.size()];
  }

  /**
   * Fills {@code out[0 .. FeatureSchema.size())}.
   *
   * @throws IllegalArgumentException when {@code out} is too short, or the signals are of a
   *     version the schema does not encode
   */
  public static void encode(RequestSignals s, String dsp, EncodingTables tables, float[] out) {
    if (out.length < FeatureSchema.size()) {
      throw new IllegalArgumentException("feature vector needs " + FeatureSchema.size() + " slots, has " + out.length);
    }
    if (s.version() != FeatureSchema.SIGNALS_VERSION) {
      throw new IllegalArgumentException("signals of version " + s.version() + " cannot be encoded by feature spec "
          + FeatureSchema.FEATURE_SPEC_VERSION + " (signals version " + FeatureSchema.SIGNALS_VERSION + ")");
    }
    Dsp d = tables.dsp(dsp);
    out[Feature.DSP.ordinal()] = d == null ? MISSING : d.index;
    double prior = d == null ? Double.NaN : d.prior;
    out[Feature.DSP_PRIOR_RATE.ordinal()] = (float) prior;

    out[Feature.ENVIRONMENT.ordinal()] = switch (s.environment()) {
      case SITE -> 0;
      case APP -> 1;
      case DOOH -> 2;
      case UNKNOWN -> MISSING;
    };
    out[Feature.PRIMARY_FORMAT.ordinal()] = formatCode(s.primaryFormat());
    out[Feature.MEDIA_TYPES.ordinal()] = s.mediaTypes();
    out[Feature.IMP_COUNT.ordinal()] = s.impCount();
    out[Feature.SIZE_COUNT.ordinal()] = s.sizes() == null ? 0 : s.sizes().size();
    out[Feature.MIN_FLOOR.ordinal()] = value(s.minFloor());
    out[Feature.MAX_FLOOR.ordinal()] = value(s.maxFloor());
    out[Feature.FLOOR_IN_USD.ordinal()] = s.floorCurrency() == null ? MISSING
        : s.floorCurrency().equals("USD") ? 1 : 0;

    out[Feature.DEVICE_TYPE.ordinal()] = value(s.deviceType());
    out[Feature.OS.ordinal()] = osCode(s.os());
    out[Feature.CONNECTION_TYPE.ordinal()] = value(s.connectionType());
    out[Feature.HAS_USER_ID.ordinal()] = flag(s.hasUserId());
    out[Feature.HAS_IFA.ordinal()] = flag(s.hasIfa());
    out[Feature.LMT.ordinal()] = value(s.lmt());
    out[Feature.DNT.ordinal()] = value(s.dnt());

    out[Feature.EID_COUNT.ordinal()] = s.eidCount();
    encodeEidSources(s.eidSources(), out);

    out[Feature.GDPR_APPLIES.ordinal()] = value(s.gdprApplies());
    out[Feature.HAS_CONSENT.ordinal()] = flag(s.hasConsent());
    out[Feature.HAS_US_PRIVACY.ordinal()] = flag(s.hasUsPrivacy());
    out[Feature.US_PRIVACY_OPT_OUT.ordinal()] = value(s.usPrivacyOptOut());
    out[Feature.COPPA.ordinal()] = value(s.coppa());
    out[Feature.HAS_GPP.ordinal()] = flag(s.hasGpp());
    out[Feature.SCHAIN_NODES.ordinal()] = s.schainNodeCount();
    out[Feature.SCHAIN_COMPLETE.ordinal()] = value(s.schainComplete());
    out[Feature.TMAX.ordinal()] = value(s.tmax());
    out[Feature.TEST.ordinal()] = flag(s.test());

    out[Feature.VIDEO_PLACEMENT.ordinal()] = value(s.videoPlacement());
    out[Feature.VIDEO_PLCMT.ordinal()] = value(s.videoPlcmt());
    out[Feature.VIDEO_MIN_DURATION.ordinal()] = value(s.videoMinDuration());
    out[Feature.VIDEO_MAX_DURATION.ordinal()] = value(s.videoMaxDuration());
    out[Feature.REWARDED.ordinal()] = flag(s.rewarded());
    out[Feature.HAS_DEALS.ordinal()] = flag(s.hasDeals());
    out[Feature.PRIVATE_AUCTION.ordinal()] = flag(s.privateAuction());
    out[Feature.INTERSTITIAL.ordinal()] = flag(s.interstitial());
    out[Feature.SECURE.ordinal()] = value(s.secure());

    out[Feature.LOCAL_HOUR.ordinal()] = s.localHour();
    out[Feature.LOCAL_DAY_OF_WEEK.ordinal()] = s.localDayOfWeek();

    List<KeyKind> kinds = KeyKind.all();
    for (int i = 0; i < kinds.size(); i++) {
      encodeKey(kinds.get(i), s, tables, d, prior, out);
    }
  }

  private static void encodeKey(KeyKind kind, RequestSignals s, EncodingTables tables, Dsp d, double prior,
                                float[] out) {
    int rate = kind.rateFeature().ordinal();
    int logTrials = kind.logTrialsFeature().ordinal();
    if (Double.isNaN(prior) || !kind.appliesTo(s)) {
      out[rate] = MISSING;
      out[logTrials] = MISSING;
      return;
    }
    long[] c = tables.keyCounts(kind).get(kind.key(s), kind.subKey(s));
    long bids = c == null ? 0 : c[2 * d.index];
    long trials = c == null ? 0 : c[2 * d.index + 1];
    out[rate] = (float) EncodingTables.smoothedRate(bids, trials, prior, tables.smoothing());
    out[logTrials] = (float) Math.log1p(trials);
  }

  private static void encodeEidSources(List<String> sources, float[] out) {
    float id5 = 0;
    float liveramp = 0;
    float uid2 = 0;
    float sharedId = 0;
    float criteo = 0;
    float ttd = 0;
    if (sources != null) {
      for (int i = 0; i < sources.size(); i++) {
        switch (sources.get(i)) {
          case "id5-sync.com" -> id5 = 1;
          case "liveramp.com" -> liveramp = 1;
          case "uidapi.com" -> uid2 = 1;
          case "pubcid.org" -> sharedId = 1;
          case "criteo.com" -> criteo = 1;
          case "adserver.org" -> ttd = 1;
          default -> {
            // other sources only count towards eid_count
          }
        }
      }
    }
    out[Feature.EID_ID5.ordinal()] = id5;
    out[Feature.EID_LIVERAMP.ordinal()] = liveramp;
    out[Feature.EID_UID2.ordinal()] = uid2;
    out[Feature.EID_SHAREDID.ordinal()] = sharedId;
    out[Feature.EID_CRITEO.ordinal()] = criteo;
    out[Feature.EID_TTD.ordinal()] = ttd;
  }

  private static float formatCode(String format) {
    if (format == null) {
      return MISSING;
    }
    return switch (format) {
      case "banner" -> 0;
      case "video" -> 1;
      case "audio" -> 2;
      case "native" -> 3;
      case "multi" -> 4;
      default -> MISSING;
    };
  }

  private static float osCode(String os) {
    if (os == null) {
      return MISSING;
    }
    return switch (os) {
      case "ios" -> 0;
      case "android" -> 1;
      case "windows" -> 2;
      case "macos" -> 3;
      case "linux" -> 4;
      case "other" -> 5;
      default -> MISSING;
    };
  }

  private static float flag(boolean b) {
    return b ? 1 : 0;
  }

  private static float value(Boolean b) {
    return b == null ? MISSING : b ? 1 : 0;
  }

  private static float value(Integer i) {
    return i == null ? MISSING : i;
  }

  private static float value(Double d) {
    return d == null ? MISSING : (float) d.doubleValue();
  }
}
