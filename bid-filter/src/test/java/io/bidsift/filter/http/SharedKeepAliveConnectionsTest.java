package io.bidsift.filter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route handler ({@code POST /v1/filter}) and WebFlux (actuator, admin) share each keep-alive
 * connection. A connection that stops being read after one of them answers leaves the next request
 * hanging (reactor/reactor-netty#4361, see {@code KeepAliveReadGuard}): this mixes every kind of
 * answer on a few long-lived connections and requires each one within a second.
 */
class SharedKeepAliveConnectionsTest {

  private static final int MAX_BODY = 2048;
  private static final String VALID = "{\"request\":{\"id\":\"a1\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250}}]},"
      + "\"dsps\":[\"dsp-a\",\"dsp-b\"]}";

  @TempDir
  Path tmp;

  /** One kind of request and the status it must get. */
  private record Call(String name, int status, Function<URI, HttpRequest.Builder> build, String path) {
  }

  private static final List<Call> CALLS = List.of(
      new Call("filter", 200, u -> post(u, VALID.getBytes(StandardCharsets.UTF_8)), "/v1/filter"),
      new Call("filter chunked", 200, u -> HttpRequest.newBuilder(u).POST(HttpRequest.BodyPublishers.ofInputStream(
          () -> new ByteArrayInputStream(VALID.getBytes(StandardCharsets.UTF_8)))), "/v1/filter"),
      new Call("filter not json", 400, u -> post(u, "{\"request\":".getBytes(StandardCharsets.UTF_8)), "/v1/filter"),
      new Call("filter empty", 400, u -> post(u, new byte[0]), "/v1/filter"),
      new Call("filter too large", 413, u -> post(u, new byte[MAX_BODY * 2]), "/v1/filter"),
      new Call("readiness", 503, u -> HttpRequest.newBuilder(u).GET(), "/actuator/health/readiness"),
      new Call("liveness", 200, u -> HttpRequest.newBuilder(u).GET(), "/actuator/health/liveness"),
      new Call("prometheus", 200, u -> HttpRequest.newBuilder(u).GET(), "/actuator/prometheus"),
      new Call("admin", 200, u -> HttpRequest.newBuilder(u).GET(), "/v1/shadow"));

  @Test
  void everyAnswerArrivesWithinASecondOnKeepAliveConnectionsSharedByRoutesAndWebFlux() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("models"));
    try (RunningFilter filter = new RunningFilter("local:" + empty,
        Map.of("bidsift.filter.max-body-bytes", MAX_BODY))) {
      // Each client is used by one thread at a time, so it keeps one connection; the default version
      // also sends the h2c upgrade headers the server must ignore.
      List<HttpClient> clients = List.of(
          HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
          HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
          HttpClient.newHttpClient());
      ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
      List<Thread> threads = new ArrayList<>();
      for (int c = 0; c < clients.size(); c++) {
        HttpClient client = clients.get(c);
        SplittableRandom random = new SplittableRandom(c);
        Thread thread = new Thread(() -> {
          for (int i = 0; i < 700 && problems.size() < 5; i++) {
            Call call = CALLS.get(random.nextInt(CALLS.size()));
            HttpRequest request = call.build().apply(URI.create(filter.base() + call.path()))
                .timeout(Duration.ofSeconds(1)).build();
            try {
              HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() != call.status()) {
                problems.add(call.name() + " answered " + r.statusCode() + ": " + r.body());
              }
            } catch (Exception e) {
              problems.add(call.name() + " #" + i + " on " + Thread.currentThread().getName() + ": " + e);
            }
          }
        }, "client-" + c);
        thread.start();
        threads.add(thread);
      }
      for (Thread t : threads) {
        t.join();
      }
      assertThat(problems).isEmpty();
    }
  }

  private static HttpRequest.Builder post(URI uri, byte[] body) {
    return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }
}
