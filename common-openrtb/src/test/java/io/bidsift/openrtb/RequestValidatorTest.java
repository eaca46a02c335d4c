package io.bidsift.openrtb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules the shared corpus does not exercise; the corpus cases are in {@link OpenRtbCorpusTest}. */
class RequestValidatorTest {

  private final OpenRtbCodec codec = new OpenRtbCodec();
  private final RequestValidator validator = new RequestValidator();

  @Test
  void requestUsingEveryCheckedFieldCorrectlyHasNoProblems() {
    assertThat(problems("""
        {"id":"r","at":1,"test":0,"tmax":0,"cur":["USD"],
         "imp":[{"id":"1","bidfloor":0.5,"banner":{"format":[{"w":300,"h":250},{"wmin":300,"wratio":16,"hratio":9}]},
                 "pmp":{"deals":[{"id":"d1","bidfloor":0}]}},
                {"id":"2","video":{"mimes":["video/mp4"],"w":640,"h":480,"minbitrate":300,"maxbitrate":1500,"sequence":1,"maxseq":3}},
                {"id":"3","audio":{"mimes":["audio/mp4"],"minbitrate":32,"maxbitrate":128,"sequence":1,"maxseq":2}},
                {"id":"4","native":{"request":"{}"}}],
         "app":{"id":"a"},
         "device":{"devicetype":8,"connectiontype":0,"w":1080,"h":1920,"ppi":400,"geo":{"lat":-90,"lon":180,"accuracy":5}},
         "user":{"geo":{"accuracy":0}},
         "regs":{"gdpr":1,"coppa":0}}""")).isEmpty();
  }

  @Test
  void everyProblemIsListedNotOnlyTheFirst() {
    assertThat(problems("""
        {"id":"r","imp":[{"id":"1","banner":{"w":300,"h":-250},"bidfloor":-1}],"site":{"page":"p"},"regs":{"coppa":2}}"""))
        .containsExactly(
            "request.imp[0].banner.h must be a positive number",
            "request.imp[0].bidfloor must be a non-negative finite number, got -1.0",
            "request.regs.coppa must be either 0 or 1, got 2");
  }

  @Test
  void impsCompletedByAPrebidStoredRequestAreNotHeldToWhatTheStoredPartSupplies() {
    String stored = "{\"id\":\"%s\",\"ext\":{\"prebid\":{\"storedrequest\":{\"id\":\"1\"}}}}";
    assertThat(problems("{\"id\":\"r\",\"imp\":[" + stored.formatted("1") + "]}")).isEmpty();
    // Only imps that reference a stored request are exempt, and only then may site/app/dooh be absent.
    assertThat(problems("{\"id\":\"r\",\"imp\":[" + stored.formatted("1") + ",{\"id\":\"2\"}]}"))
        .containsExactly(
            "request.imp[1] must contain at least one of banner, video, audio or native",
            "request.site, request.app or request.dooh is required (exactly one of them)");
  }

  @Test
  void requestAndImpIdsAreRequired() {
    assertThat(problems("""
        {"imp":[{"banner":{"w":1,"h":1}},{"id":"","banner":{"w":1,"h":1}}],"site":{"id":"s"}}"""))
        .containsExactly("request.id is required", "request.imp[0].id is required", "request.imp[1].id is required");
  }

  @Test
  void coppaAndGdprMustBeZeroOrOne() {
    assertThat(problems(withRegs("{\"coppa\":1,\"gdpr\":0}"))).isEmpty();
    assertThat(problems(withRegs("{\"coppa\":-1,\"gdpr\":2}"))).containsExactly(
        "request.regs.gdpr must be either 0 or 1, got 2",
        "request.regs.coppa must be either 0 or 1, got -1");
  }

  @Test
  void auctionTypeMustBeFirstOrSecondPriceWhenGiven() {
    assertThat(problems(minimal("\"at\":1"))).isEmpty();
    assertThat(problems(minimal("\"at\":2"))).isEmpty();
    assertThat(problems(minimal("\"at\":3"))).containsExactly("request.at must be 1 (first price) or 2 (second price), got 3");
    assertThat(problems(minimal("\"at\":0"))).hasSize(1);
  }

