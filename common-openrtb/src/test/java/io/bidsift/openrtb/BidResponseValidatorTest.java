package io.bidsift.openrtb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BidResponseValidatorTest {

  private static final String REQUEST = """
      {"id":"req-1","site":{"id":"s"},"cur":["USD","EUR"],"badv":["blocked.com"],"bcat":["IAB25","IAB26"],
       "imp":[{"id":"imp-a","banner":{"w":300,"h":250},"bidfloor":1.00},
              {"id":"imp-b","banner":{"w":728,"h":90},"bidfloor":2.00,
               "pmp":{"deals":[{"id":"deal-low","bidfloor":0.50},{"id":"deal-no-floor"}]}},
              {"id":"imp-c","banner":{"w":320,"h":50},"bidfloor":5.00,"bidfloorcur":"EUR"}]}""";

  private final OpenRtbCodec codec = new OpenRtbCodec();
  private final BidResponseValidator validator = new BidResponseValidator();
  private final BidRequest request = codec.parseRequest(REQUEST);

  @Test
  void responseWithGoodBidsHasNoProblems() {
    BidResponse response = response("""
        {"id":"req-1","cur":"USD","seatbid":[{"seat":"s1","bid":[
          {"id":"b1","impid":"imp-a","price":1.00,"adomain":["fine.com"],"cat":["IAB1"]},
          {"id":"b2","impid":"imp-b","price":0.60,"dealid":"deal-low"}]}]}""");

    assertThat(validator.validate(request, response)).isEmpty();
    assertThat(validator.verdicts(request, response)).allMatch(BidVerdict::valid).hasSize(2);
  }

  @Test
  void responseIdMustEqualTheRequestId() {
    assertThat(validator.validate(request, response("{\"id\":\"other\"}")))
        .containsExactly("response.id \"other\" does not match request.id (\"req-1\")");
    assertThat(validator.validate(request, response("{\"seatbid\":[]}")))
        .containsExactly("response.id is required and must equal request.id (\"req-1\")");
  }

  @Test
  void responseCurrencyMustBeOneTheRequestAllows() {
    assertThat(validator.validate(request, response("{\"id\":\"req-1\",\"cur\":\"EUR\"}"))).isEmpty();
    assertThat(validator.validate(request, response("{\"id\":\"req-1\",\"cur\":\"GBP\"}")))
        .containsExactly("response.cur \"GBP\" is not one of request.cur [USD, EUR]");
  }

  @Test
  void withoutRequestCurrenciesOnlyUsdIsAllowedAndAnAbsentResponseCurrencyMeansUsd() {
    BidRequest usdOnly = codec.parseRequest("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":1,\"h\":1}}],\"app\":{}}");
    assertThat(validator.validate(usdOnly, response("{\"id\":\"r\"}"))).isEmpty();
    assertThat(validator.validate(usdOnly, response("{\"id\":\"r\",\"cur\":\"EUR\"}")))
        .containsExactly("response.cur \"EUR\" is not one of request.cur [USD]");
  }

  @Test
  void everyBidNeedsAnIdAnImpOfTheRequestAndAPositiveFinitePrice() {
    assertThat(validator.validate(request, response("""
        {"id":"req-1","seatbid":[{"bid":[{"impid":"imp-a","price":1.5},{"id":"b2","price":1.5},
          {"id":"b3","impid":"nope","price":1.5},{"id":"b4","impid":"imp-a"},{"id":"b5","impid":"imp-a","price":0}]}]}""")))
        .containsExactly(
            "response.seatbid[0].bid[0].id is required",
            "response.seatbid[0].bid[1].impid is required",
            "response.seatbid[0].bid[2].impid \"nope\" does not match any request.imp id",
            "response.seatbid[0].bid[3].price is required",
            "response.seatbid[0].bid[4].price must be a positive finite number, got 0.0");
  }

  @Test
  void bidBelowTheImpFloorIsAProblemAndOneAtTheFloorIsNot() {
    assertThat(validator.validate(request, response(bid("imp-a", "1.00", null)))).isEmpty();
    assertThat(validator.validate(request, response(bid("imp-a", "0.99", null))))
        .containsExactly("response.seatbid[0].bid[0].price 0.99 is below request.imp[0].bidfloor 1.0");
  }

  @Test
  void dealBidIsHeldToItsDealFloorOrToTheImpFloorWhenTheDealHasNone() {
    assertThat(validator.validate(request, response(bid("imp-b", "0.50", "deal-low")))).isEmpty();
    assertThat(validator.validate(request, response(bid("imp-b", "0.40", "deal-low"))))
        .containsExactly("response.seatbid[0].bid[0].price 0.4 is below request.imp[1].pmp.deals[0].bidfloor 0.5");
    assertThat(validator.validate(request, response(bid("imp-b", "1.00", "deal-no-floor"))))
        .containsExactly("response.seatbid[0].bid[0].price 1.0 is below request.imp[1].bidfloor 2.0");
  }

  @Test
  void floorInAnotherCurrencyIsComparedOnlyWhenTheResponseUsesIt() {
    assertThat(validator.validate(request, response(bid("imp-c", "1.00", null)))).isEmpty();
    assertThat(validator.validate(request, response(bid("imp-c", "1.00", null).replace("\"id\":\"req-1\"",
        "\"id\":\"req-1\",\"cur\":\"EUR\"")))).containsExactly(
            "response.seatbid[0].bid[0].price 1.0 is below request.imp[2].bidfloor 5.0");
  }

  @Test
  void blockedAdvertiserDomainsAndCategoriesAreProblems() {
    assertThat(validator.validate(request, response("""
        {"id":"req-1","seatbid":[{"bid":[{"id":"b","impid":"imp-a","price":2,
          "adomain":["ok.com","Blocked.COM"],"cat":["IAB1","IAB26"]}]}]}""")))
        .containsExactly(
            "response.seatbid[0].bid[0].adomain[1] \"Blocked.COM\" is blocked by request.badv",
            "response.seatbid[0].bid[0].cat[1] \"IAB26\" is blocked by request.bcat");
  }

  @Test
  void verdictsSingleOutTheBadBidsSoTheGoodOnesCanStillRun() {
    BidResponse response = response("""
        {"id":"req-1","seatbid":[
          {"seat":"s1","bid":[{"id":"good","impid":"imp-a","price":3},{"id":"low","impid":"imp-a","price":0.5}]},
          {"seat":"s2","bid":[{"id":"blocked","impid":"imp-b","price":3,"adomain":["blocked.com"]},
                              {"id":"good2","impid":"imp-b","price":2.5}]}]}""");

    List<BidVerdict> verdicts = validator.verdicts(request, response);

    assertThat(verdicts).extracting(v -> v.bid().id()).containsExactly("good", "low", "blocked", "good2");
    assertThat(verdicts).extracting(BidVerdict::seatIndex).containsExactly(0, 0, 1, 1);
    assertThat(verdicts).extracting(BidVerdict::bidIndex).containsExactly(0, 1, 0, 1);
    assertThat(verdicts).extracting(BidVerdict::valid).containsExactly(true, false, false, true);
    assertThat(verdicts.get(2).problems())
        .containsExactly("response.seatbid[1].bid[0].adomain[0] \"blocked.com\" is blocked by request.badv");
  }

  @Test
  void responseLevelProblemSpoilsEveryBidVerdict() {
    BidResponse response = response("""
        {"id":"req-1","cur":"JPY","seatbid":[{"bid":[{"id":"a","impid":"imp-a","price":3},{"id":"b","impid":"imp-a","price":3}]}]}""");

    assertThat(validator.verdicts(request, response)).allSatisfy(v -> assertThat(v.problems())
        .containsExactly("response.cur \"JPY\" is not one of request.cur [USD, EUR]"));
  }

  @Test
  void bidsAreMatchedToImpsWhenTheRequestHasManyImps() {
    StringBuilder imps = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      imps.append(i == 0 ? "" : ",").append("{\"id\":\"imp-").append(i).append("\",\"banner\":{\"w\":1,\"h\":1},\"bidfloor\":")
          .append(i).append('}');
    }
    BidRequest many = codec.parseRequest("{\"id\":\"r\",\"site\":{\"id\":\"s\"},\"imp\":[" + imps + "]}");

    assertThat(validator.validate(many, response("""
        {"id":"r","seatbid":[{"bid":[{"id":"a","impid":"imp-39","price":39},{"id":"b","impid":"imp-30","price":29},
          {"id":"c","impid":"imp-40","price":50}]}]}""")))
        .containsExactly("response.seatbid[0].bid[1].price 29.0 is below request.imp[30].bidfloor 30.0",
            "response.seatbid[0].bid[2].impid \"imp-40\" does not match any request.imp id");
  }

  private BidResponse response(String json) {
    return codec.parseResponse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String bid(String impId, String price, String dealId) {
    return "{\"id\":\"req-1\",\"seatbid\":[{\"bid\":[{\"id\":\"b\",\"impid\":\"" + impId + "\",\"price\":" + price
        + (dealId == null ? "" : ",\"dealid\":\"" + dealId + "\"") + "}]}]}";
  }
}
