package io.bidsift.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.bidsift.testsupport.OpenRtbCorpus;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.Imp;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.signals.RequestSignals.Environment;
import io.bidsift.signals.RequestSignals.LocalTimeBasis;
import io.bidsift.signals.RequestSignals.MediaType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalExtractorTest {

  /** A Friday, 13:45:12 UTC. */
  private static final Instant FRIDAY_1345_UTC = Instant.parse("2026-11-20T13:45:12.345Z");

  private final OpenRtbCodec codec = new OpenRtbCodec();
  private final SignalExtractor extractor = new SignalExtractor();

  // ---- corpus requests against hand-built expectations (every other signal must be missing) ----

  @Test
  void simpleSiteRequestGivesItsSignalsAndNothingElse() {
    assertThat(extractCorpus("exemplary__simple.json")).usingRecursiveComparison().isEqualTo(expected()
        .with("environment", Environment.SITE)
        .with("domain", "prebid.org")
        .with("mediaTypes", MediaType.BANNER.bit())
        .with("primaryFormat", "banner")
        .with("sizes", List.of("300x250", "300x600"))
        .with("primarySize", "300x250")
        .with("impCount", 1)
        .with("tmax", 500)
        .build());
  }

  @Test
  void doohRequestIsAScreenWithItsId() {
    assertThat(extractCorpus("exemplary__dooh.json")).usingRecursiveComparison().isEqualTo(expected()
        .with("environment", Environment.DOOH)
        .with("siteOrAppId", "12345")
        .with("mediaTypes", MediaType.BANNER.bit())
        .with("primaryFormat", "banner")
        .with("sizes", List.of("1920x1080"))
        .with("primarySize", "1920x1080")
        .with("impCount", 1)
        .with("tmax", 500)
        .build());
  }

  @Test
  void iosAppWithEmptyIfaHasNoIfa() {
    assertThat(extractCorpus("supplementary__app-ios140-no-ifa.json")).usingRecursiveComparison()
        .isEqualTo(expected()
            .with("environment", Environment.APP)
            .with("siteOrAppId", "some-app-id")
            .with("mediaTypes", MediaType.BANNER.bit())
            .with("primaryFormat", "banner")
            .with("sizes", List.of("300x600"))
            .with("primarySize", "300x600")
            .with("impCount", 1)
            .with("os", "ios")
            .build());
  }

  @Test
  void supplyChainIsCompleteWithOneNode() {
    assertThat(extractCorpus("exemplary__source-schain.json")).usingRecursiveComparison()
        .isEqualTo(expected()
            .with("environment", Environment.SITE)
            .with("publisherId", "a3de7af2-a86a-4043-a77b-c7e86744155e")
            .with("domain", "prebid.org")
            .with("mediaTypes", MediaType.BANNER.bit())
            .with("primaryFormat", "banner")
            .with("sizes", List.of("300x250", "300x300"))
            .with("primarySize", "300x250")
            .with("impCount", 1)
            .with("tmax", 1000)
            .with("schainComplete", true)
            .with("schainNodeCount", 1)
            .build());
  }

  @Test
  void openRtb25ExtLocationsGiveTheSameSignalsAs26Fields() {
    RequestSignals signals = extractCorpus("exemplary__ortb-2.5-to-2.6-upconvert.json");

    assertThat(signals).usingRecursiveComparison().isEqualTo(expected()
        .with("environment", Environment.SITE)
        .with("domain", "prebid.org")
        .with("mediaTypes", MediaType.BANNER.bit())
        .with("primaryFormat", "banner")
        .with("sizes", List.of("300x600"))
        .with("primarySize", "300x600")
        .with("impCount", 1)
        .with("gdprApplies", true)
        .with("hasConsent", true)
        .with("hasUsPrivacy", true)
        .with("usPrivacyOptOut", true)
        .with("eidSources", List.of("source"))
        .with("eidCount", 1)
        .with("schainComplete", true)
        .with("schainNodeCount", 1)
        .with("rewarded", true)
        .build());
    assertThat(extract("""
        {"regs":{"gdpr":1,"us_privacy":"1YYY","ext":{"gdpr":1,"us_privacy":"1YYY"}},
         "user":{"consent":"c","eids":[{"source":"source","uids":[{"id":"1"}]}]},
         "source":{"schain":{"complete":1,"nodes":[{"asi":"a","sid":"s","hp":1}],"ver":"1.0"}},
         "site":{"page":"prebid.org"},
         "imp":[{"id":"1","rwdd":1,"banner":{"format":[{"w":300,"h":600}]}}]}
        """)).usingRecursiveComparison().isEqualTo(signals);
  }

  @Test
  void openRtb26FieldWinsOverTheExtLocation() {
    RequestSignals signals = extract("""
        {"regs":{"gdpr":0,"us_privacy":"1YNN","ext":{"gdpr":1,"us_privacy":"1YYY"}},
         "imp":[{"id":"1","rwdd":0,"ext":{"prebid":{"is_rewarded_inventory":1}}}]}
        """);

    assertThat(signals.gdprApplies()).isFalse();
    assertThat(signals.usPrivacyOptOut()).isFalse();
    assertThat(signals.rewarded()).isFalse();
  }

  @Test
  void userAgentHintsAndDeviceFlags() {
    RequestSignals signals = extractCorpus("exemplary__device-sua.json");

    assertThat(signals.dnt()).isTrue();
    assertThat(signals.lmt()).isTrue();
    assertThat(signals.os()).as("device.os absent, sua.platform.brand 'MS'").isEqualTo("other");
    assertThat(signals.country()).isNull();
    assertThat(signals.deviceType()).isNull();
  }

  @Test
  void typicalBenchmarkRequestGivesEverySignalItCarries() throws Exception {
    byte[] json;
    try (var in = getClass().getResourceAsStream("/bench/typical-request.json")) {
      json = in.readAllBytes();
    }

    assertThat(extract(json)).usingRecursiveComparison().isEqualTo(expected()
        .with("environment", Environment.SITE)
        .with("publisherId", "pub-4471")
        .with("domain", "dailynews.example")
        .with("siteOrAppId", "s-1029")
        .with("tagId", "homepage-top-leaderboard")
        .with("categories", List.of("IAB17", "IAB17-12", "IAB17-44", "IAB12"))
        .with("mediaTypes", MediaType.BANNER.bit())
        .with("primaryFormat", "banner")
        .with("sizes", List.of("728x90", "970x250", "300x250", "300x600"))
        .with("primarySize", "728x90")
        .with("impCount", 2)
        .with("minFloor", 0.3)
        .with("maxFloor", 0.45)
        .with("floorCurrency", "USD")
        .with("deviceType", 2)
        .with("os", "windows")
        .with("make", "microsoft")
        .with("connectionType", 2)
        .with("country", "GBR")
        .with("region", "ENG")
        .with("hasUserId", true)
        .with("hasIfa", true)
        .with("lmt", false)
        .with("dnt", false)
        .with("eidSources", List.of("id5-sync.com", "liveramp.com"))
        .with("eidCount", 2)
        .with("gdprApplies", true)
        .with("hasConsent", true)
        .with("coppa", false)
        .with("schainComplete", true)
        .with("schainNodeCount", 2)
        .with("tmax", 300)
        .with("secure", true)
        .with("localTimeBasis", LocalTimeBasis.GEO_UTC_OFFSET)
        .build());
  }

  // ---- hand-made requests ----

  @Test
  void multiImpRequestFollowsTheUnionRangeAndFirstImpRule() {
    RequestSignals signals = extract("""
        {"id":"r","site":{"domain":"news.example"},
         "imp":[
          {"id":"1","tagid":"top","secure":1,"bidfloor":0.5,"bidfloorcur":"usd",
           "banner":{"format":[{"w":300,"h":250},{"w":728,"h":90}]}},
          {"id":"2","secure":0,"bidfloor":2.0,"rwdd":1,
           "banner":{"w":300,"h":250},
           "video":{"mimes":["video/mp4"],"placement":1,"plcmt":2,"minduration":5,"maxduration":30},
           "pmp":{"private_auction":1,"deals":[{"id":"d1","bidfloor":3.0}]}},
          {"id":"3","instl":1,"bidfloor":9.0,"bidfloorcur":"EUR",
           "native":{"request":"{}"},"banner":{"format":[{"w":160,"h":600}]},
           "video":{"placement":3,"minduration":1,"maxduration":120}},
          {"id":"4","bidfloor":0,"audio":{"mimes":["audio/mp3"]}}
         ]}
        """);

    assertThat(signals.impCount()).isEqualTo(4);
    assertThat(signals.mediaTypes()).isEqualTo(
        MediaType.BANNER.bit() | MediaType.VIDEO.bit() | MediaType.NATIVE.bit() | MediaType.AUDIO.bit());
    assertThat(signals.has(MediaType.AUDIO)).isTrue();
    assertThat(signals.primaryFormat()).isEqualTo("multi");
    assertThat(signals.sizes()).containsExactly("300x250", "728x90", "160x600");
    assertThat(signals.primarySize()).isEqualTo("300x250");
    assertThat(signals.minFloor()).as("EUR floor and zero floor ignored").isEqualTo(0.5);
    assertThat(signals.maxFloor()).isEqualTo(2.0);
    assertThat(signals.floorCurrency()).isEqualTo("USD");
    assertThat(signals.tagId()).isEqualTo("top");
    assertThat(signals.secure()).as("first imp's").isTrue();
    assertThat(signals.videoPlacement()).as("first video imp's").isEqualTo(1);
    assertThat(signals.videoPlcmt()).isEqualTo(2);
    assertThat(signals.videoMinDuration()).isEqualTo(5);
    assertThat(signals.videoMaxDuration()).isEqualTo(30);
    assertThat(signals.rewarded()).isTrue();
    assertThat(signals.hasDeals()).isTrue();
    assertThat(signals.privateAuction()).isTrue();
    assertThat(signals.interstitial()).isTrue();
  }

  @Test
  void primarySizeIsMissingWhenTheFirstImpHasNoBannerSize() {
    RequestSignals signals = extract("""
        {"imp":[{"id":"1","video":{"w":640,"h":480}},{"id":"2","banner":{"w":300,"h":250}}]}
        """);

    assertThat(signals.primarySize()).isNull();
    assertThat(signals.sizes()).containsExactly("300x250");
    assertThat(signals.primaryFormat()).isEqualTo("multi");
  }

  @Test
  void sizesAreDistinctAndCapped() {
    StringBuilder formats = new StringBuilder();
    for (int w = 1; w <= 12; w++) {
      formats.append(w == 1 ? "" : ",").append("{\"w\":").append(w).append(",\"h\":50}");
    }
    RequestSignals signals = extract("{\"imp\":[{\"id\":\"1\",\"banner\":{\"format\":[{\"w\":1,\"h\":50},"
        + formats + "]}}]}");

    assertThat(signals.sizes()).containsExactly(
        "1x50", "2x50", "3x50", "4x50", "5x50", "6x50", "7x50", "8x50");
    assertThat(signals.sizes()).hasSize(RequestSignals.MAX_SIZES);
  }

  @Test
  void categoriesAreDistinctInOrderFromInventoryThenPublisherAndCapped() {
    assertThat(extract("""
        {"site":{"cat":["IAB1","IAB2"],"sectioncat":["IAB2","IAB3"],"pagecat":["IAB4",""],
                 "publisher":{"cat":["IAB1","IAB5"]}}}
        """).categories()).containsExactly("IAB1", "IAB2", "IAB3", "IAB4", "IAB5");
    assertThat(extract("""
        {"app":{"cat":["c1","c2","c3","c4","c5","c6"],"pagecat":["c7","c8","c9"],
                "publisher":{"cat":["c10"]}}}
        """).categories()).containsExactly("c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8");
  }

  @Test
  void localHourCrossesTheDateLineEastwardWithGeoUtcOffset() {
    // Friday 23:30 UTC is Saturday 12:30 at +13:00 (Tonga, New Zealand in summer).
    RequestSignals signals = extractor.extract(parse("""
        {"device":{"geo":{"country":"NZL","utcoffset":780}}}
        """), Instant.parse("2026-11-20T23:30:00Z"));

    assertThat(signals.localHour()).isEqualTo(12);
    assertThat(signals.localDayOfWeek()).isEqualTo(6);
    assertThat(signals.localTimeBasis()).isEqualTo(LocalTimeBasis.GEO_UTC_OFFSET);
  }

  @Test
  void localHourCrossesTheDateLineWestwardWithGeoUtcOffset() {
    // Saturday 05:00 UTC is Friday 19:00 at -10:00 (Hawaii); user.geo serves when device.geo is silent.
    RequestSignals signals = extractor.extract(parse("""
        {"device":{"geo":{"country":"USA"}},"user":{"geo":{"utcoffset":-600}}}
        """), Instant.parse("2026-11-21T05:00:00Z"));

    assertThat(signals.localHour()).isEqualTo(19);
    assertThat(signals.localDayOfWeek()).isEqualTo(5);
    assertThat(signals.localTimeBasis()).isEqualTo(LocalTimeBasis.GEO_UTC_OFFSET);
  }

  @Test
  void countryTableGivesLocalTimeWhenThereIsNoUtcOffset() {
    RequestSignals japan = extract("""
        {"device":{"geo":{"country":"jpn"}}}
        """);
    assertThat(japan.country()).isEqualTo("JPN");
    assertThat(japan.localHour()).as("13:45 UTC + 9h").isEqualTo(22);
    assertThat(japan.localDayOfWeek()).isEqualTo(5);
    assertThat(japan.localTimeBasis()).isEqualTo(LocalTimeBasis.COUNTRY_TYPICAL_OFFSET);

    RequestSignals germanyFromUserGeo = extract("""
        {"device":{"geo":{"utcoffset":100000}},"user":{"geo":{"country":"DEU","region":" by "}}}
        """);
    assertThat(germanyFromUserGeo.country()).isEqualTo("DEU");
    assertThat(germanyFromUserGeo.region()).isEqualTo("BY");
    assertThat(germanyFromUserGeo.localHour()).as("out-of-range utcoffset ignored, +1h").isEqualTo(14);
    assertThat(germanyFromUserGeo.localTimeBasis()).isEqualTo(LocalTimeBasis.COUNTRY_TYPICAL_OFFSET);

    RequestSignals iceland = extract("""
        {"device":{"geo":{"country":"ISL"}}}
        """);
    assertThat(iceland.localHour()).as("not in the table: UTC").isEqualTo(13);
    assertThat(iceland.localTimeBasis()).isEqualTo(LocalTimeBasis.UTC);
  }

  @ParameterizedTest
  @CsvSource(nullValues = "NULL", value = {
      "usa, USA",
      "US, USA",
      "' gb ', GBR",
      "XX, NULL",
      "U5A, NULL",
      "UNITED STATES, NULL"})
  void countryIsUppercaseAlpha3AndAlpha2IsConverted(String sent, String expected) {
    assertThat(extract("{\"device\":{\"geo\":{\"country\":\"" + sent + "\"}}}").country()).isEqualTo(expected);
  }

  @Test
  void ifaOfZerosIsNotCountedAsAnId() {
    assertThat(extract("""
        {"device":{"ifa":"00000000-0000-0000-0000-000000000000","lmt":1}}
        """).hasIfa()).isFalse();
    assertThat(extract("""
        {"device":{"ifa":"6D92078A-8246-4BA4-AE5B-76104861E7DC"}}
        """).hasIfa()).isTrue();
  }

  @Test
  void userIdIsBuyerUidOrUserId() {
    assertThat(extract("{\"user\":{\"buyeruid\":\"b\"}}").hasUserId()).isTrue();
    assertThat(extract("{\"user\":{\"id\":\"u\"}}").hasUserId()).isTrue();
    assertThat(extract("{\"user\":{\"id\":\" \",\"yob\":1980}}").hasUserId()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(nullValues = "NULL", value = {
      "https://www.Example.co.uk:8443/path?q=1, example.co.uk",
      "prebid.org, prebid.org",
      "WWW.PREBID.ORG/page, prebid.org",
      "//cdn.example.com/x.html, cdn.example.com",
      "http://user:pw@www.shop.example.com/, shop.example.com",
      "https://example.com./a#frag, example.com",
      "localhost:8080, localhost",
      "https://, NULL",
      "www., NULL"})
  void domainIsTheHostOfSitePageWithoutWww(String page, String expected) {
    assertThat(extract("{\"site\":{\"page\":\"" + page + "\"}}").domain()).isEqualTo(expected);
  }

  @Test
  void siteDomainWinsOverPageAndAppDomainServesApps() {
    assertThat(extract("""
        {"site":{"domain":"www.News.example","page":"https://other.example/a"}}
        """).domain()).isEqualTo("news.example");
    RequestSignals app = extract("""
        {"app":{"id":"a1","bundle":"com.example.game","domain":"game.example","publisher":{"id":"p9"}}}
        """);
    assertThat(app.domain()).isEqualTo("game.example");
    assertThat(app.bundle()).isEqualTo("com.example.game");
    assertThat(app.publisherId()).isEqualTo("p9");
    assertThat(app.siteOrAppId()).isEqualTo("a1");
  }

  @ParameterizedTest
  @CsvSource(nullValues = "NULL", value = {
      "iOS, ios", "iPadOS, ios", "Android, android", "Windows 10, windows", "Mac OS X, macos",
      "macOS, macos", "OS X, macos", "Linux, linux", "Ubuntu, linux", "KaiOS, other", "Tizen, other",
      "'  ', NULL"})
  void osIsNormalised(String sent, String expected) {
    assertThat(extract("{\"device\":{\"os\":\"" + sent + "\"}}").os()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(nullValues = "NULL", value = {"1YYN, true", "1YNN, false", "1---, NULL", "1Y, NULL"})
  void usPrivacyOptOutIsItsThirdLetter(String usPrivacy, Boolean optOut) {
    RequestSignals signals = extract("{\"regs\":{\"us_privacy\":\"" + usPrivacy + "\"}}");

    assertThat(signals.hasUsPrivacy()).isTrue();
    assertThat(signals.usPrivacyOptOut()).isEqualTo(optOut);
  }

  @Test
  void eidSourcesAreDistinctLowercasedSortedAndCapped() {
    RequestSignals signals = extract("""
        {"user":{"eids":[{"source":"b.com"},{"source":"A.com"},{"source":"b.com"},{"uids":[]}]}}
        """);
    assertThat(signals.eidSources()).containsExactly("a.com", "b.com");
    assertThat(signals.eidCount()).isEqualTo(4);

    StringBuilder many = new StringBuilder();
    for (char c = 'j'; c >= 'a'; c--) {
      many.append(c == 'j' ? "" : ",").append("{\"source\":\"").append(c).append(".com\"}");
    }
    assertThat(extract("{\"user\":{\"eids\":[" + many + "]}}").eidSources()).containsExactly(
        "a.com", "b.com", "c.com", "d.com", "e.com", "f.com", "g.com", "h.com");
  }

  @Test
  void deviceAndRegulationSignalsAreReadAsSent() {
    RequestSignals signals = extract("""
        {"test":1,"tmax":120,
         "device":{"devicetype":4,"make":" Apple ","connectiontype":2,"lmt":0,"dnt":0,
                   "geo":{"country":"FRA","region":"idf"}},
         "regs":{"coppa":1,"gdpr":1,"gpp":"DBABMA~CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA"}}
        """);

    assertThat(signals.test()).isTrue();
    assertThat(signals.tmax()).isEqualTo(120);
    assertThat(signals.deviceType()).isEqualTo(4);
    assertThat(signals.make()).isEqualTo("apple");
    assertThat(signals.connectionType()).isEqualTo(2);
    assertThat(signals.lmt()).isFalse();
    assertThat(signals.dnt()).isFalse();
    assertThat(signals.region()).isEqualTo("IDF");
    assertThat(signals.coppa()).isTrue();
    assertThat(signals.gdprApplies()).isTrue();
    assertThat(signals.hasGpp()).isTrue();
    assertThat(signals.hasConsent()).isFalse();
  }

  @Test
  void requestWithNothingGivesMissingSignals() {
    RequestSignals expected = expected().build();

    assertThat(extract("{}")).usingRecursiveComparison().isEqualTo(expected);
    assertThat(extract("""
        {"id":"x","imp":[],"device":{},"user":{"geo":{}},"regs":{},"source":{},"site":null}
        """)).usingRecursiveComparison().isEqualTo(expected);
  }

  @Test
  void oddValuesBecomeMissingSignalsWithoutAnException() {
    RequestSignals signals = extract("""
        {"device":{"devicetype":-1,"connectiontype":-3,"lmt":7,"os":"","make":"",
                   "geo":{"country":"12","utcoffset":99999}},
         "regs":{"gdpr":2,"us_privacy":""},
         "source":{"schain":{"complete":5}},
         "imp":[{"id":"1","bidfloor":-1,"banner":{"w":0,"h":250,"format":[{"w":300}]},
                 "video":{"minduration":-5}}]}
        """);

    assertThat(signals).usingRecursiveComparison().isEqualTo(expected()
        .with("impCount", 1)
        .with("mediaTypes", MediaType.BANNER.bit() | MediaType.VIDEO.bit())
        .with("primaryFormat", "multi")
        .build());
  }

  @Test
  void handBuiltRequestWithNullElementsDoesNotThrow() {
    BidRequest request = new BidRequest(null, Arrays.<Imp>asList(null, null), null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null);

    assertThat(extractor.extract(request, FRIDAY_1345_UTC).impCount()).isZero();
  }

  @Test
  void sameRequestGivesEqualSignals() throws Exception {
    byte[] json = OpenRtbCorpus.read(OpenRtbCorpus.root().resolve("valid/exemplary__all-ext.json"));
    RequestSignals first = extractor.extract(codec.parseRequest(json), FRIDAY_1345_UTC);
    RequestSignals again = new SignalExtractor().extract(codec.parseRequest(json.clone()), FRIDAY_1345_UTC);

    assertThat(again).isEqualTo(first);
    assertThat(again.hashCode()).isEqualTo(first.hashCode());
  }

  @Test
  void everyValidCorpusRequestGivesSignals() {
    List<Path> files = OpenRtbCorpus.valid();
    assertThat(files).hasSize(53);

    for (Path file : files) {
      BidRequest request = codec.parseRequest(OpenRtbCorpus.read(file));
      assertThatCode(() -> {
        RequestSignals signals = extractor.extract(request, FRIDAY_1345_UTC);
        assertThat(signals.version()).isEqualTo(RequestSignals.VERSION);
        assertThat(signals.impCount()).isEqualTo(request.imp() == null ? 0 : request.imp().size());
      }).as(file.getFileName().toString()).doesNotThrowAnyException();
    }
  }

  // ---- helpers ----

  private RequestSignals extractCorpus(String validFile) {
    return extract(OpenRtbCorpus.read(OpenRtbCorpus.root().resolve("valid").resolve(validFile)));
  }

  private RequestSignals extract(String json) {
    return extractor.extract(parse(json), FRIDAY_1345_UTC);
  }

  private RequestSignals extract(byte[] json) {
    return extractor.extract(codec.parseRequest(json), FRIDAY_1345_UTC);
  }

  private BidRequest parse(String json) {
    return codec.parseRequest(json);
  }

  /**
   * The signals of a request that says nothing, at {@link #FRIDAY_1345_UTC}; {@code with} sets the
   * ones a test expects, by component name, so each expectation lists only what is present.
   */
  private static Expected expected() {
    return new Expected()
        .with("version", RequestSignals.VERSION)
        .with("environment", Environment.UNKNOWN)
        .with("categories", List.of())
        .with("sizes", List.of())
        .with("eidSources", List.of())
        .with("localHour", 13)
        .with("localDayOfWeek", 5)
        .with("localTimeBasis", LocalTimeBasis.UTC);
  }

  private static final class Expected {
    private final Map<String, Object> values = new LinkedHashMap<>();

    Expected() {
      for (RecordComponent c : RequestSignals.class.getRecordComponents()) {
        values.put(c.getName(), c.getType() == int.class ? 0 : c.getType() == boolean.class ? false : null);
      }
    }

    Expected with(String component, Object value) {
      if (!values.containsKey(component)) {
        throw new IllegalArgumentException("RequestSignals has no component " + component);
      }
      values.put(component, value);
      return this;
    }

    RequestSignals build() {
      RecordComponent[] components = RequestSignals.class.getRecordComponents();
      Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
      try {
        return RequestSignals.class.getDeclaredConstructor(types).newInstance(values.values().toArray());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
