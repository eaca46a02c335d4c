package io.bidsift.filter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.bundle.JsonTrees;
import io.bidsift.testsupport.OpenRtbCorpus;
import io.bidsift.filter.Fixtures;
import io.bidsift.json.JsonArray;
import io.bidsift.json.JsonBoolean;
import io.bidsift.json.JsonNull;
import io.bidsift.json.JsonNumber;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonString;
import io.bidsift.json.JsonValue;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.testsupport.FixtureBundle;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** contracts.md §3 over real HTTP, with the fixture bundle loaded from a local directory. */
class FilterApiContractTest {

  private static RunningFilter filter;
  private static final OpenRtbCodec CODEC = new OpenRtbCodec();

  @BeforeAll
  static void start(@TempDir Path tmp) throws InterruptedException {
    filter = new RunningFilter("local:" + FixtureBundle.copyTo(tmp.resolve("bundle")), Map.of());
    awaitModel(filter);
  }

  static void awaitModel(RunningFilter f) throws InterruptedException {
    // Readiness turns 200 once the model is loaded and the request path warmed up.
    for (int i = 0; i < 1200 && f.get("/actuator/health/readiness").statusCode() != 200; i++) {
      Thread.sleep(50);
    }
  }

  @AfterAll
  static void stop() {
    filter.close();
  }

  private static String call(String dsps) {
    String request = new String(CODEC.writeRequest(Fixtures.requests(1, 23).get(0)), StandardCharsets.UTF_8);
    return "{\"request\":" + request + (dsps == null ? "" : ",\"dsps\":" + dsps) + ",\"ts\":\"2026-11-05T12:00:00.000Z\"}";
  }

