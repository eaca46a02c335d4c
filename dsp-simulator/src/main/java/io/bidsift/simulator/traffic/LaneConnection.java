package io.bidsift.simulator.traffic;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * One pooled keep-alive connection: one request at a time (no pipelining), the answer's status read and
 * its body discarded as it streams in.
 */
final class LaneConnection extends ChannelInboundHandlerAdapter {

  private final Lane lane;
  private Channel channel;
  private PendingRequest current;
  private int status;
  private boolean keepAlive;
  private long idleSinceNanos;

  LaneConnection(Lane lane) {
    this.lane = lane;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    channel.closeFuture().addListener(f -> closed());
  }

  void send(PendingRequest r, ByteBuf request) {
    current = r;
    r.sentOn(this);
    channel.writeAndFlush(request).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        lane.failed(r, f.cause().getClass().getSimpleName());
        f.channel().close();
      }
    });
  }

  void close() {
    channel.close();
  }

  /** Marks it idle from now; {@link #idleSinceNanos()} tells since when. */
  void idle(long nowNanos) {
    idleSinceNanos = nowNanos;
  }

  long idleSinceNanos() {
    return idleSinceNanos;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
        fail("BadHttpResponse");
        return;
      }
      if (msg instanceof HttpResponse response) {
        status = response.status().code();
        keepAlive = HttpUtil.isKeepAlive(response);
      }
      if (msg instanceof LastHttpContent && current != null) {
        PendingRequest r = current;
        current = null;
        lane.answered(this, r, status, keepAlive);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(cause.getClass().getSimpleName());
  }

  private void fail(String kind) {
    if (current != null) {
      lane.failed(current, kind);
      current = null;
    }
    channel.close();
  }

  private void closed() {
    if (current != null) {
      lane.failed(current, "ConnectionClosed");
      current = null;
    }
    lane.closed(this);
  }
}
