package io.bidsift.auction.fanout;

import io.bidsift.auction.config.DspConfig;
import io.bidsift.auction.config.OpenRtbVersion;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.OpenRtbCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The request bodies of one auction's callouts. DSPs differ only in the tmax they are told, their
 * OpenRTB version and gzip, so each distinct combination is serialised once per auction, not once
 * per DSP. Not thread-safe: one per auction, used on the auction's thread.
 */
public final class CalloutBodies {

  private final BidRequest request;
  private final OpenRtbCodec codec;
  private final OpenRtb25Downconverter downconverter;
  private final Map<Key, byte[]> bodies = new HashMap<>(4);

  public CalloutBodies(BidRequest request, OpenRtbCodec codec, OpenRtb25Downconverter downconverter) {
    this.request = request;
    this.codec = codec;
    this.downconverter = downconverter;
  }

  public byte[] body(DspConfig dsp, int tmaxMs) {
    return bodies.computeIfAbsent(new Key(dsp.openRtb(), tmaxMs, dsp.gzip()), this::build);
  }

  private byte[] build(Key key) {
    byte[] json = codec.writeRequest(withTmax(request, key.tmaxMs()));
    if (key.version() == OpenRtbVersion.V2_5) {
      json = downconverter.downconvert(json);
    }
    return key.gzip() ? gzip(json) : json;
  }

  static BidRequest withTmax(BidRequest r, int tmax) {
    return new BidRequest(r.id(), r.imp(), r.site(), r.app(), r.dooh(), r.device(), r.user(), r.test(), r.at(),
        tmax, r.wseat(), r.bseat(), r.allimps(), r.cur(), r.wlang(), r.wlangb(), r.bcat(), r.cattax(), r.badv(),
        r.bapp(), r.source(), r.regs(), r.ext(), r.unknown());
  }

  private static byte[] gzip(byte[] json) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 3 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private record Key(OpenRtbVersion version, int tmaxMs, boolean gzip) {
  }
}
