package io.bidsift.simulator.fleet;

import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.simulator.behaviour.DspBehaviour;
import io.bidsift.simulator.behaviour.MarketBehaviour;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** One HTTP server hosting every simulated DSP of a market as an OpenRTB endpoint. */
public final class DspFleet implements AutoCloseable {

  /** Bid requests above this are refused with 413 (real ones are a few KB). */
  static final int MAX_REQUEST_BYTES = 1024 * 1024;

  private final FaultSwitchboard faults;
  private final List<String> dspIds;
  private final EventLoopGroup boss = new NioEventLoopGroup(1);
  private final EventLoopGroup workers = new NioEventLoopGroup();
  private final Channel channel;

  /**
   * Starts the fleet on {@code host:port} (port 0 picks a free one).
   *
   * @param seed  seeds every decision with {@code CalloutRandom.forCallout(seed, request id, DSP id)}
   * @param clock the time a decision is made at (drift and pacing depend on it); fixed in tests
   */
  public DspFleet(MarketBehaviour behaviour, String host, int port, long seed, Clock clock,
                  Map<String, FaultMode> initialFaults) throws InterruptedException {
    Set<String> ids = new LinkedHashSet<>();
    for (DspBehaviour d : behaviour.dsps()) {
      ids.add(d.id());
    }
    this.dspIds = List.copyOf(ids);
    this.faults = new FaultSwitchboard(ids, initialFaults);
    FleetHandler handler = new FleetHandler(behaviour, new OpenRtbCodec(), faults, seed, clock);
    try {
      this.channel = new ServerBootstrap()
          .group(boss, workers)
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel c) {
              c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES), handler);
            }
          })
          .bind(host, port).sync().channel();
    } catch (InterruptedException | RuntimeException e) {
      shutdownGroups();
      throw e;
    }
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  public List<String> dspIds() {
    return dspIds;
  }

  public FaultSwitchboard faults() {
    return faults;
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    shutdownGroups();
  }

  private void shutdownGroups() {
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
