package io.bidsift.serving.http;

import io.netty.channel.Channel;
import reactor.netty.Connection;
import reactor.netty.ConnectionObserver;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Makes sure a keep-alive connection goes back to reading once a request is done and no other is in
 * progress on it.
 *
 * <p>Why: Reactor Netty's HTTP/1.1 server reads on demand, and up to 1.3.7 it can forget to ask for
 * the next read (reactor/reactor-netty#4361). A request that arrives before the previous one's
 * operations have finished is queued; when the queued request is then answered at once (a 413, a
 * liveness probe), the queue drains without anyone asking the socket for more. The connection stays
 * open but unread, and the client's next request waits until it times out. Our route handlers and
 * WebFlux share one server, WebFlux answers some endpoints from another thread, and the auction
 * server keeps pooled keep-alive connections to the filter, so this happened: a stuck connection
 * cost filter timeouts, breaker trips and every DSP called. Reactor Netty 1.3.8 fixes it but needs
 * Netty 4.2.19, whose native epoll transport this build cannot get; this guard does the missing read
 * until we can move. See docs/reliability.md.
 *
 * <p>Cost: one task on the connection's event loop per request. A read asked for while one is
 * already pending is a no-op in Netty, so the guard never reads twice.
 */
public final class KeepAliveReadGuard implements ConnectionObserver {

  /** The server with the guard installed. */
  public static HttpServer install(HttpServer server) {
    return server.childObserve(new KeepAliveReadGuard());
  }

  @Override
  public void onStateChange(Connection connection, State newState) {
    if (newState != State.DISCONNECTING || !(connection instanceof HttpServerRequest)) {
      return;
    }
    Channel channel = connection.channel();
    // Runs after the server's own drain of queued requests, which it schedules before this state change.
    channel.eventLoop().execute(() -> {
      if (channel.isActive() && !(ChannelOperations.get(channel) instanceof HttpServerRequest)) {
        channel.read();
      }
    });
  }
}
