package io.bidsift.auction;

import com.sun.net.httpserver.HttpServer;
import io.bidsift.exploration.ExplorationSlice;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the bid filter's HTTP API (contracts.md §3) on the JDK HttpServer, until the real
 * bid-filter service (written in parallel) is wired into these tests. Scores every DSP in
 * {@code skipped} 0.01 (below its 0.05 threshold) and every other 0.9; an auction in the
 * exploration slice (the shared {@link ExplorationSlice} hash) calls everyone. Its behaviour can be
 * switched to the failures the client must survive.
 */
final class FakeBidFilter implements AutoCloseable {

  enum Mode { OK, HTTP500, SLOW, GARBAGE }

  private static final Pattern ID = Pattern.compile("\"request\":\\{\"id\":\"([^\"]*)\"");
  private static final Pattern DSPS = Pattern.compile("\"dsps\":\\[([^\\]]*)\\]");

  final AtomicInteger calls = new AtomicInteger();
  private final HttpServer server;
  private final Set<String> skipped;
  private final ExplorationSlice slice;
  private volatile Mode mode = Mode.OK;

  FakeBidFilter(Set<String> skipped, double explorationRate) throws IOException {
    this.skipped = skipped;
    this.slice = new ExplorationSlice(explorationRate);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/v1/filter", exchange -> {
      calls.incrementAndGet();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Mode m = mode;
      if (m == Mode.SLOW) {
        sleep(300);
      }
      int status = m == Mode.HTTP500 ? 500 : 200;
      byte[] answer = (m == Mode.GARBAGE ? "{\"decisions\": 42" : decide(body)).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void mode(Mode m) {
    mode = m;
  }

  boolean explores(String requestId) {
    return slice.contains(requestId);
  }

  private String decide(String body) {
    Matcher id = ID.matcher(body);
    Matcher dsps = DSPS.matcher(body);
    if (!id.find() || !dsps.find()) {
      return "{\"errors\":[\"bad\"]}";
    }
    boolean explore = slice.contains(id.group(1));
    StringBuilder out = new StringBuilder("{\"model\":\"fake-1\",\"decisions\":[");
    List<String> ids = List.of(dsps.group(1).replace("\"", "").split(","));
    for (int i = 0; i < ids.size(); i++) {
      String dsp = ids.get(i);
      double score = skipped.contains(dsp) ? 0.01 : 0.9;
      boolean call = score >= 0.05 || explore;
      out.append(i == 0 ? "" : ",").append("{\"dsp\":\"").append(dsp).append("\",\"score\":").append(score)
          .append(",\"threshold\":0.05,\"call\":").append(call).append(",\"explore\":").append(explore).append('}');
    }
    return out.append("]}").toString();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