  @Test
  void testFlagMustBeZeroOrOne() {
    assertThat(problems(minimal("\"test\":1"))).isEmpty();
    assertThat(problems(minimal("\"test\":2"))).containsExactly("request.test must be either 0 or 1, got 2");
  }

  @Test
  void tmaxMayBeZeroButNotNegative() {
    assertThat(problems(minimal("\"tmax\":0"))).isEmpty();
    assertThat(problems(minimal("\"tmax\":-1"))).containsExactly("request.tmax must not be negative, got -1");
  }

  @Test
  void bidfloorMustBeNonNegativeAndFinite() {
    BidRequest request = codec.parseRequest(minimal("\"tmax\":100"));
    assertThat(validator.validate(withBidfloor(request, 0.0))).isEmpty();
    assertThat(validator.validate(withBidfloor(request, -0.01)))
        .containsExactly("request.imp[0].bidfloor must be a non-negative finite number, got -0.01");
    assertThat(validator.validate(withBidfloor(request, Double.NaN)))
        .containsExactly("request.imp[0].bidfloor must be a non-negative finite number, got NaN");
    assertThat(validator.validate(withBidfloor(request, Double.POSITIVE_INFINITY)))
        .containsExactly("request.imp[0].bidfloor must be a non-negative finite number, got Infinity");
  }

  @Test
  void dealsNeedAnIdAndANonNegativeFloor() {
    assertThat(problems("""
        {"id":"r","imp":[{"id":"1","banner":{"w":1,"h":1},"pmp":{"deals":[{"id":"ok"},{"bidfloor":-2}]}}],"site":{"id":"s"}}"""))
        .containsExactly("request.imp[0].pmp.deals[1].id is required",
            "request.imp[0].pmp.deals[1].bidfloor must be a non-negative finite number, got -2.0");
  }

  @Test
  void deviceTypeAndConnectionTypeMustBeInTheOpenRtbLists() {
    assertThat(problems(withDevice("{\"devicetype\":1,\"connectiontype\":7}"))).isEmpty();
    assertThat(problems(withDevice("{\"devicetype\":0,\"connectiontype\":8}"))).containsExactly(
        "request.device.devicetype must be between 1 and 8, got 0",
        "request.device.connectiontype must be between 0 and 7, got 8");
    assertThat(problems(withDevice("{\"devicetype\":9,\"connectiontype\":-1}"))).hasSize(2);
  }

  @Test
  void zeroMeansUnknownForDeviceAndVideoSizesWhileNegativeIsAProblem() {
    assertThat(problems("""
        {"id":"r","imp":[{"id":"1","video":{"mimes":["video/mp4"],"w":0,"h":0,"minbitrate":0}}],"site":{"id":"s"},
         "device":{"w":0,"h":0,"ppi":0,"geo":{"accuracy":0}}}""")).isEmpty();
    assertThat(problems("""
        {"id":"r","imp":[{"id":"1","video":{"mimes":["video/mp4"],"sequence":-1,"maxseq":-1}}],"site":{"id":"s"}}"""))
        .containsExactly("request.imp[0].video.sequence must be a positive number",
            "request.imp[0].video.maxseq must be a positive number");
  }

  @Test
  void outOfRangeLatitudeAndLongitudeDoNotRejectTheAuction() {
    assertThat(problems(withDevice("{\"geo\":{\"lat\":123.456,\"lon\":678.9}}"))).isEmpty();
  }

  @Test
  void duplicateImpIdsAreFoundAmongAFewImpsAndAmongMany() {
    assertThat(problems(withImps(3, 2, 0))).containsExactly(
        "request.imp[2].id duplicates request.imp[0].id (\"imp-0\"); imp ids must be unique");
    assertThat(problems(withImps(40, 35, 3))).containsExactly(
        "request.imp[35].id duplicates request.imp[3].id (\"imp-3\"); imp ids must be unique");
  }

  @Test
  void interstitialBannerMayLeaveOutItsSizeButOtherBannersMayNot() {
    assertThat(problems("""
        {"id":"r","imp":[{"id":"1","instl":1,"banner":{}}],"site":{"id":"s"}}""")).isEmpty();
    assertThat(problems("""
        {"id":"r","imp":[{"id":"1","instl":0,"banner":{"w":0,"h":0}}],"site":{"id":"s"}}"""))
        .containsExactly("request.imp[0].banner has no sizes: define w and h, or format entries");
  }

