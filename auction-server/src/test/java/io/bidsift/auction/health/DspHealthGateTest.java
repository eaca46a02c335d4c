package io.bidsift.auction.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auction.config.DspHealthSettings;
import io.bidsift.auction.health.DspHealthGate.Admission;
import io.bidsift.testsupport.ManualClock;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The defaults: throttled at 50% errors and timeouts over at least 20 of the last 100 calls, 5% probes, 1 s. */
class DspHealthGateTest {

  private static final DspHealthSettings SETTINGS = DspHealthSettings.DEFAULTS;
  /** Resilience4j re-evaluates strictly after the wait, at millisecond precision. */
  private static final Duration PAST_REEVALUATE = SETTINGS.reevaluateAfter().plusMillis(1);

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T00:00:00Z"));
  private final DspHealthGate gate = new DspHealth(List.of("dsp-a"), SETTINGS, CircuitBreakerRegistry.ofDefaults(),
      clock).gate("dsp-a");

  @Test
  void aDspFailingEveryCallIsThrottledOnlyOnceTheMinimumCallsAreIn() {
    for (int i = 0; i < SETTINGS.minimumCalls() - 1; i++) {
      assertThat(gate.admit()).isEqualTo(Admission.CALL);
      gate.record(true);
    }
    assertThat(gate.throttled()).as("19 failures are too few calls to judge").isFalse();
    assertThat(gate.admit()).isEqualTo(Admission.CALL);
    gate.record(true);
    assertThat(gate.throttled()).isTrue();
    assertThat(gate.failureRate()).isEqualTo(100f);
  }

  @Test
  void aDspFailingBelowTheThresholdKeepsFullTraffic() {
    // 45% failures over 200 calls, never above 50% so far.
    for (int i = 0; i < 200; i++) {
      assertThat(gate.admit()).isEqualTo(Admission.CALL);
      gate.record(i % 20 >= 11);
    }
    assertThat(gate.throttled()).isFalse();
    assertThat(gate.failureRate()).isEqualTo(45f);
  }

  @Test
  void aThrottledDspIsCalledInItsProbeShareOfCandidateAuctions() {
    throttle();
    int probes = 0;
    for (int i = 0; i < 1000; i++) {
      Admission admission = gate.admit();
      assertThat(admission).isNotEqualTo(Admission.CALL);
      if (admission == Admission.PROBE) {
        probes++;
        gate.record(true);
      }
    }
    assertThat(probes).isEqualTo(50);
    assertThat(gate.throttled()).isTrue();
  }

  @Test
  void successfulProbesReadmitItOnlyAfterTheReevaluationWait() {
    throttle();
    for (int i = 0; i < 2 * SETTINGS.minimumCalls(); i++) {
      probe(false);
    }
    assertThat(gate.throttled()).as("probes before the wait are not judged").isTrue();
    clock.advance(PAST_REEVALUATE);
    for (int i = 0; i < SETTINGS.minimumCalls() - 1; i++) {
      probe(false);
    }
    assertThat(gate.throttled()).as("judged once the minimum number of probes is in").isTrue();
    probe(false);
    assertThat(gate.throttled()).isFalse();
    assertThat(gate.admit()).isEqualTo(Admission.CALL);
    assertThat(gate.failureRate()).as("a fresh window").isEqualTo(-1f);
  }

  @Test
  void probesBelowTheThresholdReadmitItAndProbesAtItKeepItThrottled() {
    throttle();
    clock.advance(PAST_REEVALUATE);
    for (int i = 0; i < SETTINGS.minimumCalls(); i++) {
      probe(i % 2 == 0);
    }
    assertThat(gate.throttled()).as("10 of 20 probes failed: 50%").isTrue();
    clock.advance(PAST_REEVALUATE);
    for (int i = 0; i < SETTINGS.minimumCalls(); i++) {
      probe(i < 9);
    }
    assertThat(gate.throttled()).as("9 of 20 probes failed: 45%").isFalse();
  }

  private void throttle() {
    for (int i = 0; i < SETTINGS.minimumCalls(); i++) {
      gate.admit();
      gate.record(true);
    }
    assertThat(gate.throttled()).isTrue();
  }

  /** Asks until this DSP's next probe, and records its outcome. */
  private void probe(boolean failed) {
    int asked = 0;
    while (gate.admit() != Admission.PROBE) {
      assertThat(++asked).as("a probe within twice the share's spacing").isLessThan(40);
    }
    gate.record(failed);
  }
}
