package io.bidsift.auction.log;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.opentest4j.AssertionFailedError;

/** Waits for a condition with a deadline instead of sleeping a fixed time. */
public final class Poll {

  private Poll() {
  }

  /** Returns once {@code condition} holds; fails naming {@code what} when it still does not after {@code within}. */
  public static void until(String what, Duration within, BooleanSupplier condition) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionFailedError("not within " + within + ": " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionFailedError("interrupted while waiting for: " + what);
      }
    }
  }
}
