package io.bidsift.filter.http;

import io.bidsift.filter.model.ModelHolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Once the server listens and a model is loaded, sends the service's own HTTP path some fifteen
 * hundred calls over loopback, then reports warm. (Each new model's predictor is warmed by
 * {@code ServingModel.load}; the rest of the path stays compiled across swaps.) Readiness waits for it: a fresh JVM answers its first
 * calls in tens of milliseconds, an auction server's budget is a few, and a circuit breaker in
 * front would keep away the very traffic that would warm it.
 */
public final class HttpPathWarmUp implements ApplicationListener<WebServerInitializedEvent> {

  private static final Logger log = LoggerFactory.getLogger(HttpPathWarmUp.class);
  private static final int CALLS = 1_500;
  private static final String SAMPLES = "/io/bidsift/filter/warm-up-requests.jsonl";

  private final ModelHolder models;
  private final List<String> sampleRequests;
  private volatile boolean warm;

  public HttpPathWarmUp(ModelHolder models) {
    this.models = models;
    this.sampleRequests = samples();
  }

  /** Representative BidRequests (JSON, one per line) from the simulated market. */
  private static List<String> samples() {
    try (InputStream in = HttpPathWarmUp.class.getResourceAsStream(SAMPLES)) {
      if (in == null) {
        throw new IllegalStateException("bid-filter is missing " + SAMPLES);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean warm() {
    return warm;
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    URI target = URI.create("http://127.0.0.1:" + event.getWebServer().getPort() + "/v1/filter");
    Thread thread = new Thread(() -> run(target), "http-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  private void run(URI target) {
    try {
      while (models.current() == null) {
        Thread.sleep(100);
      }
      long start = System.nanoTime();
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      for (int i = 0; i < CALLS; i++) {
        byte[] body = ("{\"request\":" + sampleRequests.get(i % sampleRequests.size()) + "}")
            .getBytes(StandardCharsets.UTF_8);
        client.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.discarding());
      }
      log.info("request path warmed up: {} calls in {} ms; ready", CALLS, (System.nanoTime() - start) / 1_000_000);
    } catch (IOException e) {
      log.warn("warming up the request path failed ({}); ready anyway, the first calls may be slow", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    warm = true;
  }
}
