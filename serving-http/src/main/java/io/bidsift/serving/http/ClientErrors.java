package io.bidsift.serving.http;

import io.netty.channel.unix.Errors;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.nio.channels.ClosedChannelException;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Tells a client's doing (hung up mid-body, broke HTTP framing) from a failure of ours, for errors
 * that reach a handler while it reads a request body. Operators read internal-error counts as "our
 * bug"; a client hanging up under overload must not look like one.
 */
public final class ClientErrors {

  /** The client closed or reset the connection before the request was complete. */
  public static final String ABORTED = "client_aborted";
  /** The request's HTTP framing was broken (for example a bad chunk size); the server answered 400 itself. */
  public static final String BAD_FRAMING = "bad_framing";
  /** The client stopped sending mid-body for longer than the read timeout; the connection was closed. */
  public static final String STALLED = "client_stalled";

  private ClientErrors() {
  }

  /** {@link #ABORTED}, {@link #BAD_FRAMING}, {@link #STALLED}, or null when the error is not the client's. */
  public static String reason(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (e instanceof AbortedException || e instanceof ClosedChannelException) {
        return ABORTED;
      }
      if (e instanceof ReadTimeoutException) {
        return STALLED;
      }
      if (e instanceof DecoderException) {
        return BAD_FRAMING;
      }
      if (e instanceof Errors.NativeIoException || e instanceof PrematureCloseException) {
        return ABORTED;   // "Connection reset by peer" from the native transport, or closed mid-message
      }
    }
    return null;
  }
}
