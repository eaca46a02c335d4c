package io.bidsift.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bidsift.features.EncodingTables.Counts;
import io.bidsift.json.JsonInputException;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.signals.RequestSignals;
import io.bidsift.signals.SignalExtractor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodingTablesTest {

  private final OpenRtbCodec codec = new OpenRtbCodec();
  private final SignalExtractor extractor = new SignalExtractor();

  private RequestSignals signals(String json) {
    return extractor.extract(codec.parseRequest(json), Instant.parse("2026-11-20T13:45:12.345Z"));
  }

  private EncodingTables sample() {
    RequestSignals siteBanner = signals("""
        {"id":"1","imp":[{"id":"1","tagid":"top","banner":{"w":300,"h":250}}],
         "site":{"domain":"news.example","cat":["IAB12"],"publisher":{"id":"pub-1"}},
         "device":{"make":"Apple","geo":{"country":"US"}}}""");
    RequestSignals appVideo = signals("""
        {"id":"2","imp":[{"id":"1","video":{"mimes":["video/mp4"]}}],
         "app":{"bundle":"com.game","domain":"game.example","publisher":{"id":"pub-1"}}}""");
    return EncodingTables.builder(10)
        .addDsps(List.of("dsp-quiet"))
        .add("dsp-a", siteBanner, true)
        .add("dsp-a", siteBanner, false)
        .add("dsp-a", appVideo, true)
        .add("dsp-b", siteBanner, false)
        .build();
  }

  @Test
  void builderCountsEveryKeyOfACallout() {
    EncodingTables tables = sample();

    assertThat(tables.dsps()).containsExactly("dsp-a", "dsp-b", "dsp-quiet");
    assertThat(tables.dspTotals("dsp-a")).isEqualTo(new Counts(2, 3));
    assertThat(tables.prior("dsp-a")).isEqualTo(2.0 / 3);
    assertThat(tables.prior("dsp-quiet")).isNaN();
    assertThat(tables.counts("dsp-a", KeyKind.PUBLISHER, "pub-1", null)).isEqualTo(new Counts(2, 3));
    assertThat(tables.counts("dsp-a", KeyKind.DOMAIN_OR_BUNDLE, "news.example", null)).isEqualTo(new Counts(1, 2));
    // An app is keyed by its bundle, not its domain.
    assertThat(tables.counts("dsp-a", KeyKind.DOMAIN_OR_BUNDLE, "com.game", null)).isEqualTo(new Counts(1, 1));
    assertThat(tables.counts("dsp-a", KeyKind.DOMAIN_OR_BUNDLE, "game.example", null)).isNull();
    assertThat(tables.counts("dsp-a", KeyKind.COUNTRY, "USA", null)).isEqualTo(new Counts(1, 2));
    assertThat(tables.counts("dsp-a", KeyKind.PRIMARY_SIZE, "300x250", null)).isEqualTo(new Counts(1, 2));
    assertThat(tables.counts("dsp-a", KeyKind.FIRST_CATEGORY, "IAB12", null)).isEqualTo(new Counts(1, 2));
    assertThat(tables.counts("dsp-a", KeyKind.DEVICE_MAKE, "apple", null)).isEqualTo(new Counts(1, 2));
    assertThat(tables.counts("dsp-a", KeyKind.TAG_ID, "top", null)).isEqualTo(new Counts(1, 2));
    assertThat(tables.counts("dsp-a", KeyKind.PUBLISHER_FORMAT, "pub-1", "banner")).isEqualTo(new Counts(1, 2));
    assertThat(tables.counts("dsp-a", KeyKind.PUBLISHER_FORMAT, "pub-1", "video")).isEqualTo(new Counts(1, 1));
    assertThat(tables.counts("dsp-b", KeyKind.PUBLISHER, "pub-1", null)).isEqualTo(new Counts(0, 1));
    assertThat(tables.dspIndex("dsp-quiet")).isEqualTo(2);
    assertThat(tables.dspIndex("nobody")).isEqualTo(-1);
  }

  @Test
  void buildTakesASnapshotSoTheBuilderCanKeepCounting() {
    EncodingTables.Builder builder = EncodingTables.builder().addTotals("dsp-a", 1, 2);
    EncodingTables first = builder.build();

    builder.addTotals("dsp-a", 1, 2);

    assertThat(first.dspTotals("dsp-a")).isEqualTo(new Counts(1, 2));
    assertThat(builder.build().dspTotals("dsp-a")).isEqualTo(new Counts(2, 4));
  }

  @Test
  void jsonRoundTripKeepsEveryCount() {
    EncodingTables tables = sample();

    byte[] json = tables.toJson();
    EncodingTables back = EncodingTables.fromJson(json);

    assertThat(back.toJson()).isEqualTo(json);
    assertThat(back.smoothing()).isEqualTo(10.0);
    assertThat(back.dsps()).isEqualTo(tables.dsps());
    assertThat(back.dspTotals("dsp-a")).isEqualTo(new Counts(2, 3));
    assertThat(back.prior("dsp-quiet")).isNaN();
    for (KeyKind kind : KeyKind.all()) {
      assertThat(back.keyCount("dsp-a", kind)).as(kind.wireName()).isEqualTo(tables.keyCount("dsp-a", kind));
    }
    assertThat(back.counts("dsp-a", KeyKind.PUBLISHER_FORMAT, "pub-1", "video")).isEqualTo(new Counts(1, 1));
  }

  @Test
  void javaSerialisationGoesThroughTheJsonForm() throws Exception {
    EncodingTables tables = sample();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(tables);
    }

    EncodingTables back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (EncodingTables) in.readObject();
    }

    assertThat(back.toJson()).isEqualTo(tables.toJson());
  }

  @Test
  void tablesOfAnotherFeatureSpecAreRejectedWithTheFieldNamed() {
    String json = new String(sample().toJson(), StandardCharsets.UTF_8)
        .replace("\"feature_spec_version\":" + FeatureSchema.FEATURE_SPEC_VERSION, "\"feature_spec_version\":999");

    assertThatThrownBy(() -> EncodingTables.fromJson(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonInputException.class)
        .hasMessageStartingWith("encodings.feature_spec_version is 999");
  }

  @Test
  void countsWithMoreBidsThanTrialsAreRejected() {
    String json = """
        {"feature_spec_version":%d,"signals_version":%d,"smoothing":20,"dsps":["a"],
         "counts":{"a":{"bids":1,"trials":5,"publisher":[["p",3,2]]}}}"""
        .formatted(FeatureSchema.FEATURE_SPEC_VERSION, FeatureSchema.SIGNALS_VERSION);

    assertThatThrownBy(() -> EncodingTables.fromJson(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonInputException.class)
        .hasMessage("encodings.counts.a.publisher[0] has more bids than trials: 3 of 2");
  }

  @Test
  void unknownKeyKindIsRejected() {
    String json = """
        {"feature_spec_version":%d,"signals_version":%d,"smoothing":20,"dsps":["a"],
         "counts":{"a":{"bids":1,"trials":5,"planet":[["p",1,2]]}}}"""
        .formatted(FeatureSchema.FEATURE_SPEC_VERSION, FeatureSchema.SIGNALS_VERSION);

    assertThatThrownBy(() -> EncodingTables.fromJson(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonInputException.class)
        .hasMessageStartingWith("encodings.counts.a.planet is not a key kind");
  }
}
