package io.bidsift.auction.callout;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive connection: one exchange at a time (no pipelining). Writes the request in one buffer
 * and collects the answer's body up to the size limit; an answer that would pass it, or anything that
 * is not HTTP, closes the connection.
 */
final class PooledConnection extends ChannelInboundHandlerAdapter {

  private static final byte[] CRLF_CRLF = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final int maxResponseBytes;
  private Channel channel;
  private EndpointPool pool;
  private Exchange current;
  private int status;
  private boolean keepAlive;
  private ByteBuf body;
  private long idleSince;

  PooledConnection(int maxResponseBytes) {
    this.maxResponseBytes = maxResponseBytes;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  void attach(EndpointPool owner) {
    this.pool = owner;
  }

  void send(Exchange x) {
    current = x;
    x.connection = this;
    status = 0;
    keepAlive = true;
    byte[] head = pool.endpoint().headUpToLength();
    byte[] length = Integer.toString(x.body.length).getBytes(StandardCharsets.US_ASCII);
    ByteBuf request = channel.alloc().buffer(head.length + length.length + CRLF_CRLF.length + x.body.length);
    request.writeBytes(head).writeBytes(length).writeBytes(CRLF_CRLF).writeBytes(x.body);
    channel.writeAndFlush(request).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        fail(CalloutResult.Kind.FAILED);
      }
    });
  }

  void closeIfStillServing(Exchange x) {
    if (current == x) {
      channel.close();
    }
  }

  void close() {
    channel.close();
  }

  void idleSince(long nanos) {
    idleSince = nanos;
  }

  long idleSince() {
    return idleSince;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      read(msg);
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void read(Object msg) {
    if (current == null) {
      // Bytes nobody asked for: the connection can no longer be trusted to pair answers with requests.
      channel.close();
      return;
    }
    if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
      fail(CalloutResult.Kind.FAILED);
      return;
    }
    if (msg instanceof HttpResponse response) {
      status = response.status().code();
      keepAlive = HttpUtil.isKeepAlive(response);
      if (HttpUtil.getContentLength(response, -1L) > maxResponseBytes) {
        fail(CalloutResult.Kind.TOO_LARGE);
        return;
      }
    }
    if (msg instanceof HttpContent content && content.content().isReadable()) {
      ByteBuf chunk = content.content();
      int have = body == null ? 0 : body.readableBytes();
      if ((long) have + chunk.readableBytes() > maxResponseBytes) {
        fail(CalloutResult.Kind.TOO_LARGE);
        return;
      }
      if (body == null) {
        body = channel.alloc().heapBuffer(Math.max(chunk.readableBytes(), 1024));
      }
      body.writeBytes(chunk);
    }
    if (msg instanceof LastHttpContent) {
      Exchange x = current;
      current = null;
      byte[] bytes;
      if (body == null) {
        bytes = new byte[0];
      } else {
        bytes = new byte[body.readableBytes()];
        body.readBytes(bytes);
        body.clear();
      }
      x.answered(status, bytes);
      if (keepAlive) {
        pool.released(this);
      } else {
        channel.close();
      }
    }
  }

  private void fail(CalloutResult.Kind kind) {
    Exchange x = current;
    current = null;
    if (x != null) {
      x.finish(kind);
    }
    channel.close();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(CalloutResult.Kind.FAILED);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Exchange x = current;
    current = null;
    if (x != null) {
      x.finish(CalloutResult.Kind.FAILED);
    }
    if (body != null) {
      body.release();
      body = null;
    }
    if (pool != null) {
      pool.closed(this);
    }
  }
}
