package io.bidsift.serving.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.nio.charset.StandardCharsets;
import reactor.netty.NettyPipeline;

/**
 * Names the problem in the 4xx that Reactor Netty sends by itself when a request breaks HTTP (a chunk
 * size that is not hex, a header block or request line past the limit): those answers come with an
 * empty body, while every other 4xx of ours says what is wrong in {@code {"errors": [...]}}.
 *
 * <p>Sits right after the HTTP codec: on the way in it notes the decoder's failure, on the way out
 * it fills the body of the empty 4xx that follows it. Everything else passes untouched.
 */
final class ProtocolErrorBodies extends ChannelDuplexHandler {

  private static final String NAME = "bidsift.protocolErrorBodies";

  private String problem;

  /** Adds the handler to a new connection's pipeline, after its HTTP/1.1 codec (none: nothing to do). */
  static void install(Channel channel) {
    if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(NAME) == null) {
      channel.pipeline().addAfter(NettyPipeline.HttpCodec, NAME, new ProtocolErrorBodies());
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
      problem = describe(http.decoderResult().cause());
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (problem != null && msg instanceof FullHttpResponse response && response.status().code() / 100 == 4
        && !response.content().isReadable()) {
      byte[] body = ("{\"errors\":[\"" + problem + "\"]}").getBytes(StandardCharsets.UTF_8);
      ByteBuf content = ctx.alloc().buffer(body.length).writeBytes(body);
      FullHttpResponse named = response.replace(content);
      response.release();
      named.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
      HttpUtil.setContentLength(named, body.length);
      problem = null;
      ctx.write(named, promise);
      return;
    }
    ctx.write(msg, promise);
  }

  /** A short message, safe in a JSON string without escaping: none of it comes from the request. */
  private static String describe(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return "the request line is too long";
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return "the request headers are too large";
    }
    if (cause instanceof TooLongFrameException) {
      return "a part of the request is too large";
    }
    return "the request is not valid HTTP/1.1 (" + cause.getClass().getSimpleName() + ")";
  }
}
