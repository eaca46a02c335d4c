package io.bidsift.simulator.traffic;

/**
 * One scheduled request of a load run. Touched only on its lane's event loop, so it needs no locking.
 * It is finished exactly once: by an answer, an error or a client timeout.
 */
final class PendingRequest {

  final long dueNanos;
  final int body;
  private boolean finished;
  private LaneConnection connection;

  PendingRequest(long dueNanos, int body) {
    this.dueNanos = dueNanos;
    this.body = body;
  }

  void sentOn(LaneConnection c) {
    connection = c;
  }

  /** The connection it was sent on, or null while it waits for one. */
  LaneConnection connection() {
    return connection;
  }

  boolean finished() {
    return finished;
  }

  /** Marks it finished; false when it already was (the first outcome is the one counted). */
  boolean finish() {
    if (finished) {
      return false;
    }
    finished = true;
    return true;
  }
}
