package io.bidsift.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.signals.RequestSignals;
import io.bidsift.signals.SignalExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {

  /** A Friday, 13:45:12 UTC. */
  private static final Instant FRIDAY_1345_UTC = Instant.parse("2026-11-20T13:45:12.345Z");
  private static final float NAN = Float.NaN;

  private final OpenRtbCodec codec = new OpenRtbCodec();
  private final SignalExtractor extractor = new SignalExtractor();

  /** dsp-b: prior 50/1000 = 0.05, and counts for most keys of the typical request. */
  private static EncodingTables handTables() {
    return EncodingTables.builder(20)
        .addDsps(List.of("dsp-a", "dsp-c"))
        .addTotals("dsp-b", 50, 1000)
        .addKeyCounts("dsp-b", KeyKind.PUBLISHER, "pub-4471", null, 30, 200)
        .addKeyCounts("dsp-b", KeyKind.TAG_ID, "homepage-top-leaderboard", null, 5, 10)
        .addKeyCounts("dsp-b", KeyKind.COUNTRY, "GBR", null, 40, 800)
        .addKeyCounts("dsp-b", KeyKind.PRIMARY_SIZE, "728x90", null, 2, 100)
        .addKeyCounts("dsp-b", KeyKind.DEVICE_MAKE, "microsoft", null, 1, 50)
        .addKeyCounts("dsp-b", KeyKind.PUBLISHER_FORMAT, "pub-4471", "banner", 20, 150)
        .addKeyCounts("dsp-b", KeyKind.PUBLISHER_FORMAT, "pub-4471", "video", 10, 50)
        // Another DSP's counts for the same keys must not leak into dsp-b's encodings.
        .addTotals("dsp-c", 500, 1000)
        .addKeyCounts("dsp-c", KeyKind.PUBLISHER, "pub-4471", null, 190, 200)
        .build();
  }

  @Test
  void typicalRequestEncodesToTheHandComputedVector() {
    RequestSignals signals = extractor.extract(codec.parseRequest(typicalRequest()), FRIDAY_1345_UTC);
    float[] out = FeatureEncoder.newVector();

    FeatureEncoder.encode(signals, "dsp-b", handTables(), out);

    Map<Feature, Float> expected = new EnumMap<>(Feature.class);
    expected.put(Feature.DSP, 1f);
    expected.put(Feature.DSP_PRIOR_RATE, 0.05f);
    expected.put(Feature.ENVIRONMENT, 0f);
    expected.put(Feature.PRIMARY_FORMAT, 0f);
    expected.put(Feature.MEDIA_TYPES, 1f);
    expected.put(Feature.IMP_COUNT, 2f);
    expected.put(Feature.SIZE_COUNT, 4f);
    expected.put(Feature.MIN_FLOOR, 0.3f);
    expected.put(Feature.MAX_FLOOR, 0.45f);
    expected.put(Feature.FLOOR_IN_USD, 1f);
    expected.put(Feature.DEVICE_TYPE, 2f);
    expected.put(Feature.OS, 2f);
    expected.put(Feature.CONNECTION_TYPE, 2f);
    expected.put(Feature.HAS_USER_ID, 1f);
    expected.put(Feature.HAS_IFA, 1f);
    expected.put(Feature.LMT, 0f);
    expected.put(Feature.DNT, 0f);
    expected.put(Feature.EID_COUNT, 2f);
    expected.put(Feature.EID_ID5, 1f);
    expected.put(Feature.EID_LIVERAMP, 1f);
    expected.put(Feature.EID_UID2, 0f);
    expected.put(Feature.EID_SHAREDID, 0f);
    expected.put(Feature.EID_CRITEO, 0f);
    expected.put(Feature.EID_TTD, 0f);
    expected.put(Feature.GDPR_APPLIES, 1f);
    expected.put(Feature.HAS_CONSENT, 1f);
    expected.put(Feature.HAS_US_PRIVACY, 0f);
    expected.put(Feature.US_PRIVACY_OPT_OUT, NAN);
    expected.put(Feature.COPPA, 0f);
    expected.put(Feature.HAS_GPP, 0f);
    expected.put(Feature.SCHAIN_NODES, 2f);
    expected.put(Feature.SCHAIN_COMPLETE, 1f);
    expected.put(Feature.TMAX, 300f);
    expected.put(Feature.TEST, 0f);
    expected.put(Feature.VIDEO_PLACEMENT, NAN);
    expected.put(Feature.VIDEO_PLCMT, NAN);
    expected.put(Feature.VIDEO_MIN_DURATION, NAN);
    expected.put(Feature.VIDEO_MAX_DURATION, NAN);
    expected.put(Feature.REWARDED, 0f);
    expected.put(Feature.HAS_DEALS, 0f);
    expected.put(Feature.PRIVATE_AUCTION, 0f);
    expected.put(Feature.INTERSTITIAL, 0f);
    expected.put(Feature.SECURE, 1f);
    expected.put(Feature.LOCAL_HOUR, 13f);
    expected.put(Feature.LOCAL_DAY_OF_WEEK, 5f);
    // (bids + 20 * 0.05) / (trials + 20), worked out by hand.
    expected.put(Feature.PUBLISHER_RATE, 31f / 220);
    expected.put(Feature.PUBLISHER_LOG_TRIALS, (float) Math.log(201));
    expected.put(Feature.DOMAIN_OR_BUNDLE_RATE, 0.05f);          // never seen: the prior
    expected.put(Feature.DOMAIN_OR_BUNDLE_LOG_TRIALS, 0f);
    expected.put(Feature.TAG_ID_RATE, 6f / 30);
    expected.put(Feature.TAG_ID_LOG_TRIALS, (float) Math.log(11));
    expected.put(Feature.COUNTRY_RATE, 41f / 820);
    expected.put(Feature.COUNTRY_LOG_TRIALS, (float) Math.log(801));
    expected.put(Feature.PRIMARY_SIZE_RATE, 3f / 120);
    expected.put(Feature.PRIMARY_SIZE_LOG_TRIALS, (float) Math.log(101));
    expected.put(Feature.FIRST_CATEGORY_RATE, 0.05f);            // IAB17 never seen
    expected.put(Feature.FIRST_CATEGORY_LOG_TRIALS, 0f);
    expected.put(Feature.DEVICE_MAKE_RATE, 2f / 70);
    expected.put(Feature.DEVICE_MAKE_LOG_TRIALS, (float) Math.log(51));
    expected.put(Feature.PUBLISHER_FORMAT_RATE, 21f / 170);      // the banner pair, not the video one
    expected.put(Feature.PUBLISHER_FORMAT_LOG_TRIALS, (float) Math.log(151));

    assertThat(expected).hasSize(FeatureSchema.size());
    for (Feature f : Feature.values()) {
      float want = expected.get(f);
      if (Float.isNaN(want)) {
        assertThat(out[f.ordinal()]).as(f.featureName()).isNaN();
      } else {
        assertThat(out[f.ordinal()]).as(f.featureName()).isCloseTo(want, within(1e-6f));
      }
    }
  }

  @Test
  void smoothedRateIsThePriorWithoutEvidenceAndTheKeysOwnRateWithMuchEvidence() {
    assertThat(EncodingTables.smoothedRate(3, 10, 0.1, 20)).isCloseTo(5.0 / 30, within(1e-12));
    assertThat(EncodingTables.smoothedRate(0, 0, 0.1, 20)).isEqualTo(0.1);
    assertThat(EncodingTables.smoothedRate(50_000, 100_000, 0.1, 20)).isCloseTo(0.5, within(1e-3));
  }

  @Test
  void absentSignalsStayMissing() {
    RequestSignals signals = extractor.extract(codec.parseRequest("""
        {"id":"r","imp":[{"id":"1"}]}"""), FRIDAY_1345_UTC);
    float[] out = FeatureEncoder.newVector();

    FeatureEncoder.encode(signals, "dsp-b", handTables(), out);

    for (Feature f : List.of(Feature.ENVIRONMENT, Feature.PRIMARY_FORMAT, Feature.MIN_FLOOR, Feature.MAX_FLOOR,
        Feature.FLOOR_IN_USD, Feature.DEVICE_TYPE, Feature.OS, Feature.CONNECTION_TYPE, Feature.LMT, Feature.DNT,
        Feature.GDPR_APPLIES, Feature.US_PRIVACY_OPT_OUT, Feature.COPPA, Feature.SCHAIN_COMPLETE, Feature.TMAX,
        Feature.VIDEO_PLCMT, Feature.SECURE)) {
      assertThat(out[f.ordinal()]).as(f.featureName()).isNaN();
    }
    // No key in the request: no encoding, not the prior.
    for (KeyKind kind : KeyKind.all()) {
      assertThat(out[kind.rateFeature().ordinal()]).as(kind.wireName()).isNaN();
      assertThat(out[kind.logTrialsFeature().ordinal()]).as(kind.wireName()).isNaN();
    }
    // Absence that the spec defines stays a value.
    assertThat(out[Feature.HAS_USER_ID.ordinal()]).isZero();
    assertThat(out[Feature.EID_COUNT.ordinal()]).isZero();
    assertThat(out[Feature.DSP.ordinal()]).isEqualTo(1f);
  }

  @Test
  void unknownDspHasNoIndexAndNoEncodings() {
    RequestSignals signals = extractor.extract(codec.parseRequest(typicalRequest()), FRIDAY_1345_UTC);
    float[] out = FeatureEncoder.newVector();

    FeatureEncoder.encode(signals, "dsp-new", handTables(), out);

    assertThat(out[Feature.DSP.ordinal()]).isNaN();
    assertThat(out[Feature.DSP_PRIOR_RATE.ordinal()]).isNaN();
    for (KeyKind kind : KeyKind.all()) {
      assertThat(out[kind.rateFeature().ordinal()]).as(kind.wireName()).isNaN();
      assertThat(out[kind.logTrialsFeature().ordinal()]).as(kind.wireName()).isNaN();
    }
    assertThat(out[Feature.TMAX.ordinal()]).isEqualTo(300f);
  }

  @Test
  void dspInTheVocabularyWithoutHistoryHasAnIndexButNoEncodings() {
    RequestSignals signals = extractor.extract(codec.parseRequest(typicalRequest()), FRIDAY_1345_UTC);
    float[] out = FeatureEncoder.newVector();

    FeatureEncoder.encode(signals, "dsp-a", handTables(), out);

    assertThat(out[Feature.DSP.ordinal()]).isZero();
    assertThat(out[Feature.DSP_PRIOR_RATE.ordinal()]).isNaN();
    assertThat(out[Feature.PUBLISHER_RATE.ordinal()]).isNaN();
  }

  @Test
  void vectorOfTheWrongLengthIsRejected() {
    RequestSignals signals = extractor.extract(codec.parseRequest(typicalRequest()), FRIDAY_1345_UTC);

    assertThatThrownBy(() -> FeatureEncoder.encode(signals, "dsp-b", handTables(), new float[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs " + FeatureSchema.size());
  }

  @Test
  void encodingAllocatesNothingPerRow() {
    RequestSignals signals = extractor.extract(codec.parseRequest(typicalRequest()), FRIDAY_1345_UTC);
    EncodingTables tables = handTables();
    float[] out = FeatureEncoder.newVector();
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 1_000; i++) {
      FeatureEncoder.encode(signals, i % 2 == 0 ? "dsp-b" : "dsp-new", tables, out);
    }
    long threadId = Thread.currentThread().getId();

    long before = threads.getThreadAllocatedBytes(threadId);
    for (int i = 0; i < 100_000; i++) {
      FeatureEncoder.encode(signals, i % 2 == 0 ? "dsp-b" : "dsp-new", tables, out);
    }
    long allocated = threads.getThreadAllocatedBytes(threadId) - before;

    // 100,000 rows: one allocation per row would be >= 1.6 MB; allow the probe's own few bytes.
    assertThat(allocated).isLessThan(10_000);
  }

  private static byte[] typicalRequest() {
    try (InputStream in = FeatureEncoderTest.class.getResourceAsStream("/bench/typical-request.json")) {
      if (in == null) {
        throw new IllegalStateException("bench/typical-request.json is not on the test classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
