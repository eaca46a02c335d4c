package io.bidsift.auction.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.testsupport.ManualClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.time.Instant;
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
    for (int i = 0; i < 1000; i++) {
      assertThat(breaker.acquire()).isEqualTo(FilterBreaker.Permit.CALL);
      if (i % 100 >= 92) {
        breaker.onFailure();
      } else {
        breaker.onSuccess();
      }
    }
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
  }

  @Test
  void aDeadDependencyIsCutOffAfterTheThresholdAndProbedOnceTheOpenTimeHasPassed() {
    for (int i = 0; i < 4; i++) {
      breaker.acquire();
      breaker.onFailure();
    }
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
    breaker.acquire();
    breaker.onFailure();
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
    for (int i = 0; i < 4; i++) {
      breaker.acquire();
      breaker.onFailure();
    }
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
  }

  @Test
  void aDependencyFailingHalfTheTimeIsCutOff() {
    for (int i = 0; i < 200 && breaker.state() == State.CLOSED; i++) {
      breaker.acquire();
      if (i % 2 == 0) {
        breaker.onSuccess();
      } else {
        breaker.onFailure();
      }
    }
    assertThat(breaker.state()).isEqualTo(State.OPEN);
  }

  @Test
  void aMinorityOfFailuresInALongWindowNeverOpensItWhateverTheirCount() {
    // 40 failures in 100 calls (never more than 40% so far): far above the 5-failure minimum, below half.
    for (int i = 0; i < 100; i++) {
      breaker.acquire();
      if (i % 5 >= 3) {
        breaker.onFailure();
      } else {
        breaker.onSuccess();
      }
    }
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
  }
}
