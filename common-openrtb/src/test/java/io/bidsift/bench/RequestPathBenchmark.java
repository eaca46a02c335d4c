package io.bidsift.bench;

import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.openrtb.RequestValidator;
import io.bidsift.signals.RequestSignals;
import io.bidsift.signals.SignalExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The bid filter's per-request path on a typical ~1.5 KB request (bench/typical-request.json).
 * SampleTime, because the target is a median (p0.50): parse + validate + signals at most 10 µs.
 * Run: see docs/benchmarks.md.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class RequestPathBenchmark {

  private final OpenRtbCodec codec = new OpenRtbCodec();
  private final RequestValidator validator = new RequestValidator();
  private final SignalExtractor extractor = new SignalExtractor();
  private final Instant auctionTime = Instant.parse("2026-11-20T13:45:12.345Z");
  private byte[] json;
  private BidRequest parsed;

  @Setup
  public void load() {
    try (InputStream in = RequestPathBenchmark.class.getResourceAsStream("/bench/typical-request.json")) {
      if (in == null) {
        throw new IllegalStateException("bench/typical-request.json is not on the test classpath");
      }
      json = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    parsed = codec.parseRequest(json);
    List<String> problems = validator.validate(parsed);
    if (!problems.isEmpty()) {
      // An invalid request would measure the error path, not the one every auction takes.
      throw new IllegalStateException("bench/typical-request.json is not valid: " + problems);
    }
  }

  @Benchmark
  public BidRequest parse() {
    return codec.parseRequest(json);
  }

  @Benchmark
  public RequestSignals parseValidateSignals(Blackhole blackhole) {
    BidRequest request = codec.parseRequest(json);
    blackhole.consume(validator.validate(request));
    return extractor.extract(request, auctionTime);
  }

  @Benchmark
  public RequestSignals signalsOnly() {
    return extractor.extract(parsed, auctionTime);
  }
}
