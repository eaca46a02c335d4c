package io.bidsift.training.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.bidsift.bundle.JsonTrees;
import io.bidsift.json.JsonInputException;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.signals.RequestSignals;
import io.bidsift.signals.SignalExtractor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BaselineTableTest {

  private static final String SITE = """
      {"id":"a1","imp":[{"id":"1","banner":{"w":300,"h":250}}],"site":{"domain":"a.example","publisher":{"id":"pub-1"}}}""";
  private static final String APP = """
      {"id":"a2","imp":[{"id":"1","banner":{"w":300,"h":250}}],"app":{"bundle":"com.a","publisher":{"id":"pub-1"}}}""";

  /** dsp-x: 10 callouts, 2 bids overall (prior 0.2); pub-1 banners: 3 bids in 4 on its site, none in 6 in its app. */
  private static BaselineTable table() {
    return BaselineTable.builder(20)
        .addTotals("dsp-x", 2, 10)
        .addKey("dsp-x", "pub-1", "banner/site", 3, 4)
        .addKey("dsp-x", "pub-1", "banner/app", 0, 6)
        .addTotals("dsp-idle", 0, 0)
        .build();
  }

  private static RequestSignals signals(String json) {
    return new SignalExtractor().extract(new OpenRtbCodec().parseRequest(json), Instant.parse("2026-11-20T12:00:00Z"));
  }

  @Test
  void rateIsTheDspsSmoothedBidRateOfThePublisherFormatAndEnvironment() {
    BaselineTable table = table();

    // (bids + m * prior) / (trials + m): the same publisher and format, apart by environment.
    assertThat(BaselineTable.formatAndEnvironment(signals(SITE))).isEqualTo("banner/site");
    assertThat(table.rate("dsp-x", signals(SITE))).isCloseTo((3 + 20 * 0.2) / 24, within(1e-12));
    assertThat(table.rate("dsp-x", signals(APP))).isCloseTo((0 + 20 * 0.2) / 26, within(1e-12));
  }

  @Test
  void requestWithoutPublisherOrUnseenKeyScoresTheDspPrior() {
    String noPublisher = SITE.replace(",\"publisher\":{\"id\":\"pub-1\"}", "");
    String video = SITE.replace("\"banner\":{\"w\":300,\"h\":250}", "\"video\":{\"mimes\":[\"video/mp4\"]}");

    assertThat(table().rate("dsp-x", signals(noPublisher))).isCloseTo(0.2, within(1e-12));
    assertThat(table().rate("dsp-x", signals(video))).isCloseTo(0.2, within(1e-12));
  }

  @Test
  void dspWithoutHistoryHasNoRateAndScoresTheFallback() {
    double unknown = table().rate("dsp-new", signals(SITE));
    double idle = table().rate("dsp-idle", signals(SITE));

    assertThat(unknown).isNaN();
    assertThat(idle).isNaN();
    assertThat(BaselineScores.score(new double[] {unknown, 0.25}, 0.07)).containsExactly(0.07, 0.25);
  }

  @Test
  void tableReadBackFromItsJsonGivesTheSameRates() {
    byte[] json = JsonTrees.toBytes(table().toJson(), false);

    BaselineTable read = BaselineTable.fromJson(JsonTrees.parseObject(json));

    assertThat(read.keyCount()).isEqualTo(2);
    assertThat(JsonTrees.toBytes(read.toJson(), false)).isEqualTo(json);
    assertThat(read.rate("dsp-x", signals(APP))).isEqualTo(table().rate("dsp-x", signals(APP)));
  }

  @Test
  void negativeCountInJsonIsRefusedWithItsPath() {
    String json = new String(JsonTrees.toBytes(table().toJson(), false), StandardCharsets.UTF_8)
        .replace("[0,6]", "[0,-6]");

    assertThatThrownBy(() -> BaselineTable.fromJson(JsonTrees.parseObject(json.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(JsonInputException.class)
        .hasMessageContaining("dsps.dsp-x.keys.pub-1.banner/app must be a count");
  }
}
