package io.bidsift.simulator.behaviour;

/**
 * 64-bit hashes that never change between JVMs or versions (unlike {@code String.hashCode}'s
 * 32 bits, too few here), for seeds and for the fixed per-(DSP, publisher) effects.
 */
final class StableHash {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private StableHash() {
  }

  /** FNV-1a over the UTF-16 code units, then a SplitMix64 finaliser to spread the bits. */
  static long of(String s) {
    long h = FNV_OFFSET;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= FNV_PRIME;
    }
    return mix(h);
  }

  /** SplitMix64's finaliser: a bijection that makes every output bit depend on every input bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A standard normal value fixed by a hash (Box-Muller on two 26-bit halves). */
  static double gaussian(long hash) {
    double u1 = ((hash >>> 38) + 0.5) / (1L << 26);
    double u2 = (((hash >>> 12) & ((1L << 26) - 1)) + 0.5) / (1L << 26);
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
