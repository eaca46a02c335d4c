package io.bidsift.auction.bench;

import io.bidsift.auction.config.DspHealthSettings;
import io.bidsift.auction.health.DspHealth;
import io.bidsift.auction.health.DspHealthGate;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * What the DSP health throttle costs the auction's hot path, per DSP per auction: the gate's admit
 * and, for a sent callout, recording its outcome (docs/benchmarks.md). Against a trivial gate in the
 * same run: a volatile flag read and two atomic counters, about the least any throttle could do.
 * One DSP's gate, as each callout of an auction asks its own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DspHealthGateBenchmark {

  /** A healthy DSP: 2% of its callouts fail (the simulated market's timeout rates are 0.2-3%). */
  private static final int FAIL_EVERY = 50;

  private DspHealthGate healthy;
  private DspHealthGate healthyExported;
  private DspHealthGate throttled;
  private final TrivialGate trivial = new TrivialGate();
  private final AtomicLong calls = new AtomicLong();

  @Setup
  public void setUp() {
    healthy = new DspHealth(List.of("dsp-healthy"), DspHealthSettings.DEFAULTS, CircuitBreakerRegistry.ofDefaults(),
        Clock.systemUTC()).gate("dsp-healthy");
    // As the server wires it: Resilience4j's Micrometer binder on a Prometheus registry.
    CircuitBreakerRegistry exported = CircuitBreakerRegistry.ofDefaults();
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(exported)
        .bindTo(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    DspHealth health = new DspHealth(List.of("dsp-healthy", "dsp-down"), DspHealthSettings.DEFAULTS, exported,
        Clock.systemUTC());
    healthyExported = health.gate("dsp-healthy");
    throttled = health.gate("dsp-down");
    for (int i = 0; i < DspHealthSettings.DEFAULTS.minimumCalls(); i++) {
      throttled.admit();
      throttled.record(true);
    }
  }

  @Benchmark
  public boolean trivialGateAdmitAndRecord() {
    boolean admitted = trivial.admit();
    trivial.record(calls.incrementAndGet() % FAIL_EVERY == 0);
    return admitted;
  }

  /** Without Resilience4j's Micrometer binder: the breaker alone. */
  @Benchmark
  public DspHealthGate.Admission resilience4jGateAdmitAndRecord() {
    DspHealthGate.Admission admission = healthy.admit();
    healthy.record(calls.incrementAndGet() % FAIL_EVERY == 0);
    return admission;
  }

  /** As in the server: the binder turns every outcome into an event and a timer update. */
  @Benchmark
  public DspHealthGate.Admission resilience4jGateExportedAdmitAndRecord() {
    DspHealthGate.Admission admission = healthyExported.admit();
    healthyExported.record(calls.incrementAndGet() % FAIL_EVERY == 0);
    return admission;
  }

  /** A throttled DSP, exported: mostly not called (nothing to record), its probes recorded as failures. */
  @Benchmark
  public DspHealthGate.Admission resilience4jGateWhileThrottled() {
    DspHealthGate.Admission admission = throttled.admit();
    if (admission == DspHealthGate.Admission.PROBE) {
      throttled.record(true);
    }
    return admission;
  }

  /** The anchor: what a hand-written gate could not go below. */
  private static final class TrivialGate {
    private volatile boolean closed = true;
    private final AtomicLong outcomes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    boolean admit() {
      return closed;
    }

    void record(boolean failed) {
      outcomes.incrementAndGet();
      if (failed) {
        failures.incrementAndGet();
      }
    }
  }
}