  @Test
  void formatEntryIsEitherAFixedOrAFlexibleSizeAndComplete() {
    assertThat(problems(withFormats("{\"w\":300,\"h\":250,\"wmin\":100,\"wratio\":1,\"hratio\":1}")))
        .containsExactly("request.imp[0].banner.format[0] must define either {w, h} or {wmin, wratio, hratio},"
            + " not both; send two format entries for both");
    assertThat(problems(withFormats("{\"w\":0,\"h\":0}")))
        .containsExactly("request.imp[0].banner.format[0] must define either non-zero {w, h} or non-zero {wmin, wratio, hratio}");
    assertThat(problems(withFormats("{\"w\":300,\"h\":250},{\"wmin\":100,\"hratio\":1}")))
        .containsExactly("request.imp[0].banner.format[1] must define non-zero wmin, wratio and hratio");
  }

  @Test
  void atMostOneOfSiteAppAndDoohIsAllowed() {
    assertThat(problems("""
        {"id":"r","imp":[{"id":"1","banner":{"w":1,"h":1}}],"site":{"id":"s"},"app":{},"dooh":{}}"""))
        .containsExactly("request.site and request.app and request.dooh are set together;"
            + " at most one of site, app or dooh is allowed");
    assertThat(problems("""
        {"id":"r","imp":[{"id":"1","banner":{"w":1,"h":1}}],"app":{},"dooh":{}}"""))
        .containsExactly("request.app and request.dooh are set together; at most one of site, app or dooh is allowed");
  }

  @Test
  void userGeoAccuracyMustNotBeNegative() {
    assertThat(problems(minimal("\"user\":{\"geo\":{\"accuracy\":-3}}")))
        .containsExactly("request.user.geo.accuracy must be a positive number");
  }

  private List<String> problems(String json) {
    return validator.validate(codec.parseRequest(json));
  }

  private static String minimal(String extraMembers) {
    return "{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250}}],\"site\":{\"id\":\"s\"},"
        + extraMembers + "}";
  }

  private static String withRegs(String regs) {
    return minimal("\"regs\":" + regs);
  }

  private static String withDevice(String device) {
    return minimal("\"device\":" + device);
  }

  private static String withFormats(String formats) {
    return "{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"banner\":{\"format\":[" + formats + "]}}],\"app\":{\"id\":\"a\"}}";
  }

  /** {@code count} banner imps with ids imp-0, imp-1, ...; imp {@code copy} reuses the id of imp {@code original}. */
  private static String withImps(int count, int copy, int original) {
    List<String> imps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      imps.add("{\"id\":\"imp-" + (i == copy ? original : i) + "\",\"banner\":{\"w\":1,\"h\":1}}");
    }
    return "{\"id\":\"r\",\"imp\":[" + String.join(",", imps) + "],\"site\":{\"id\":\"s\"}}";
  }

  /** JSON cannot carry NaN or infinity, but a request built in code can. */
  private static BidRequest withBidfloor(BidRequest r, Double floor) {
    Imp i = r.imp().get(0);
    Imp imp = new Imp(i.id(), i.metric(), i.banner(), i.video(), i.audio(), i.nativeAd(), i.pmp(),
        i.displaymanager(), i.displaymanagerver(), i.instl(), i.tagid(), floor, i.bidfloorcur(),
        i.clickbrowser(), i.secure(), i.iframebuster(), i.rwdd(), i.ssai(), i.exp(), i.qty(), i.dt(),
        i.refresh(), i.ext(), i.unknown());
    return new BidRequest(r.id(), List.of(imp), r.site(), r.app(), r.dooh(), r.device(), r.user(), r.test(),
        r.at(), r.tmax(), r.wseat(), r.bseat(), r.allimps(), r.cur(), r.wlang(), r.wlangb(), r.bcat(),
        r.cattax(), r.badv(), r.bapp(), r.source(), r.regs(), r.ext(), r.unknown());
  }
}
