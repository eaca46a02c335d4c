package io.bidsift.simulator.traffic;

import java.util.SplittableRandom;

/** Random identifiers in the shapes real requests carry them. */
final class Ids {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] BASE64URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

  private Ids() {
  }

  /** A version-4 UUID, lowercase: {@code 3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e}. */
  static String uuid(SplittableRandom r) {
    long hi = (r.nextLong() & 0xFFFF_FFFF_FFFF_0FFFL) | 0x0000_0000_0000_4000L;
    long lo = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    char[] out = new char[36];
    int p = hex(hi >>> 32, 8, out, 0);
    out[p++] = '-';
    p = hex(hi >>> 16, 4, out, p);
    out[p++] = '-';
    p = hex(hi, 4, out, p);
    out[p++] = '-';
    p = hex(lo >>> 48, 4, out, p);
    out[p++] = '-';
    hex(lo, 12, out, p);
    return new String(out);
  }

  /** {@code length} random base64url characters. */
  static String base64url(SplittableRandom r, int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = BASE64URL[r.nextInt(64)];
    }
    return new String(out);
  }

  /** Writes the low {@code digits} hex digits of {@code value} at {@code at}; returns the next position. */
  private static int hex(long value, int digits, char[] out, int at) {
    for (int i = digits - 1; i >= 0; i--) {
      out[at + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
    return at + digits;
  }
}
