package io.bidsift.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarketLoaderTest {

  @Test
  void builtInMarketHasManyVariedDspsAndHundredsOfPublishers() {
    MarketModel market = MarketLoader.defaultMarket();

    assertThat(market.dsps()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(market.publishers().count()).isGreaterThanOrEqualTo(200);
    assertThat(market.dsps()).allSatisfy(d -> assertThat(d.targetBidRate()).isBetween(0.01, 0.30));
    assertThat(market.dsps().stream().mapToDouble(DspConfig::targetBidRate).min().orElseThrow()).isLessThan(0.02);
    assertThat(market.dsps().stream().mapToDouble(DspConfig::targetBidRate).max().orElseThrow()).isGreaterThan(0.2);
    assertThat(market.countries()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(market.publishers().kinds()).containsKeys(PublisherKind.SITE, PublisherKind.APP, PublisherKind.CTV);
  }

  @Test
  void unknownSettingIsRejectedWithItsPath() {
    String yaml = MarketYaml.edit(root -> MarketYaml.dsp(root, 2).put("efects", Map.of()));

    assertThatThrownBy(() -> MarketLoader.parse(yaml))
        .isInstanceOf(MarketFileException.class)
        .hasMessageStartingWith("dsps[2].efects is not a known setting");
  }

  @Test
  void outOfRangeValueIsRejectedWithItsPathAndValue() {
    String yaml = MarketYaml.edit(root -> MarketYaml.dsp(root, 0).put("target_bid_rate", 1.5));

    assertThatThrownBy(() -> MarketLoader.parse(yaml))
        .hasMessage("dsps[0].target_bid_rate must be between 0.001 and 0.9, got 1.5");
  }

  @Test
  void wrongTypeDeepInsideIsRejectedWithItsPath() {
    String yaml = MarketYaml.edit(root -> MarketYaml.map(MarketYaml.dsp(root, 1), "effects").put("formats",
        Map.of("video", "lots")));

    assertThatThrownBy(() -> MarketLoader.parse(yaml)).hasMessage("dsps[1].effects.formats.video must be a number, got \"lots\"");
  }

  @Test
  void dspReferringToACountryOutsideTheMarketIsRejected() {
    String yaml = MarketYaml.edit(root -> MarketYaml.dsp(root, 4).put("targeting", Map.of("countries", List.of("GBR", "XYZ"))));

    assertThatThrownBy(() -> MarketLoader.parse(yaml))
        .hasMessage("dsps[4].targeting.countries[1] is not one of the market's countries: \"XYZ\"");
  }

  @Test
  void repeatedDspIdIsRejected() {
    String yaml = MarketYaml.edit(root -> MarketYaml.dsp(root, 3).put("id", "dsp-atlas"));

    assertThatThrownBy(() -> MarketLoader.parse(yaml)).hasMessage("dsps[3].id repeats DSP id dsp-atlas");
  }

  @Test
  void missingSectionIsRejected() {
    String yaml = MarketYaml.edit(root -> root.remove("privacy"));

    assertThatThrownBy(() -> MarketLoader.parse(yaml)).hasMessage("privacy is required");
  }

  @Test
  void brokenYamlIsReportedWithItsLine() {
    assertThatThrownBy(() -> MarketLoader.parse("name: x\ncountries: [\n  - a: {b: 1\n"))
        .isInstanceOf(MarketFileException.class)
        .hasMessageStartingWith("the market file is not valid YAML: ")
        .hasMessageContaining("line ");
  }

  @Test
  void deviceClassThatDoesNotFitThePublisherKindIsRejected() {
    String yaml = MarketYaml.edit(root -> MarketYaml.map(MarketYaml.map(MarketYaml.map(root, "publishers"), "kinds"), "app")
        .put("devices", Map.of("desktop", 0.5, "phone", 0.5)));

    assertThatThrownBy(() -> MarketLoader.parse(yaml)).hasMessageStartingWith("publishers.kinds.app.devices.desktop does not fit");
  }

  @Test
  void driftMergesItsChangesIntoTheDspsOwnSettings() {
    MarketModel market = MarketLoader.defaultMarket();
    DspConfig nativa = market.dsps().stream().filter(d -> d.id().equals("dsp-nativa")).findFirst().orElseThrow();

    assertThat(nativa.drift()).hasSize(1);
    Drift drift = nativa.drift().get(0);
    assertThat(drift.from()).isEqualTo(LocalDate.of(2026, 11, 6));
    assertThat(drift.profile().effects().formats()).containsEntry(AdFormat.VIDEO, 1.5).containsEntry(AdFormat.NATIVE, 2.5);
    assertThat(drift.profile().effects().categories()).isEqualTo(nativa.effects().categories());
    assertThat(nativa.effects().formats()).containsEntry(AdFormat.VIDEO, -1.5);
  }

  @Test
  void driftCannotChangeTheDspId() {
    String yaml = MarketYaml.edit(root -> MarketYaml.dsp(root, 0).put("drift",
        List.of(Map.of("from", "2026-11-05", "changes", Map.of("id", "other")))));

    assertThatThrownBy(() -> MarketLoader.parse(yaml)).hasMessageStartingWith("dsps[0].drift[0].changes.id is not a known setting");
  }

  @Test
  void marketFileOnDiskLoadsLikeItsText(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("market.yaml");
    Files.writeString(file, MarketLoader.defaultYaml());

    assertThat(MarketLoader.load(file)).isEqualTo(MarketLoader.defaultMarket());
  }

  @Test
  void publisherCatalogIsFixedByTheMarketAndZipfDistributed() {
    MarketModel market = MarketLoader.defaultMarket();
    PublisherCatalog a = PublisherCatalog.build(market);
    PublisherCatalog b = PublisherCatalog.build(market);

    assertThat(a.publishers()).hasSize(market.publishers().count());
    assertThat(a.publishers().stream().map(PublisherProfile::domain).toList())
        .isEqualTo(b.publishers().stream().map(PublisherProfile::domain).toList());
    Set<String> ids = new HashSet<>();
    a.publishers().forEach(p -> ids.add(p.publisherId()));
    assertThat(ids).hasSize(a.size());
    Set<String> domains = new HashSet<>();
    a.publishers().forEach(p -> domains.add(p.domain()));
    assertThat(domains).hasSize(a.size());
    // Zipf with exponent 1: rank 1 gets ten times the traffic of rank 10.
    assertThat(a.trafficShare(a.get(0)) / a.trafficShare(a.get(9))).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(a.publishers()).anyMatch(p -> p.kind() == PublisherKind.CTV).anyMatch(p -> p.kind() == PublisherKind.APP);
  }
}
