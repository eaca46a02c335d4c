package io.bidsift.auction.callout;

import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/** One callout in progress. Confined to its event loop, like the pool and connection it passes through. */
final class Exchange {

  final byte[] body;
  final long startNanos;
  private final Consumer<CalloutResult> done;
  ScheduledFuture<?> timer;
  /** The connection carrying it, once sent. */
  PooledConnection connection;
  private boolean finished;

  Exchange(byte[] body, long startNanos, Consumer<CalloutResult> done) {
    this.body = body;
    this.startNanos = startNanos;
    this.done = done;
  }

  boolean finished() {
    return finished;
  }

  /** Hands the result over, once: a late answer after a timeout (or the reverse) is ignored. */
  void finish(CalloutResult.Kind kind) {
    finish(CalloutResult.of(kind, System.nanoTime() - startNanos));
  }

  void answered(int status, byte[] answerBody) {
    finish(CalloutResult.answered(status, answerBody, System.nanoTime() - startNanos));
  }

  private void finish(CalloutResult result) {
    if (finished) {
      return;
    }
    finished = true;
    if (timer != null) {
      timer.cancel(false);
    }
    done.accept(result);
  }
}
