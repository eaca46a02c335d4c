package io.bidsift.filter.http;

import io.bidsift.exploration.ExplorationSlice;
import io.bidsift.filter.decide.AuctionFilter;
import io.bidsift.filter.decide.FilterMetrics;
import io.bidsift.filter.decide.FilterResult;
import io.bidsift.filter.decide.OperatingPoint;
import io.bidsift.filter.model.ServingModel;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.openrtb.OpenRtbUpconverter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a new model through the whole request path (read the call, decide every DSP, write the
 * answer) a few thousand times before it is swapped in. A fresh JVM interprets that path at first
 * and answers in tens of milliseconds: over an auction server's few-millisecond budget, so every
 * call would fail open until the JIT caught up, and a circuit breaker in front would keep the
 * traffic that warms it away.
 */
public final class RequestPathWarmUp {

  private static final String SAMPLES = "/io/bidsift/filter/warm-up-requests.jsonl";
  private static final int CALLS = 5_000;

  private final FilterCallReader reader;
  private final FilterResultWriter writer;
  private final OpenRtbCodec codec;
  private final List<String> sampleRequests;

  public RequestPathWarmUp(OpenRtbCodec codec, FilterCallReader reader, FilterResultWriter writer) {
    this.codec = codec;
    this.reader = reader;
    this.writer = writer;
    this.sampleRequests = samples();
  }

  /** Warms the path with this model; returns the model, for use in a loader chain. */
  public ServingModel warm(ServingModel model) {
    AuctionFilter filter = new AuctionFilter(() -> model, new OperatingPoint(null, false), new ExplorationSlice(0),
        new OpenRtbUpconverter(codec), FilterMetrics.NONE, Clock.systemUTC());
    StringBuilder dsps = new StringBuilder("[");
    for (String dsp : model.dsps()) {
      dsps.append(dsps.length() == 1 ? "\"" : ",\"").append(dsp).append('"');
    }
    dsps.append(']');
    List<byte[]> bodies = new ArrayList<>();
    for (String request : sampleRequests) {
      bodies.add(("{\"request\":" + request + ",\"dsps\":" + dsps + "}").getBytes(StandardCharsets.UTF_8));
    }
    long sink = 0;
    for (int i = 0; i < CALLS; i++) {
      byte[] body = bodies.get(i % bodies.size());
      FilterCall call = reader.read(body, body.length);
      FilterResult result = filter.decide(call.request(), call.dsps(), call.ts());
      sink += writer.write(result).length;
    }
    if (sink == 0) {
      throw new IllegalStateException("the warm-up wrote nothing");
    }
    return model;
  }

  /** Representative BidRequests (JSON, one per element) that warm-ups send. */
  public List<String> sampleRequests() {
    return sampleRequests;
  }

  private static List<String> samples() {
    try (InputStream in = RequestPathWarmUp.class.getResourceAsStream(SAMPLES)) {
      if (in == null) {
        throw new IllegalStateException("bid-filter is missing " + SAMPLES);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
