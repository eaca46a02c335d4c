package io.bidsift.filter.http;

import io.bidsift.filter.BidFilterApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** The real service on a free loopback port, called over real HTTP. */
public final class RunningFilter implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public RunningFilter(String modelSource, Map<String, Object> extra) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("server.port", 0);
    props.put("server.address", "127.0.0.1");
    props.put("bidsift.model.source", modelSource);
    props.put("bidsift.model.min-poll-interval", "100ms");
    // A GC pause on a busy CI machine would shed a call and fail a test about something else;
    // shedding has tests of its own that turn it on.
    props.put("bidsift.overload.enabled", false);
    // The drain before shutdown is for clients in production; tests that close a filter need not wait.
    props.put("bidsift.shutdown.drain", "0s");
    props.putAll(extra);
    // Command-line properties outrank application.properties (default properties would not).
    context = BidFilterApplication.create()
        .run(props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
  }

  public String base() {
    return base;
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public HttpResponse<String> post(String path, byte[] body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  public HttpResponse<String> post(String path, String body) {
    return post(path, body.getBytes(StandardCharsets.UTF_8));
  }

  public HttpResponse<String> put(String path, String body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  public HttpResponse<String> delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
