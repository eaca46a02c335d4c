package io.bidsift.filter.metrics;

import io.bidsift.filter.decide.FilterMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.TimeUnit;

/**
 * The decision path's meters. Meters are looked up once per DSP and cached, so a decision costs
 * a map lookup and an increment. DSP ids the model does not know are counted under
 * {@code dsp="unknown"}: clients choose those ids, and a tag per id would let them grow the
 * registry without bound.
 *
 * <ul>
 *   <li>{@code bidsift_filter_decisions_total{dsp, decision}}: decision is {@code call},
 *       {@code skip}, {@code explore} (called for the exploration slice) or {@code unscored}
 *       (unknown DSP);</li>
 *   <li>{@code bidsift_filter_score{dsp}}: the score distribution, with buckets;</li>
 *   <li>{@code bidsift_filter_decide_seconds}: time to decide one auction;</li>
 *   <li>{@code bidsift_filter_fail_open_total{reason}}: auctions answered without the model;</li>
 *   <li>{@code bidsift_requests_rejected_total{reason}}: calls cut short by the client (hung up, broken
 *       framing), never counted as our errors.</li>
 * </ul>
 */
public final class MicrometerFilterMetrics implements FilterMetrics {

  private static final double[] SCORE_BUCKETS = {0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0};
  private static final String UNKNOWN = "unknown";

  private record DspMeters(Counter call, Counter skip, Counter explore, Counter unscored, DistributionSummary score) {
  }

  private final MeterRegistry registry;
  private final Map<String, DspMeters> byDsp = new ConcurrentHashMap<>();
  private final Timer decide;
  private final Counter noModel;
  private final Counter error;
  /** By HTTP status; indexed, not keyed, so counting an answer allocates nothing. */
  private final AtomicReferenceArray<Counter> answers = new AtomicReferenceArray<>(600);

  public MicrometerFilterMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.decide = Timer.builder("bidsift.filter.decide")
        .description("time to decide one auction: signals, encodings, predictions, thresholds")
        .publishPercentiles(0.5, 0.99)
        .register(registry);
    this.noModel = failOpen("no_model");
    this.error = failOpen("error");
  }

  @Override
  public void answered(int status) {
    Counter counter = answers.get(status);
    if (counter == null) {
      // Two threads may both register: Micrometer hands both the same counter.
      counter = Counter.builder("bidsift.filter.requests").tag("status", Integer.toString(status))
          .description("POST /v1/filter answers by HTTP status (the path bypasses Spring's HTTP metrics)")
          .register(registry);
      answers.set(status, counter);
    }
    counter.increment();
  }

  @Override
  public void clientError(String reason) {
    Counter.builder("bidsift.requests.rejected").tag("reason", reason)
        .description("calls cut short by the client (hung up mid-body, broken HTTP framing)")
        .register(registry).increment();
  }

  private Counter failOpen(String reason) {
    return Counter.builder("bidsift.filter.fail_open").tag("reason", reason)
        .description("auctions answered with every DSP called because no model could score them")
        .register(registry);
  }

  @Override
  public void decision(String dsp, boolean known, Float score, boolean call, boolean explore) {
    DspMeters m = byDsp.computeIfAbsent(known ? dsp : UNKNOWN, this::meters);
    if (!known) {
      m.unscored().increment();
      return;
    }
    m.score().record(score);
    (explore ? m.explore() : call ? m.call() : m.skip()).increment();
  }

  private DspMeters meters(String dsp) {
    return new DspMeters(decisions(dsp, "call"), decisions(dsp, "skip"), decisions(dsp, "explore"),
        decisions(dsp, "unscored"),
        DistributionSummary.builder("bidsift.filter.score").tag("dsp", dsp)
            .description("the model's P(bid) per DSP")
            .serviceLevelObjectives(SCORE_BUCKETS)
            .register(registry));
  }

  private Counter decisions(String dsp, String decision) {
    return Counter.builder("bidsift.filter.decisions").tag("dsp", dsp).tag("decision", decision)
        .description("per-DSP filter decisions").register(registry);
  }

  @Override
  public void decided(long nanos) {
    decide.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void failedOpen(String reason) {
    ("error".equals(reason) ? error : noModel).increment();
  }
}
