package io.bidsift.auction.callout;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import javax.net.ssl.SSLException;
import reactor.core.publisher.Mono;

/**
 * HTTP/1.1 POSTs to DSPs and the bid filter, on the server's own event loops: a callout made while
 * handling a request runs on that request's loop, from its pool of keep-alive connections to the
 * endpoint, without a thread hand-off or a lock. Each callout ends within its budget with a
 * {@link CalloutResult}, never an exception.
 *
 * <p>Why not Reactor Netty's client: at thousands of callouts per second its per-request machinery
 * (pool acquisition, operator chains, per-request handlers) cost about ten times what a callout
 * needs, on a machine where every callout's CPU counts (docs/benchmarks.md).
 */
public final class CalloutClient implements AutoCloseable {

  private static final long IDLE_SWEEP_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final int MAX_HEADER_BYTES = 16 * 1024;

  private final EventLoop[] loops;
  private final List<Map<Endpoint, EndpointPool>> poolsByLoop = new ArrayList<>();
  private final List<ScheduledFuture<?>> sweepers = new ArrayList<>();
  private final Class<? extends SocketChannel> channelClass;
  private final AddressResolverGroup<? extends SocketAddress> resolver;
  private final CalloutClientSettings settings;
  private final AtomicInteger nextLoop = new AtomicInteger();
  private volatile SslContext ssl;

  /**
   * @param group        the event loops to run on (the server's, so callouts stay on their request's loop)
   * @param channelClass the socket channel type those loops take (NIO or epoll)
   * @param resolver     resolves endpoint host names without blocking a loop
   */
  public CalloutClient(EventLoopGroup group, Class<? extends SocketChannel> channelClass,
                       AddressResolverGroup<? extends SocketAddress> resolver, CalloutClientSettings settings) {
    List<EventLoop> found = new ArrayList<>();
    for (EventExecutor e : group) {
      found.add((EventLoop) e);
    }
    this.loops = found.toArray(EventLoop[]::new);
    this.channelClass = channelClass;
    this.resolver = resolver;
    this.settings = settings;
    long maxIdle = settings.maxIdle().toNanos();
    for (int i = 0; i < loops.length; i++) {
      poolsByLoop.add(new IdentityHashMap<>());
      int index = i;
      sweepers.add(loops[i].scheduleAtFixedRate(() -> closeIdle(index, maxIdle), IDLE_SWEEP_NANOS,
          IDLE_SWEEP_NANOS, TimeUnit.NANOSECONDS));
    }
  }

  /** Posts {@code body}; {@code done} runs once, on an event loop, within {@code budget} (plus timer slack). */
  public void post(Endpoint endpoint, byte[] body, Duration budget, Consumer<CalloutResult> done) {
    long start = System.nanoTime();
    long budgetNanos = Math.max(1, budget.toNanos());
    Exchange x = new Exchange(body, start, done);
    int i = currentLoop();
    if (i >= 0) {
      pool(i, endpoint).submit(x, budgetNanos);
      return;
    }
    int chosen = Math.floorMod(nextLoop.getAndIncrement(), loops.length);
    loops[chosen].execute(() -> pool(chosen, endpoint).submit(x, budgetNanos - (System.nanoTime() - start)));
  }

  /** {@link #post} as a Mono that never errors. */
  public Mono<CalloutResult> post(Endpoint endpoint, byte[] body, Duration budget) {
    return Mono.create(sink -> post(endpoint, body, budget, sink::success));
  }

  /** Open connections to an endpoint, over all loops (for tests and diagnostics; waits for each loop). */
  public int openConnections(Endpoint endpoint) {
    AtomicInteger open = new AtomicInteger();
    onEveryLoop(i -> {
      EndpointPool p = poolsByLoop.get(i).get(endpoint);
      if (p != null) {
        open.addAndGet(p.open());
      }
    });
    return open.get();
  }

  private int currentLoop() {
    for (int i = 0; i < loops.length; i++) {
      if (loops[i].inEventLoop()) {
        return i;
      }
    }
    return -1;
  }

  private EndpointPool pool(int loop, Endpoint endpoint) {
    Map<Endpoint, EndpointPool> pools = poolsByLoop.get(loop);
    EndpointPool pool = pools.get(endpoint);
    if (pool == null) {
      pool = new EndpointPool(loops[loop], endpoint, bootstrap(loops[loop], endpoint),
          settings.perLoop(settings.maxConnections(), loops.length), settings.perLoop(settings.maxWaiting(),
          loops.length), settings.lateAnswerGrace().toNanos());
      pools.put(endpoint, pool);
    }
    return pool;
  }

  private Bootstrap bootstrap(EventLoop loop, Endpoint endpoint) {
    SslContext tls = endpoint.tls() ? sslContext() : null;
    return new Bootstrap().group(loop).channel(channelClass).resolver(resolver)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel c) {
            if (tls != null) {
              c.pipeline().addLast(tls.newHandler(c.alloc(), endpoint.host(), endpoint.port()));
            }
            c.pipeline().addLast(new HttpResponseDecoder(4096, MAX_HEADER_BYTES, 64 * 1024),
                new PooledConnection(settings.maxResponseBytes()));
          }
        });
  }

  private SslContext sslContext() {
    SslContext context = ssl;
    if (context == null) {
      try {
        context = SslContextBuilder.forClient().build();
      } catch (SSLException e) {
        throw new IllegalStateException("cannot set up TLS for https endpoints: " + e.getMessage(), e);
      }
      ssl = context;
    }
    return context;
  }

  private void closeIdle(int loop, long maxIdleNanos) {
    long before = System.nanoTime() - maxIdleNanos;
    for (EndpointPool p : poolsByLoop.get(loop).values()) {
      p.closeIdleBefore(before);
    }
  }

  private void onEveryLoop(IntConsumer action) {
    CountDownLatch done = new CountDownLatch(loops.length);
    for (int i = 0; i < loops.length; i++) {
      int index = i;
      if (loops[i].isShuttingDown()) {
        // Its channels are closed already (the server stops its loops before this client).
        done.countDown();
        continue;
      }
      if (loops[i].inEventLoop()) {
        action.accept(i);
        done.countDown();
        continue;
      }
      loops[i].execute(() -> {
        try {
          action.accept(index);
        } finally {
          done.countDown();
        }
      });
    }
    try {
      done.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Closes every connection; callouts still waiting fail. The event loops are not this client's to stop. */
  @Override
  public void close() {
    for (ScheduledFuture<?> s : sweepers) {
      s.cancel(false);
    }
    onEveryLoop(i -> poolsByLoop.get(i).values().forEach(EndpointPool::closeAll));
  }
}
