package io.bidsift.auction.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.testsupport.ManualClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class FilterBreakerTest {

  private static final Duration OPEN_FOR = Duration.ofSeconds(5);
  /** Resilience4j half-opens strictly after the open time, at millisecond precision. */
  private static final Duration PAST_OPEN_FOR = OPEN_FOR.plusMillis(1);

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T00:00:00Z"));
  private final FilterBreaker breaker = FilterBreaker.create(CircuitBreakerRegistry.ofDefaults(), 5, OPEN_FOR, clock);

  @Test
  void shortRunsOfFailuresAmongManySuccessesDoNotOpenIt() {
    // A healthy filter on a busy host: 1,000 calls, a run of 8 timeouts after every 92 successes (8%).
    calls(1000, i -> i % 100 >= 92);
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
  }

  @Test
  void aDeadDependencyIsCutOffAfterTheThresholdAndProbedOnceTheOpenTimeHasPassed() {
    calls(4, i -> true);
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
    calls(1, i -> true);
    assertThat(breaker.state()).isEqualTo(State.OPEN);
    assertThat(breaker.acquire()).isEqualTo(FilterBreaker.Permit.REJECTED);
    clock.advance(OPEN_FOR);
    assertThat(breaker.acquire()).as("not before the open time has passed").isEqualTo(FilterBreaker.Permit.REJECTED);
    clock.advance(PAST_OPEN_FOR.minus(OPEN_FOR));
    assertThat(breaker.acquire()).isEqualTo(FilterBreaker.Permit.PROBE);
    assertThat(breaker.acquire()).as("one probe at a time").isEqualTo(FilterBreaker.Permit.REJECTED);
    breaker.onFailure();
    assertThat(breaker.state()).isEqualTo(State.OPEN);
    clock.advance(PAST_OPEN_FOR);
    assertThat(breaker.acquire()).isEqualTo(FilterBreaker.Permit.PROBE);
    breaker.onSuccess();
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
    // A fresh window after recovery: the failures before the outage do not count again.
    calls(4, i -> true);
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
  }

  @Test
  void aFilterFailingNineCallsInTenIsCutOff() {
    calls(200, i -> i % 10 != 0);
    assertThat(breaker.state()).isEqualTo(State.OPEN);
  }

  @Test
  void aFilterAnsweringTwoCallsInFiveOnABusyHostStaysInUse() {
    // Each answered call saves callouts; each failed one costs only its budget and fails open.
    calls(1000, i -> i % 5 >= 2);
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
  }

  @Test
  void aMinorityOfFailuresInALongWindowNeverOpensItWhateverTheirCount() {
    // 40 failures in 100 calls (never more than 40% so far): far above the 5-failure minimum.
    calls(100, i -> i % 5 >= 3);
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
  }

  /** Calls through the breaker while it lets them, the i-th failing when {@code fails} says so. */
  private void calls(int count, IntPredicate fails) {
    for (int i = 0; i < count && breaker.acquire() != FilterBreaker.Permit.REJECTED; i++) {
      if (fails.test(i)) {
        breaker.onFailure();
      } else {
        breaker.onSuccess();
      }
    }
  }
}
