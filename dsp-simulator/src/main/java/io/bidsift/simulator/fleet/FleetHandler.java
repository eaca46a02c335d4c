package io.bidsift.simulator.fleet;

import io.bidsift.json.JsonInputException;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.simulator.behaviour.CalloutRandom;
import io.bidsift.simulator.behaviour.DspBehaviour;
import io.bidsift.simulator.behaviour.DspDecision;
import io.bidsift.simulator.behaviour.MarketBehaviour;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Routes the fleet's HTTP requests: {@code POST /dsp/{id}/openrtb2/auction}, {@code PUT /admin/dsp/{id}/fault},
 * {@code GET /health}. Answers are scheduled on the channel's event loop after the decided latency, so a slow
 * DSP never holds a thread.
 */
@Sharable
final class FleetHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  /** How far past tmax a DSP in {@link FaultMode#SLOW} answers. */
  static final int SLOW_EXTRA_MS = 200;
  private static final String DSP_PREFIX = "/dsp/";
  private static final String AUCTION_SUFFIX = "/openrtb2/auction";
  private static final String ADMIN_PREFIX = "/admin/dsp/";
  private static final String FAULT_SUFFIX = "/fault";
  private static final int DEFAULT_TMAX_MS = 300;

  private final MarketBehaviour behaviour;
  private final OpenRtbCodec codec;
  private final FaultSwitchboard faults;
  private final long seed;
  private final Clock clock;

  FleetHandler(MarketBehaviour behaviour, OpenRtbCodec codec, FaultSwitchboard faults, long seed, Clock clock) {
    this.behaviour = behaviour;
    this.codec = codec;
    this.faults = faults;
    this.seed = seed;
    this.clock = clock;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
    boolean keepAlive = HttpUtil.isKeepAlive(http);
    if (!http.decoderResult().isSuccess()) {
      send(ctx, text(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"), false);
      return;
    }
    String path = pathOf(http.uri());
    if (path.startsWith(DSP_PREFIX) && path.endsWith(AUCTION_SUFFIX)) {
      String dspId = path.substring(DSP_PREFIX.length(), path.length() - AUCTION_SUFFIX.length());
      if (http.method() != HttpMethod.POST) {
        send(ctx, text(HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST"), keepAlive);
      } else {
        auction(ctx, dspId, ByteBufUtil.getBytes(http.content()), keepAlive);
      }
    } else if (path.startsWith(ADMIN_PREFIX) && path.endsWith(FAULT_SUFFIX)) {
      String dspId = path.substring(ADMIN_PREFIX.length(), path.length() - FAULT_SUFFIX.length());
      if (http.method() != HttpMethod.PUT) {
        send(ctx, text(HttpResponseStatus.METHOD_NOT_ALLOWED, "use PUT"), keepAlive);
      } else {
        switchFault(ctx, dspId, http.content().toString(StandardCharsets.UTF_8), keepAlive);
      }
    } else if (path.equals("/health") && http.method() == HttpMethod.GET) {
      send(ctx, text(HttpResponseStatus.OK, "ok"), keepAlive);
    } else {
      send(ctx, text(HttpResponseStatus.NOT_FOUND, "no such endpoint: " + path), keepAlive);
    }
  }

  private void auction(ChannelHandlerContext ctx, String dspId, byte[] body, boolean keepAlive) {
    if (!faults.knows(dspId)) {
      send(ctx, text(HttpResponseStatus.NOT_FOUND, "unknown DSP '" + dspId + "'"), keepAlive);
      return;
    }
    BidRequest request;
    try {
      request = codec.parseRequest(body);
    } catch (JsonInputException e) {
      send(ctx, text(HttpResponseStatus.BAD_REQUEST, e.getMessage()), keepAlive);
      return;
    }
    FaultMode fault = faults.get(dspId);
    if (fault == FaultMode.RESET) {
      // SO_LINGER 0 makes close() send RST instead of FIN: the caller sees "connection reset".
      ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
      ctx.close();
      return;
    }
    DspBehaviour dsp = behaviour.dsp(dspId);
    DspDecision decision = dsp.decide(request, clock.instant(),
        CalloutRandom.forCallout(seed, request.id(), dspId));
    int tmax = request.tmax() == null ? DEFAULT_TMAX_MS : request.tmax();
    int delayMs = fault == FaultMode.SLOW ? Math.max(decision.latencyMs(), tmax + SLOW_EXTRA_MS) : decision.latencyMs();
    FullHttpResponse response = answer(fault, dsp, request, decision);
    ctx.executor().schedule(() -> send(ctx, response, keepAlive), delayMs, TimeUnit.MILLISECONDS);
  }

  private FullHttpResponse answer(FaultMode fault, DspBehaviour dsp, BidRequest request, DspDecision decision) {
    return switch (fault) {
      case HTTP500 -> text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "simulated fault");
      case MALFORMED -> json(FleetResponses.malformed(request.id()));
      case OVERSIZED -> json(FleetResponses.oversized(request.id()));
      case NONE, SLOW, RESET -> switch (decision.outcome()) {
        case BID -> json(codec.writeResponse(dsp.respond(request, decision)));
        case ERROR -> text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "simulated DSP error");
        // A timed-out DSP still answers, just too late for the auction: as a no-bid.
        default -> empty(HttpResponseStatus.NO_CONTENT);
      };
    };
  }

  private void switchFault(ChannelHandlerContext ctx, String dspId, String body, boolean keepAlive) {
    if (!faults.knows(dspId)) {
      send(ctx, text(HttpResponseStatus.NOT_FOUND, "unknown DSP '" + dspId + "'"), keepAlive);
      return;
    }
    FaultMode mode;
    try {
      mode = FaultMode.parse(body);
    } catch (IllegalArgumentException e) {
      send(ctx, text(HttpResponseStatus.BAD_REQUEST, e.getMessage()), keepAlive);
      return;
    }
    faults.set(dspId, mode);
    send(ctx, text(HttpResponseStatus.OK, dspId + " fault=" + mode.wire()), keepAlive);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private static String pathOf(String uri) {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }

  private static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
    if (!ctx.channel().isActive()) {
      response.release();
      return;
    }
    HttpUtil.setContentLength(response, response.content().readableBytes());
    if (keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(response);
    } else {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static FullHttpResponse json(byte[] body) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
        Unpooled.wrappedBuffer(body));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    return r;
  }

  private static FullHttpResponse text(HttpResponseStatus status, String message) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(message + "\n", StandardCharsets.UTF_8));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    return r;
  }

  private static FullHttpResponse empty(HttpResponseStatus status) {
    return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
  }
}
