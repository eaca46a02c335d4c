package io.bidsift.auction.callout;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's keep-alive connections to one endpoint, and the callouts waiting for one. Everything
 * here runs on that loop, so nothing is locked. Connections are opened on demand (one per waiting
 * callout, up to the loop's share of the limit) and reused most-recently-idle first, so the ones a
 * lull leaves unused age out ({@link #closeIdleBefore}).
 */
final class EndpointPool {

  private final EventLoop loop;
  private final Endpoint endpoint;
  private final Bootstrap bootstrap;
  private final int maxConnections;
  private final int maxWaiting;
  private final long lateAnswerGraceNanos;
  private final ArrayDeque<PooledConnection> idle = new ArrayDeque<>();
  private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
  private final List<PooledConnection> all = new ArrayList<>();
  private int connecting;

  EndpointPool(EventLoop loop, Endpoint endpoint, Bootstrap bootstrap, int maxConnections, int maxWaiting,
               long lateAnswerGraceNanos) {
    this.loop = loop;
    this.endpoint = endpoint;
    this.bootstrap = bootstrap;
    this.maxConnections = maxConnections;
    this.maxWaiting = maxWaiting;
    this.lateAnswerGraceNanos = lateAnswerGraceNanos;
  }

  Endpoint endpoint() {
    return endpoint;
  }

  void submit(Exchange x, long budgetNanos) {
    x.timer = loop.schedule(() -> timedOut(x), budgetNanos, TimeUnit.NANOSECONDS);
    PooledConnection c = idle.pollFirst();
    if (c != null) {
      c.send(x);
      return;
    }
    dropFinishedWaiting();
    boolean canConnect = all.size() + connecting < maxConnections;
    // Callouts waiting on a connection being opened for them do not count against maxWaiting.
    if (!canConnect && waiting.size() - connecting >= maxWaiting) {
      x.finish(CalloutResult.Kind.FAILED);
      return;
    }
    waiting.addLast(x);
    openForWaiting();
  }

  private void timedOut(Exchange x) {
    x.finish(CalloutResult.Kind.TIMEOUT);
    PooledConnection c = x.connection;
    if (c != null) {
      // HTTP/1.1 cannot cancel a request. The connection waits a while for the late answer, then is reused;
      // one that stays silent is closed, or its answer could pass for the next callout's.
      loop.schedule(() -> c.closeIfStillServing(x), lateAnswerGraceNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** A connection finished an exchange and can take another. */
  void released(PooledConnection c) {
    Exchange next;
    while ((next = waiting.pollFirst()) != null) {
      if (!next.finished()) {
        c.send(next);
        return;
      }
    }
    c.idleSince(System.nanoTime());
    idle.addFirst(c);
  }

  void closed(PooledConnection c) {
    all.remove(c);
    idle.remove(c);
    dropFinishedWaiting();
    openForWaiting();
  }

  /** One connection being opened per waiting callout, within the limit. */
  private void openForWaiting() {
    if (connecting < waiting.size() && all.size() + connecting < maxConnections) {
      connect();
    }
  }

  private void connect() {
    connecting++;
    bootstrap.connect(endpoint.host(), endpoint.port()).addListener((ChannelFuture f) -> {
      connecting--;
      if (f.isSuccess() && f.channel().isActive()) {
        PooledConnection c = f.channel().pipeline().get(PooledConnection.class);
        c.attach(this);
        all.add(c);
        released(c);
      } else {
        f.channel().close();
        // A target that refuses connections shows as errors, not as timeouts: each failed attempt fails one waiter.
        dropFinishedWaiting();
        Exchange x = waiting.pollFirst();
        if (x != null) {
          x.finish(CalloutResult.Kind.FAILED);
        }
      }
    });
  }

  private void dropFinishedWaiting() {
    while (!waiting.isEmpty() && waiting.peekFirst().finished()) {
      waiting.pollFirst();
    }
  }

  void closeIdleBefore(long nanos) {
    Iterator<PooledConnection> oldestFirst = idle.descendingIterator();
    while (oldestFirst.hasNext()) {
      PooledConnection c = oldestFirst.next();
      if (c.idleSince() - nanos >= 0) {
        break;
      }
      oldestFirst.remove();
      c.close();
    }
  }

  void closeAll() {
    for (PooledConnection c : List.copyOf(all)) {
      c.close();
    }
    for (Exchange x : waiting) {
      x.finish(CalloutResult.Kind.FAILED);
    }
    waiting.clear();
  }

  int open() {
    return all.size();
  }
}
