package io.bidsift.filter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.filter.Fixtures;
import io.bidsift.filter.model.ServingModel;
import io.bidsift.modelsync.ModelSync;
import io.bidsift.openrtb.OpenRtbCodec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While a client sends requests without pause, promote a new version, then a corrupt one, then a
 * valid one: no request fails, the corrupt version never serves, and each valid one takes over.
 * Run against each model source ({@link LocalHotReloadUnderLoadTest}, {@link AppConfigHotReloadUnderLoadTest}).
 */
abstract class HotReloadUnderLoadContract {

  private static final String V1 = "20261201T000000Z-aaaaaa";
  private static final String V2 = "20261202T000000Z-bbbbbb";
  private static final String CORRUPT = "20261203T000000Z-cccccc";
  private static final String V4 = "20261204T000000Z-dddddd";
  private static final Pattern MODEL = Pattern.compile("\"model\":\"([^\"]+)\"");

  @TempDir
  Path tmp;

  /** The {@code bidsift.model.source} and any other properties the filter needs for this source. */
  abstract Map<String, Object> sourceProperties() throws Exception;

  /** Publishes the fixture bundle as {@code version}; {@code corrupt}: in a way the source must refuse. */
  abstract void publish(String version, boolean corrupt) throws Exception;

  @Test
  void versionsSwapUnderLoadWithoutAFailedRequestAndACorruptVersionNeverServes() throws Exception {
    Map<String, Object> properties = sourceProperties();
    publish(V1, false);
    List<byte[]> bodies = new ArrayList<>();
    OpenRtbCodec codec = new OpenRtbCodec();
    for (var request : Fixtures.requests(50, 31)) {
      bodies.add(("{\"request\":" + new String(codec.writeRequest(request), StandardCharsets.UTF_8) + "}")
          .getBytes(StandardCharsets.UTF_8));
    }
    try (RunningFilter filter = new RunningFilter((String) properties.get("bidsift.model.source"), properties)) {
      @SuppressWarnings("unchecked")
      ModelSync<ServingModel> sync = filter.bean(ModelSync.class);
      assertThat(sync.awaitModel(java.time.Duration.ofSeconds(30))).isTrue();

      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong sent = new AtomicLong();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<String> versions = new ConcurrentLinkedQueue<>();
      Thread client = new Thread(() -> {
        int i = 0;
        while (running.get()) {
          try {
            HttpResponse<String> r = filter.post("/v1/filter", bodies.get(i++ % bodies.size()));
            sent.incrementAndGet();
            Matcher m = MODEL.matcher(r.body());
            if (r.statusCode() != 200 || !m.find()) {
              failures.add(r.statusCode() + " " + r.body());
            } else if (!m.group(1).equals(versions.isEmpty() ? null : last(versions))) {
              versions.add(m.group(1));
            }
          } catch (RuntimeException e) {
            failures.add(e.toString());
          }
        }
      }, "load-client");
      client.start();

      awaitServing(versions, V1);
      publish(V2, false);
      awaitServing(versions, V2);
      long rejectsBefore = sync.counters().rejects();
      publish(CORRUPT, true);
      for (int i = 0; i < 200 && sync.counters().rejects() == rejectsBefore; i++) {
        Thread.sleep(50);
      }
      assertThat(sync.counters().rejects()).isGreaterThan(rejectsBefore);
      long afterReject = sent.get();
      while (sent.get() < afterReject + 50) {
        Thread.sleep(10);
      }
      assertThat(last(versions)).as("the last good version keeps serving").isEqualTo(V2);
      publish(V4, false);
      awaitServing(versions, V4);
      running.set(false);
      client.join();

      assertThat(failures).isEmpty();
      assertThat(sent.get()).isGreaterThan(200);
      assertThat(versions).containsExactly(V1, V2, V4);
    }
  }

  private static void awaitServing(ConcurrentLinkedQueue<String> versions, String version) throws InterruptedException {
    for (int i = 0; i < 600 && !version.equals(last(versions)); i++) {
      Thread.sleep(50);
    }
    assertThat(last(versions)).as("serving version").isEqualTo(version);
  }

  private static String last(ConcurrentLinkedQueue<String> q) {
    String last = null;
    for (String s : q) {
      last = s;
    }
    return last;
  }
}
