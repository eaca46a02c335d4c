package io.bidsift.auction.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real TCP proxy on a loopback port in front of another server (moto), that a test switches
 * between passing traffic, dropping every connection as soon as it is accepted, and black-holing
 * it (accepting and never answering): an outage of the server behind it as its clients see one.
 * Switching away from {@link Mode#PASS} cuts the connections already open, pooled ones included.
 */
public final class SwitchableTcpProxy implements AutoCloseable {

  /** What the proxy does with a connection. */
  public enum Mode { PASS, DROP, BLACK_HOLE }

  private final ServerSocket listener;
  private final URI target;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private volatile Mode mode = Mode.PASS;

  public SwitchableTcpProxy(URI target) {
    this.target = target;
    try {
      this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for the proxy", e);
    }
    this.acceptor = new Thread(this::accept, "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The proxy's base URL: the target's scheme and path on the proxy's port. */
  public URI endpoint() {
    return URI.create(target.getScheme() + "://127.0.0.1:" + listener.getLocalPort());
  }

  public void mode(Mode newMode) {
    mode = newMode;
    if (newMode != Mode.PASS) {
      open.forEach(SwitchableTcpProxy::closeQuietly);
      open.clear();
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException closed) {
        return;
      }
      switch (mode) {
        case DROP -> closeQuietly(client);
        case BLACK_HOLE -> open.add(client);
        case PASS -> pass(client);
      }
    }
  }

  private void pass(Socket client) {
    try {
      Socket upstream = new Socket();
      upstream.connect(new InetSocketAddress(target.getHost(), target.getPort()), 2_000);
      open.add(client);
      open.add(upstream);
      pump(client, upstream);
      pump(upstream, client);
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException cut) {
        // One side closed or was cut by mode(): close both below.
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() {
    closeQuietly(listener);
    open.forEach(SwitchableTcpProxy::closeQuietly);
    open.clear();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing to cut a connection: nothing to report
    }
  }
}
