package io.bidsift.training.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.bidsift.features.EncodingTables;
import io.bidsift.features.Feature;
import io.bidsift.features.FeatureEncoder;
import io.bidsift.features.FeatureSchema;
import io.bidsift.features.KeyKind;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.signals.RequestSignals;
import io.bidsift.signals.SignalExtractor;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BaselineScoresTest {

  private static final String REQUEST = """
      {"id":"a1","imp":[{"id":"1","banner":{"w":300,"h":250}}],"site":{"domain":"a.example","publisher":{"id":"pub-1"}}}""";

  /** dsp-x: 10 callouts, 2 bids overall (prior 0.2); on (pub-1, banner) 4 callouts, 3 bids. */
  private static EncodingTables tables() {
    return EncodingTables.builder(20)
        .addTotals("dsp-x", 2, 10)
        .addKeyCounts("dsp-x", KeyKind.PUBLISHER_FORMAT, "pub-1", "banner", 3, 4)
        .addDsps(java.util.List.of("dsp-new"))
        .build();
  }

  private static float[] encode(String dsp, String json) {
    RequestSignals s = new SignalExtractor().extract(new OpenRtbCodec().parseRequest(json),
        Instant.parse("2026-11-20T12:00:00Z"));
    float[] v = FeatureEncoder.newVector();
    FeatureEncoder.encode(s, dsp, tables(), v);
    return v;
  }

  @Test
  void baselineScoresTheDspsSmoothedHistoricalBidRateOfThePublisherAndFormat() {
    double[] score = BaselineScores.score(encode("dsp-x", REQUEST), 1, FeatureSchema.size(), 0.5);

    // (bids + m * prior) / (trials + m) = (3 + 20 * 0.2) / (4 + 20), to float precision.
    assertThat(score[0]).isCloseTo((3 + 20 * 0.2) / 24, within(1e-6));
  }

  @Test
  void requestWithoutPublisherScoresTheDspPrior() {
    String noPublisher = REQUEST.replace(",\"publisher\":{\"id\":\"pub-1\"}", "");

    double[] score = BaselineScores.score(encode("dsp-x", noPublisher), 1, FeatureSchema.size(), 0.5);

    assertThat(score[0]).isCloseTo(0.2, within(1e-6));
  }

  @Test
  void dspWithoutHistoryScoresTheFallbackRate() {
    double[] score = BaselineScores.score(encode("dsp-new", REQUEST), 1, FeatureSchema.size(), 0.07);

    assertThat(encode("dsp-new", REQUEST)[Feature.DSP_PRIOR_RATE.ordinal()]).isNaN();
    assertThat(score[0]).isEqualTo(0.07);
  }
}
