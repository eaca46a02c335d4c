package io.bidsift.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.Imp;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.openrtb.RequestValidator;
import io.bidsift.simulator.SimulatedMarket;
import io.bidsift.simulator.SimulatedMarket.Auction;
import io.bidsift.simulator.market.Country;
import io.bidsift.simulator.market.MarketLoader;
import io.bidsift.simulator.market.MarketModel;
import io.bidsift.simulator.market.PublisherCatalog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class RequestGeneratorTest {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 2);

  private final MarketModel market = MarketLoader.defaultMarket();
  private final RequestGenerator traffic = new RequestGenerator(market, PublisherCatalog.build(market));
  private final List<Auction> auctions = auctions(12_000);

  private List<Auction> auctions(int n) {
    List<Auction> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      SplittableRandom r = new SplittableRandom(1000L + i);
      AuctionSlot slot = traffic.slotOnDay(DAY, r);
      out.add(new Auction(slot, traffic.request(slot, r)));
    }
    return out;
  }

  @Test
  void everyGeneratedRequestIsValidOpenRtbAndSurvivesTheCodec() {
    RequestValidator validator = new RequestValidator();
    OpenRtbCodec codec = new OpenRtbCodec();
    Set<String> ids = new HashSet<>();
    for (Auction a : auctions) {
      BidRequest request = a.request();
      assertThat(validator.validate(request)).as("problems of %s", request.id()).isEmpty();
      assertThat(codec.parseRequest(codec.writeRequest(request))).isEqualTo(request);
      ids.add(request.id());
    }
    assertThat(ids).hasSize(auctions.size());
  }

  @Test
  void sameSeedGivesTheSameRequest() {
    SplittableRandom a = new SplittableRandom(7);
    SplittableRandom b = new SplittableRandom(7);

    assertThat(traffic.request(traffic.slotOnDay(DAY, a), a)).isEqualTo(traffic.request(traffic.slotOnDay(DAY, b), b));
  }

  @Test
  void requestsCarryEveryFormatChannelAndDeviceClass() {
    assertThat(share(a -> a.request().imp().get(0).video() != null)).isBetween(0.10, 0.45);
    assertThat(share(a -> a.request().imp().get(0).nativeAd() != null)).isBetween(0.04, 0.25);
    assertThat(share(a -> a.request().imp().get(0).banner() != null)).isBetween(0.40, 0.80);
    assertThat(share(a -> a.request().app() != null)).isBetween(0.25, 0.70);
    assertThat(share(a -> a.request().imp().size() > 1)).isBetween(0.02, 0.25);
    for (int deviceType : new int[] {2, 3, 4, 5}) {
      assertThat(share(a -> a.request().device().devicetype() == deviceType)).as("device type %d", deviceType).isGreaterThan(0.01);
    }
    // CTV devices only ever get video.
    assertThat(auctions).filteredOn(a -> a.request().device().devicetype() == 3)
        .allSatisfy(a -> assertThat(a.request().imp().get(0).video()).isNotNull());
  }

  @Test
  void floorsDependOnFormatAndCountry() {
    double bannerUs = medianFloor(a -> isBanner(a) && country(a).equals("USA"));
    double videoUs = medianFloor(a -> a.request().imp().get(0).video() != null && country(a).equals("USA"));
    double bannerIndia = medianFloor(a -> isBanner(a) && country(a).equals("IND"));

    assertThat(videoUs).isGreaterThan(4 * bannerUs);
    assertThat(bannerUs).isGreaterThan(4 * bannerIndia);
    double floored = share(a -> a.request().imp().get(0).bidfloor() != null);
    assertThat(floored).isCloseTo(market.formats().floorRate(), org.assertj.core.data.Offset.offset(0.02));
    assertThat(auctions).allSatisfy(a -> a.request().imp().forEach(imp -> {
      if (imp.bidfloor() != null) {
        assertThat(imp.bidfloor()).isGreaterThanOrEqualTo(0.01);
        assertThat(Math.round(imp.bidfloor() * 100) / 100.0).isEqualTo(imp.bidfloor());
        assertThat(imp.bidfloorcur()).isEqualTo("USD");
      }
    }));
  }

  @Test
  void auctionsFollowTheDiurnalCurveInLocalTime() {
    int[] perLocalHour = new int[24];
    for (Auction a : auctions) {
      perLocalHour[a.slot().localHour()]++;
      assertThat(a.request().device().geo().utcoffset()).isEqualTo(a.slot().city().utcOffsetMinutes());
    }
    int evening = perLocalHour[19] + perLocalHour[20];
    int night = perLocalHour[3] + perLocalHour[4];
    // The curve's weights: 1.00 + 1.00 against 0.18 + 0.17.
    assertThat((double) evening / night).isBetween(4.0, 8.0);
    assertThat(auctions).allSatisfy(a -> assertThat(a.time().toString()).startsWith("2026-11-02T"));
  }

  @Test
  void privacySignalsFollowTheCountries() {
    List<Auction> gdpr = auctions.stream().filter(a -> gdprCountry(a)).toList();
    List<Auction> us = auctions.stream().filter(a -> country(a).equals("USA")).toList();

    assertThat(auctions).allSatisfy(a -> assertThat(a.request().regs().gdpr()).isEqualTo(gdprCountry(a) ? 1 : 0));
    double consent = gdpr.stream().filter(a -> a.request().user() != null && a.request().user().consent() != null).count()
        / (double) gdpr.size();
    assertThat(consent).isCloseTo(market.privacy().consentRate(), org.assertj.core.data.Offset.offset(0.03));
    assertThat(auctions).filteredOn(a -> a.request().regs().usPrivacy() != null)
        .allSatisfy(a -> assertThat(country(a)).isEqualTo("USA"));
    double usPrivacy = us.stream().filter(a -> a.request().regs().usPrivacy() != null).count() / (double) us.size();
    assertThat(usPrivacy).isCloseTo(market.privacy().usPrivacyRate(), org.assertj.core.data.Offset.offset(0.03));
    assertThat(auctions).filteredOn(a -> a.request().regs().gpp() != null)
        .allSatisfy(a -> assertThat(a.request().regs().gppSid()).containsExactly(gdprCountry(a) ? 2 : 7));
  }

  @Test
  void userIdsAppearAtRealisticRatesAndNeverOnChildDirectedTraffic() {
    double siteIds = share(a -> a.request().site() != null && a.request().user() != null && a.request().user().id() != null)
        / share(a -> a.request().site() != null);
    assertThat(siteIds).isCloseTo(market.audience().siteUserIdRate(), org.assertj.core.data.Offset.offset(0.03));
    assertThat(share(a -> a.request().user() != null && a.request().user().eids() != null)).isBetween(0.3, 0.8);
    assertThat(auctions).filteredOn(a -> a.request().site() != null)
        .allSatisfy(a -> assertThat(a.request().device().ifa()).isNull());
    assertThat(auctions).filteredOn(a -> a.request().regs().coppa() == 1).isNotEmpty().allSatisfy(a -> {
      assertThat(a.request().user() == null || (a.request().user().id() == null && a.request().user().eids() == null)).isTrue();
      assertThat(a.request().device().ifa()).isIn(null, "00000000-0000-0000-0000-000000000000");
    });
  }

  @Test
  void everyRequestNamesItsSupplyChainTmaxAndCurrency() {
    assertThat(auctions).allSatisfy(a -> {
      BidRequest r = a.request();
      assertThat(r.source().schain().complete()).isEqualTo(1);
      assertThat(r.source().schain().nodes().get(r.source().schain().nodes().size() - 1).asi())
          .isEqualTo(market.requests().exchangeDomain());
      assertThat(market.requests().tmax()).containsKey(r.tmax());
      assertThat(r.cur()).containsExactly("USD");
      assertThat(r.device().ua()).isNotBlank();
    });
    assertThat(share(a -> a.request().bcat() != null)).isBetween(0.3, 0.9);
  }

  private double share(Predicate<Auction> p) {
    return auctions.stream().filter(p).count() / (double) auctions.size();
  }

  private double medianFloor(Predicate<Auction> p) {
    List<Double> floors = new ArrayList<>();
    for (Auction a : auctions) {
      Imp imp = a.request().imp().get(0);
      if (p.test(a) && imp.bidfloor() != null) {
        floors.add(imp.bidfloor());
      }
    }
    Collections.sort(floors);
    assertThat(floors).hasSizeGreaterThan(50);
    return floors.get(floors.size() / 2);
  }

  private static boolean isBanner(Auction a) {
    return a.request().imp().get(0).banner() != null;
  }

  private static String country(Auction a) {
    return a.request().device().geo().country();
  }

  private boolean gdprCountry(Auction a) {
    Country c = market.country(country(a));
    return c.gdpr();
  }
}
