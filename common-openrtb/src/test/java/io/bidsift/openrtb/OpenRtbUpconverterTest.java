package io.bidsift.openrtb;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.testsupport.OpenRtbCorpus;
import io.bidsift.json.JsonBoolean;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonString;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenRtbUpconverterTest {

  private final OpenRtbCodec codec = new OpenRtbCodec();
  private final OpenRtbUpconverter upconverter = new OpenRtbUpconverter(codec);

  @Test
  void prebidUpconvertSampleBecomesTheSameRequestWrittenIn26() {
    BidRequest converted = upconverter.upconvert(codec.parseRequest(
        OpenRtbCorpus.read(OpenRtbCorpus.root().resolve("valid/exemplary__ortb-2.5-to-2.6-upconvert.json"))));

    BidRequest expected = codec.parseRequest("""
        {"id":"some-request-id","site":{"page":"prebid.org"},
         "imp":[{"id":"some-impression-id","banner":{"format":[{"w":300,"h":600}]},"rwdd":1,
                 "ext":{"prebid":{"bidder":{"appnexus":{"placementId":12883451},
                                            "rubicon":{"accountId":1,"siteId":2,"zoneId":3}}}}}],
         "regs":{"gdpr":1,"us_privacy":"1YYY"},
         "user":{"consent":"some-consent-string",
                 "eids":[{"source":"source","uids":[{"id":"1","atype":1,"ext":{}},{"id":"1","atype":1,"ext":{}}],"ext":{}}]},
         "source":{"schain":{"complete":1,"nodes":[{"asi":"whatever.com","sid":"1234","rid":"123-456-7890","hp":1}],"ver":"2.0"}},
         "ext":{}}""");
    assertThat(converted).isEqualTo(expected);
    assertThat(converted.user().eids().get(0).uids()).extracting(Uid::atype).containsExactly(1, 1);
    assertThat(converted.source().schain().nodes().get(0).asi()).isEqualTo("whatever.com");
  }

  @Test
  void convertedRequestSurvivesAWriteAndReadBack() {
    BidRequest converted = upconverter.upconvert(codec.parseRequest(
        OpenRtbCorpus.read(OpenRtbCorpus.root().resolve("valid/exemplary__ortb-2.5-to-2.6-upconvert.json"))));
    assertThat(codec.parseRequest(codec.writeRequest(converted))).isEqualTo(converted);
  }

  @Test
  void valueAlreadyIn26PlaceWinsAndTheExtCopyIsRemoved() {
    BidRequest converted = upconverter.upconvert(codec.parseRequest("""
        {"id":"r","regs":{"gdpr":0,"us_privacy":"1NNN","gpp":"new","gpp_sid":[7],
                          "ext":{"gdpr":1,"us_privacy":"1YYY","gpp":"old","gpp_sid":[2,6]}},
         "user":{"consent":"new-consent","eids":[{"source":"new.com"}],
                 "ext":{"consent":"old-consent","eids":[{"source":"old.com"}],"keep":true}},
         "source":{"schain":{"complete":0,"nodes":[],"ver":"1.0"},"ext":{"schain":{"complete":1,"nodes":[],"ver":"1.0"}}},
         "imp":[{"id":"1","rwdd":0,"ext":{"prebid":{"is_rewarded_inventory":1,"bidder":{}}}}]}"""));

    assertThat(converted.regs()).isEqualTo(new Regs(null, 0, "1NNN", "new", List.of(7), null, null));
    assertThat(converted.user().consent()).isEqualTo("new-consent");
    assertThat(converted.user().eids()).extracting(Eid::source).containsExactly("new.com");
    assertThat(converted.user().ext()).isEqualTo(new JsonObject(Map.of("keep", JsonBoolean.TRUE)));
    assertThat(converted.source().schain().complete()).isZero();
    assertThat(converted.source().ext()).isNull();
    assertThat(converted.imp().get(0).rwdd()).isZero();
    assertThat(codec.writeRequestAsString(converted)).contains("\"ext\":{\"prebid\":{\"bidder\":{}}}")
        .doesNotContain("is_rewarded_inventory", "old-consent", "old.com", "1YYY");
  }

  @Test
  void extValuesOfTheWrongTypeStayInExtAndTheRequestIsReturnedAsIs() {
    BidRequest request = codec.parseRequest("""
        {"id":"r","regs":{"ext":{"gdpr":"1","us_privacy":1,"gpp":["x"],"gpp_sid":["2"]}},
         "user":{"ext":{"consent":{"v":1},"eids":[{"source":1}]}},
         "source":{"ext":{"schain":[]}},
         "imp":[{"id":"1","ext":{"prebid":{"is_rewarded_inventory":true}}},
                {"id":"2","ext":{"prebid":{"is_rewarded_inventory":1.5}}}]}""");

    assertThat(upconverter.upconvert(request)).isSameAs(request);
  }

  @Test
  void eidsStayInExtWhenOneOfThemDoesNotFitTheEidShape() {
    BidRequest converted = upconverter.upconvert(codec.parseRequest("""
        {"id":"r","user":{"ext":{"consent":"c","eids":[{"source":"a.com"},"not-an-object"]}}}"""));

    assertThat(converted.user().consent()).isEqualTo("c");
    assertThat(converted.user().eids()).isNull();
    assertThat(converted.user().ext().has("eids")).isTrue();
    assertThat(converted.user().ext().has("consent")).isFalse();
  }

  @Test
  void requestWithNothingToMoveIsReturnedAsTheSameInstance() {
    BidRequest request = codec.parseRequest(
        OpenRtbCorpus.read(OpenRtbCorpus.root().resolve("valid/supplementary__gdpr-conflict.json")));

    assertThat(upconverter.upconvert(request)).isSameAs(request);
  }

  @Test
  void extEmptiedByMovingIsDroppedButOtherMembersAndArrivedEmptyExtsAreKept() {
    BidRequest converted = upconverter.upconvert(codec.parseRequest("""
        {"id":"r","ext":{},"regs":{"ext":{"gdpr":1,"gpp":"g","gpp_sid":[2,6],"other":"x"}},
         "user":{"ext":{"consent":"c"}},
         "imp":[{"id":"1","ext":{"prebid":{"is_rewarded_inventory":1}}},
                {"id":"2","ext":{"prebid":{"is_rewarded_inventory":0},"bidder":{"p":1}}},
                {"id":"3"}]}"""));

    assertThat(converted.regs()).isEqualTo(new Regs(null, 1, null, "g", List.of(2, 6),
        new JsonObject(Map.of("other", new JsonString("x"))), null));
    assertThat(converted.user().ext()).isNull();
    assertThat(converted.ext()).isEqualTo(JsonObject.EMPTY);
    assertThat(converted.imp()).extracting(Imp::rwdd).containsExactly(1, 0, null);
    assertThat(converted.imp().get(0).ext()).isNull();
    assertThat(converted.imp().get(1).ext().has("prebid")).isFalse();
    assertThat(converted.imp().get(1).ext().has("bidder")).isTrue();
  }

  @Test
  void impsWithNothingToMoveAreKeptAsTheSameInstances() {
    BidRequest request = codec.parseRequest("""
        {"id":"r","imp":[{"id":"1","banner":{"w":1,"h":1}},{"id":"2","ext":{"prebid":{"is_rewarded_inventory":1}}}]}""");

    BidRequest converted = upconverter.upconvert(request);

    assertThat(converted.imp().get(0)).isSameAs(request.imp().get(0));
    assertThat(converted.imp().get(1).rwdd()).isEqualTo(1);
  }
}
