package io.bidsift.auction.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private long now;
  private final CircuitBreaker breaker = new CircuitBreaker(5, TimeUnit.SECONDS.toNanos(5), () -> now);

  @Test
  void shortRunsOfFailuresAmongManySuccessesDoNotOpenIt() {
    // A healthy filter on a busy host: 1,000 calls, a run of 8 timeouts after every 92 successes (8%).
    for (int i = 0; i < 1000; i++) {
      assertThat(breaker.acquire()).isEqualTo(CircuitBreaker.Permit.CALL);
      if (i % 100 >= 92) {
        breaker.onFailure();
      } else {
        breaker.onSuccess();
      }
    }
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void aDeadDependencyIsCutOffAfterTheThresholdAndProbedOnceTheOpenTimeHasPassed() {
    for (int i = 0; i < 4; i++) {
      breaker.acquire();
      breaker.onFailure();
    }
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    breaker.acquire();
    breaker.onFailure();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.acquire()).isEqualTo(CircuitBreaker.Permit.REJECTED);
    now += TimeUnit.SECONDS.toNanos(5);
    assertThat(breaker.acquire()).isEqualTo(CircuitBreaker.Permit.PROBE);
    assertThat(breaker.acquire()).as("one probe at a time").isEqualTo(CircuitBreaker.Permit.REJECTED);
    breaker.onFailure();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    now += TimeUnit.SECONDS.toNanos(5);
    assertThat(breaker.acquire()).isEqualTo(CircuitBreaker.Permit.PROBE);
    breaker.onSuccess();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    // A fresh window after recovery: the failures before the outage do not count again.
    for (int i = 0; i < 4; i++) {
      breaker.acquire();
      breaker.onFailure();
    }
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void aDependencyFailingHalfTheTimeIsCutOff() {
    for (int i = 0; i < 200 && breaker.state() == CircuitBreaker.State.CLOSED; i++) {
      breaker.acquire();
      if (i % 2 == 0) {
        breaker.onSuccess();
      } else {
        breaker.onFailure();
      }
    }
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
  }
}
