package io.bidsift.simulator.traffic;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One I/O thread's share of a load run: its own keep-alive connections (at most {@code maxConnections}
 * open at once; opened before the run, reopened when one closes and requests wait) and its own queue.
 * Everything runs on the lane's event loop, so none of this state is locked.
 *
 * <p>Each request body has a timeout (the same for all, or each request's tmax plus a grace); the
 * few distinct timeouts are classes. Requests are dispatched in due order, so within a class both the
 * wait queue and the in-flight list are sorted by deadline: timing out is a look at their heads.
 */
final class Lane {

  private static final long SWEEP_MICROS = 1000;

  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final SocketAddress target;
  private final List<ByteBuf> requests;
  private final int maxConnections;
  private final int maxWaiting;
  private final RequestTimeouts timeouts;
  private final long maxIdleNanos;
  private final LoadTally tally;
  private final ArrayDeque<LaneConnection> idle = new ArrayDeque<>();
  private final ArrayDeque<PendingRequest>[] waiting;
  private final ArrayDeque<PendingRequest>[] inFlight;
  private int waitingCount;
  private int open;
  private int connecting;
  private ScheduledFuture<?> sweeper;
  private Schedule schedule;
  private long next;
  private int stride;

  /**
   * @param requests   encoded HTTP requests, shared read-only by every lane
   * @param maxWaiting requests that may wait for a connection; beyond that a request fails as {@code ClientQueueFull}
   * @param timeouts   when each request body is given up, counted from its due time
   * @param maxIdle    how long a connection may stay idle before the lane closes it
   */
  @SuppressWarnings("unchecked")
  Lane(EventLoop loop, SocketAddress target, List<ByteBuf> requests, int maxConnections, int maxWaiting,
       RequestTimeouts timeouts, Duration maxIdle, LoadTally tally) {
    this.loop = loop;
    this.target = target;
    this.requests = requests;
    this.maxConnections = maxConnections;
    this.maxWaiting = maxWaiting;
    this.timeouts = timeouts;
    this.maxIdleNanos = maxIdle.toNanos();
    this.tally = tally;
    this.waiting = new ArrayDeque[timeouts.classes()];
    this.inFlight = new ArrayDeque[timeouts.classes()];
    for (int c = 0; c < timeouts.classes(); c++) {
      waiting[c] = new ArrayDeque<>();
      inFlight[c] = new ArrayDeque<>();
    }
    long longest = timeouts.longestNanos();
    this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(longest)))
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel c) {
            c.pipeline().addLast(new HttpResponseDecoder(), new LaneConnection(Lane.this));
          }
        });
  }

  /**
   * Starts sending this lane's requests of the schedule: {@code first}, {@code first + stride}, ... Pacing runs on
   * the event loop itself, so a due request costs no thread hand-off: it is sent as soon as the loop is between
   * reads, or on the loop's next timer tick (within a millisecond) when idle.
   */
  void start(Schedule schedule, int first, int stride) {
    loop.execute(() -> {
      this.schedule = schedule;
      this.next = first;
      this.stride = stride;
      sweeper = loop.scheduleAtFixedRate(this::sweep, SWEEP_MICROS, SWEEP_MICROS, TimeUnit.MICROSECONDS);
      pace();
    });
  }

  void stop() {
    loop.execute(() -> {
      if (sweeper != null) {
        sweeper.cancel(false);
      }
    });
  }

  private void pace() {
    long now = System.nanoTime();
    while (next < schedule.total() && schedule.dueNanos(next) <= now) {
      tally.sent();
      accept(new PendingRequest(schedule.dueNanos(next), (int) (next % requests.size())));
      next += stride;
    }
    if (next < schedule.total()) {
      loop.schedule(this::pace, schedule.dueNanos(next) - now, TimeUnit.NANOSECONDS);
    } else {
      tally.laneDone(now);
    }
  }

  private void accept(PendingRequest r) {
    if (waitingCount >= maxWaiting) {
      r.finish();
      tally.failed(r, "ClientQueueFull", System.nanoTime());
      return;
    }
    waiting[timeouts.classOf(r.body)].add(r);
    waitingCount++;
    tally.waitingChanged(1);
    dispatch();
  }

  private void dispatch() {
    while (waitingCount > 0 && !idle.isEmpty()) {
      PendingRequest r = pollEarliestWaiting();
      inFlight[timeouts.classOf(r.body)].add(r);
      idle.pop().send(r, requests.get(r.body).retainedDuplicate());
    }
    // One new connection per request still waiting, never more than the lane's share of the pool.
    while (connecting < waitingCount && open < maxConnections) {
      connect();
    }
  }

  /** The waiting request due first, over every timeout class: requests go out in due order. */
  private PendingRequest pollEarliestWaiting() {
    ArrayDeque<PendingRequest> first = null;
    for (ArrayDeque<PendingRequest> q : waiting) {
      if (!q.isEmpty() && (first == null || q.peek().dueNanos < first.peek().dueNanos)) {
        first = q;
      }
    }
    waitingCount--;
    tally.waitingChanged(-1);
    return first.poll();
  }


  /**
   * Opens the lane's whole share of the pool before the run, so the run does not start with a burst of
   * connects. Completes when every attempt has succeeded or failed; a failed one is retried when needed.
   */
  Future<Void> openPool() {
    Promise<Void> opened = loop.newPromise();
    loop.execute(() -> {
      int[] left = {maxConnections};
      if (left[0] == 0) {
        opened.setSuccess(null);
      }
      for (int i = 0; i < maxConnections; i++) {
        connect().addListener(f -> {
          if (--left[0] == 0) {
            opened.setSuccess(null);
          }
        });
      }
    });
    return opened;
  }

  private ChannelFuture connect() {
    open++;
    connecting++;
    return bootstrap.connect(target).addListener((ChannelFuture f) -> {
      connecting--;
      if (f.isSuccess()) {
        tally.connectionOpened();
        LaneConnection c = f.channel().pipeline().get(LaneConnection.class);
        c.idle(System.nanoTime());
        idle.push(c);
      } else {
        // The slot is given back by closed(): Netty closes a channel whose connect failed.
        // The oldest waiting request takes the failure, so a target that refuses connections shows as errors.
        PendingRequest r = waitingCount == 0 ? null : pollEarliestWaiting();
        if (r != null) {
          r.finish();
          tally.failed(r, f.cause().getClass().getSimpleName(), System.nanoTime());
        }
      }
      // Later, not now: a connect that fails at once would otherwise recurse through dispatch().
      loop.execute(this::dispatch);
    });
  }

  void answered(LaneConnection c, PendingRequest r, int status, boolean keepAlive) {
    if (r.finish()) {
      tally.answered(r, status, System.nanoTime());
    }
    if (keepAlive) {
      c.idle(System.nanoTime());
      idle.push(c);
      dispatch();
    } else {
      c.close();
    }
  }

  void failed(PendingRequest r, String kind) {
    if (r.finish()) {
      tally.failed(r, kind, System.nanoTime());
    }
  }

  /** A connection closed (by either side): its slot in the pool is free for a new one. */
  void closed(LaneConnection c) {
    idle.remove(c);
    open--;
    dispatch();
  }

  private void sweep() {
    long now = System.nanoTime();
    for (int c = 0; c < waiting.length; c++) {
      sweep(c, now);
    }
    // Idle connections are a stack (the last freed is used first), so the oldest is at the bottom.
    // Closing them before the server's own idle timeout does avoids the keep-alive race: a request sent
    // just as the server closes the idle connection is lost with it.
    while (!idle.isEmpty() && now - idle.peekLast().idleSinceNanos() >= maxIdleNanos) {
      idle.pollLast().close();
    }
  }

  private void sweep(int timeoutClass, long now) {
    long timeoutNanos = timeouts.nanosOfClass(timeoutClass);
    ArrayDeque<PendingRequest> queued = waiting[timeoutClass];
    while (!queued.isEmpty() && now - queued.peek().dueNanos >= timeoutNanos) {
      PendingRequest r = queued.poll();
      waitingCount--;
      tally.waitingChanged(-1);
      r.finish();
      tally.timedOut(r, now);
    }
    ArrayDeque<PendingRequest> sent = inFlight[timeoutClass];
    while (!sent.isEmpty()) {
      PendingRequest r = sent.peek();
      if (!r.finished() && now - r.dueNanos < timeoutNanos) {
        break;
      }
      sent.poll();
      if (r.finish()) {
        tally.timedOut(r, now);
        // HTTP/1.1 cannot cancel a request: the connection goes, or its late answer would pass for the next one's.
        r.connection().close();
      }
    }
  }
}
