package io.bidsift.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.sun.net.httpserver.HttpServer;
import io.bidsift.json.JsonArray;
import io.bidsift.json.JsonLimits;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonString;
import io.bidsift.json.JsonSupport;
import io.bidsift.json.JsonValue;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.simulator.market.DspConfig;
import io.bidsift.simulator.market.MarketLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./bidsift traffic} end to end against the JDK's own HTTP server, which records what arrives on
 * the wire (the bid-filter service does not exist yet, and the DSP fleet only takes bare bid requests).
 */
class TrafficCommandTest {

  private final Queue<byte[]> received = new ConcurrentLinkedQueue<>();
  private HttpServer server;

  @BeforeEach
  void startRecordingServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      received.add(exchange.getRequestBody().readAllBytes());
      byte[] answer = "{\"model\":null,\"decisions\":[]}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void wrapFilterPostsTheBidFilterRequestWithTheMarketsFirstDspIds() throws IOException {
    Run run = run("--target", url("/v1/filter"), "--rate", "40", "--duration", "1", "--wrap", "filter", "--dsps", "3",
        "--connections", "4");

    assertThat(run.code).as(run.err).isZero();
    assertThat(run.out).contains("status: 200=40").contains("timeouts: 0");
    List<String> firstThree = MarketLoader.defaultMarket().dsps().stream().map(DspConfig::id).limit(3).toList();
    assertThat(received).hasSize(40);
    for (byte[] body : received) {
      JsonObject json = parse(body);
      assertThat(json.members().keySet()).containsExactly("request", "dsps");
      assertThat(((JsonArray) json.get("dsps")).elements()).map(v -> ((JsonString) v).value()).isEqualTo(firstThree);
      BidRequest request = new OpenRtbCodec().parseRequest(toJson(json.object("request")));
      assertThat(request.imp()).isNotEmpty();
    }
  }

  @Test
  void defaultBodyIsTheBareBidRequest() {
    Run run = run("--target", url("/openrtb2/auction"), "--rate", "20", "--duration", "1");

    assertThat(run.code).as(run.err).isZero();
    assertThat(received).hasSize(20);
    OpenRtbCodec codec = new OpenRtbCodec();
    for (byte[] body : received) {
      assertThat(codec.parseRequest(body).imp()).isNotEmpty();
    }
  }

  @Test
  void reportFileHoldsTheSameCountsAsTheSummaryAsJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws IOException {
    java.nio.file.Path file = tmp.resolve("report.json");
    Run run = run("--target", url("/openrtb2/auction"), "--rate", "20", "--duration", "1", "--report", file.toString());

    assertThat(run.code).as(run.err).isZero();
    JsonObject report = parse(java.nio.file.Files.readAllBytes(file));
    assertThat(report.get("sent")).hasToString(new io.bidsift.json.JsonNumber("20").toString());
    assertThat(((JsonObject) report.get("status")).get("200")).hasToString(new io.bidsift.json.JsonNumber("20").toString());
    assertThat(((JsonObject) report.get("latency_ms")).members().keySet()).containsExactly("p50", "p90", "p99", "p999", "max");
  }

  @Test
  void dspsWithoutWrapFilterIsACommandLineError() {
    Run run = run("--target", url("/"), "--dsps", "3");

    assertThat(run.code).isEqualTo(2);
    assertThat(run.err).contains("--dsps goes with --wrap filter");
    assertThat(received).isEmpty();
  }

  @Test
  void helpNamesThePoolAndBodyOptions() {
    Run run = run("--help");

    assertThat(run.code).isZero();
    assertThat(run.out).contains("--target").contains("--rate").contains("--duration").contains("--connections")
        .contains("--timeout-ms").contains("--wrap").contains("--dsps");
  }

  private record Run(int code, String out, String err) {
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = TrafficCommand.run(args, new PrintStream(out, true), new PrintStream(err, true));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static byte[] toJson(JsonValue value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = new JsonSupport(JsonLimits.REQUEST).factory().createGenerator(out)) {
      JsonSupport.writeTree(g, value);
    }
    return out.toByteArray();
  }

  private static JsonObject parse(byte[] body) throws IOException {
    try (JsonParser p = new JsonSupport(JsonLimits.REQUEST).parser(body, 0, body.length)) {
      p.nextToken();
      return (JsonObject) JsonSupport.readTree(p);
    }
  }
}
