package io.bidsift.simulator.traffic;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * When each request body of a load run is given up, counted from its due time: one timeout for all,
 * or one per body (a publisher gives up at the request's own tmax plus a little). The distinct
 * timeouts are numbered as classes, so a lane can keep each class's requests in deadline order.
 */
final class RequestTimeouts {

  private final long[] classNanos;
  private final int[] classOfBody;

  private RequestTimeouts(long[] classNanos, int[] classOfBody) {
    this.classNanos = classNanos;
    this.classOfBody = classOfBody;
  }

  /** @param perBody each body's timeout, positive */
  static RequestTimeouts of(List<Duration> perBody) {
    long[] distinct = perBody.stream().mapToLong(Duration::toNanos).distinct().sorted().toArray();
    if (distinct.length == 0 || distinct[0] <= 0) {
      throw new IllegalArgumentException("every request needs a positive timeout");
    }
    int[] classOf = new int[perBody.size()];
    for (int i = 0; i < classOf.length; i++) {
      classOf[i] = Arrays.binarySearch(distinct, perBody.get(i).toNanos());
    }
    return new RequestTimeouts(distinct, classOf);
  }

  int classes() {
    return classNanos.length;
  }

  int classOf(int body) {
    return classOfBody[body];
  }

  long nanosOfClass(int timeoutClass) {
    return classNanos[timeoutClass];
  }

  long longestNanos() {
    return classNanos[classNanos.length - 1];
  }
}
