package io.bidsift.json;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A request body collected chunk by chunk, refused as soon as it passes the size limit. Sized from the
 * declared {@code Content-Length} when there is one, so the usual body is copied once, straight into
 * the array the parser reads. Shared by the services' HTTP handlers; not thread-safe (one per request).
 */
public final class BoundedBody {

  private final int limit;
  private byte[] bytes;
  private int size;

  /** @param declaredLength the {@code Content-Length}, or -1 when the request gives none */
  public BoundedBody(int limit, long declaredLength) {
    this.limit = limit;
    this.bytes = new byte[declaredLength >= 0 && declaredLength <= limit ? (int) declaredLength : Math.min(limit, 1024)];
  }

  /** @throws TooLarge once the body passes the limit; the rest is not read */
  public BoundedBody add(ByteBuffer chunk) {
    int n = chunk.remaining();
    if (size + (long) n > limit) {
      throw new TooLarge();
    }
    if (size + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(size + n, 2L * bytes.length)));
    }
    chunk.get(bytes, size, n);
    size += n;
    return this;
  }

  public byte[] bytes() {
    return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
  }

  /** A {@code Content-Length} header's value, or -1 when absent or not a number. */
  public static long declaredLength(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The body passed its limit. */
  public static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("request body over the limit", null, false, false);
    }
  }
}
