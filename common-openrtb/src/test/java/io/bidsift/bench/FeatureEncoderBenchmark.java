package io.bidsift.bench;

import io.bidsift.features.EncodingTables;
import io.bidsift.features.FeatureEncoder;
import io.bidsift.features.KeyKind;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.signals.RequestSignals;
import io.bidsift.signals.SignalExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
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

/**
 * Encoding one (request, DSP) row of the typical request against tables of realistic size
 * (12 DSPs, thousands of keys per kind). Target: about 1 µs per row and no allocation
 * (check with {@code -prof gc}: gc.alloc.rate.norm should be ~0 B/op).
 * Run: {@code ./mvnw -B -q -pl common-openrtb -Pjmh test-compile exec:exec -Djmh.args="FeatureEncoderBenchmark -prof gc"}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class FeatureEncoderBenchmark {

  private static final int DSPS = 12;
  private static final int KEYS_PER_KIND = 5_000;

  private RequestSignals signals;
  private EncodingTables tables;
  private final float[] out = FeatureEncoder.newVector();
  private final String[] dsps = new String[DSPS];
  private int next;

  @Setup
  public void load() {
    byte[] json;
    try (InputStream in = FeatureEncoderBenchmark.class.getResourceAsStream("/bench/typical-request.json")) {
      if (in == null) {
        throw new IllegalStateException("bench/typical-request.json is not on the test classpath");
      }
      json = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    signals = new SignalExtractor().extract(new OpenRtbCodec().parseRequest(json),
        Instant.parse("2026-11-20T13:45:12.345Z"));
    EncodingTables.Builder builder = EncodingTables.builder();
    for (int d = 0; d < DSPS; d++) {
      dsps[d] = "dsp-" + d;
      builder.addTotals(dsps[d], 1_000, 20_000);
      for (int k = 0; k < KEYS_PER_KIND; k++) {
        for (KeyKind kind : KeyKind.all()) {
          builder.addKeyCounts(dsps[d], kind, "key-" + k, kind.isPair() ? "banner" : null, k % 7, 10 + k % 50);
        }
      }
      // The request's own keys, so every lookup hits.
      builder.add(dsps[d], signals, d % 2 == 0);
    }
    tables = builder.build();
  }

  @Benchmark
  public float[] encodeOneRow() {
    String dsp = dsps[next];
    next = next == DSPS - 1 ? 0 : next + 1;
    FeatureEncoder.encode(signals, dsp, tables, out);
    return out;
  }
}