  private static JsonObject json(HttpResponse<String> r) {
    return JsonTrees.parseObject(r.body().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void answersEachAskedDspWithScoreThresholdCallAndExplore() {
    HttpResponse<String> r = filter.post("/v1/filter", call("[\"dsp-atlas\",\"dsp-flux\",\"dsp-unknown\"]"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonObject body = json(r);
    assertThat(body.get("model")).isEqualTo(new JsonString(FixtureBundle.VERSION));
    JsonArray decisions = (JsonArray) body.get("decisions");
    assertThat(decisions.elements()).hasSize(3);
    JsonObject atlas = (JsonObject) decisions.elements().get(0);
    assertThat(atlas.get("dsp")).isEqualTo(new JsonString("dsp-atlas"));
    assertThat(atlas.get("score")).isInstanceOf(JsonNumber.class);
    assertThat(atlas.get("threshold")).isInstanceOf(JsonNumber.class);
    assertThat(atlas.get("call")).isInstanceOf(JsonBoolean.class);
    assertThat(atlas.get("explore")).isInstanceOf(JsonBoolean.class);
    double score = Double.parseDouble(((JsonNumber) atlas.get("score")).text());
    double threshold = Double.parseDouble(((JsonNumber) atlas.get("threshold")).text());
    assertThat(atlas.get("call")).isEqualTo(JsonBoolean.of(score >= threshold || atlas.get("explore") == JsonBoolean.of(true)));
    JsonObject unknown = (JsonObject) decisions.elements().get(2);
    assertThat(unknown.get("score")).isEqualTo(JsonNull.INSTANCE);
    assertThat(unknown.get("call")).isEqualTo(JsonBoolean.of(true));
  }

  @Test
  void withoutDspsEveryDspTheModelKnowsIsAnswered() {
    JsonArray decisions = (JsonArray) json(filter.post("/v1/filter", call(null))).get("decisions");
    assertThat(decisions.elements()).hasSize(13);
  }

  @Test
  void badInputIs400WithErrorsNeverA5xx() {
    for (String bad : new String[] {"not json", "", "{\"dsps\":[]}", "{\"request\":[]}", "{\"request\":1}",
        "{\"request\":{\"id\":\"x\",\"imp\":{}}}", "[]", "{\"request\":{\"id\":\"x\"},\"dsps\":[1]}"}) {
      HttpResponse<String> r = filter.post("/v1/filter", bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      JsonValue errors = json(r).get("errors");
      assertThat(errors).as(bad).isInstanceOf(JsonArray.class);
      assertThat(((JsonArray) errors).elements()).as(bad).isNotEmpty();
    }
  }

  @Test
  void anOversizedBodyIs413() {
    byte[] big = new byte[600 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    HttpResponse<String> r = filter.post("/v1/filter", big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("errors");
  }

  @Test
  void everyPublicSampleRequestIsScoredAndNoneCausesA5xx() {
    for (Path file : OpenRtbCorpus.valid()) {
      String body = "{\"request\":" + new String(OpenRtbCorpus.read(file), StandardCharsets.UTF_8) + "}";
      HttpResponse<String> r = filter.post("/v1/filter", body);
      assertThat(r.statusCode()).as(file.toString()).isEqualTo(200);
      assertThat(json(r).get("model")).as(file.toString()).isEqualTo(new JsonString(FixtureBundle.VERSION));
    }
    for (Path file : OpenRtbCorpus.invalid()) {
      String body = "{\"request\":" + new String(OpenRtbCorpus.read(file), StandardCharsets.UTF_8) + "}";
      assertThat(filter.post("/v1/filter", body).statusCode()).as(file.toString()).isIn(200, 400);
    }
  }

  @Test
  void readinessIsUpWithTheLoadedModelVersion() {
    HttpResponse<String> r = filter.get("/actuator/health/readiness");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"UP\"");
    assertThat(filter.get("/actuator/health").body()).contains(FixtureBundle.VERSION);
  }

  @Test
  void prometheusExposesDecisionsScoresAndTheModelLifecycle() {
    filter.post("/v1/filter", call("[\"dsp-atlas\",\"dsp-nobody\"]"));
    String metrics = filter.get("/actuator/prometheus").body();
    assertThat(metrics).contains("bidsift_filter_decisions_total{", "dsp=\"dsp-atlas\"", "dsp=\"unknown\"",
        "bidsift_filter_score_bucket", "bidsift_filter_decide_seconds", "bidsift_model_loaded{service=\"bid-filter\"} 1.0",
        "bidsift_model_swaps_total", "bidsift_model_rejects_total{", "bidsift_filter_requests_total{",
        "status=\"200\"");
  }

  @Test
  void theTargetRecallCanBeMovedAtRuntimeAndReset() {
    JsonObject bundle = json(filter.get("/v1/target-recall"));
    assertThat(bundle.get("source")).isEqualTo(new JsonString("bundle"));
    double bundleThreshold = threshold(bundle, "dsp-atlas");
    try {
      HttpResponse<String> set = filter.put("/v1/target-recall", "{\"target_recall\":0.99}");
      assertThat(set.statusCode()).isEqualTo(200);
      assertThat(threshold(json(set), "dsp-atlas")).isLessThan(bundleThreshold);
      assertThat(filter.put("/v1/target-recall", "{\"target_recall\":7}").statusCode()).isEqualTo(400);
    } finally {
      assertThat(threshold(json(filter.delete("/v1/target-recall")), "dsp-atlas")).isEqualTo(bundleThreshold);
    }
  }

  @Test
  void shadowModeCanBeSwitchedAtRuntimeAndThenCallsEveryDsp() {
    try {
      assertThat(filter.put("/v1/shadow", "{\"shadow\":true}").body()).isEqualTo("{\"shadow\":true}");
      JsonObject body = json(filter.post("/v1/filter", call(null)));
      assertThat(body.get("shadow")).isEqualTo(JsonBoolean.of(true));
      assertThat(((JsonArray) body.get("decisions")).elements())
          .allSatisfy(d -> assertThat(((JsonObject) d).get("call")).isEqualTo(JsonBoolean.of(true)))
          .anySatisfy(d -> assertThat(((JsonObject) d).get("model_call")).isEqualTo(JsonBoolean.of(false)));
      assertThat(filter.put("/v1/shadow", "{\"shadow\":\"yes\"}").statusCode()).isEqualTo(400);
    } finally {
      filter.put("/v1/shadow", "{\"shadow\":false}");
    }
    assertThat(json(filter.post("/v1/filter", call(null))).get("shadow")).isNull();
  }

  private static double threshold(JsonObject body, String dsp) {
    return Double.parseDouble(((JsonNumber) ((JsonObject) body.get("thresholds")).get(dsp)).text());
  }
}
