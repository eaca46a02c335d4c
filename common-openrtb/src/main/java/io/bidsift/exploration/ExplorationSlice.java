package io.bidsift.exploration;

import java.nio.charset.StandardCharsets;

/**
 * Which auctions are in the exploration slice: those whose request id hashes below the slice's
 * rate. The filter calls every DSP of such an auction, so the logs keep an unbiased sample of
 * what each DSP does with the requests the model would have filtered.
 *
 * <p>Why a hash of the request id and not a random draw: the auction server, the bid filter, the
 * training pipeline and any outside analysis can all recompute membership from the logged request
 * alone. The hash is spelled out so that code in another language can too:
 * FNV-1a 64-bit over the id's UTF-8 bytes, then the SplitMix64 finaliser (FNV's low bits mix
 * poorly), then the top 53 bits as a fraction in [0, 1); the auction is in the slice when that
 * fraction is below the rate.
 */
public final class ExplorationSlice {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private final double rate;

  /**
   * @param rate share of auctions in the slice, in [0, 1]
   */
  public ExplorationSlice(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("exploration rate must be in [0, 1], was " + rate);
    }
    this.rate = rate;
  }

  public double rate() {
    return rate;
  }

  /** Whether the auction of this request id is explored; a missing id never is. */
  public boolean contains(String requestId) {
    return requestId != null && rate > 0 && fraction(requestId) < rate;
  }

  /** The id's position in [0, 1), the same in every service. */
  public static double fraction(String requestId) {
    long h = FNV_OFFSET;
    for (byte b : requestId.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= FNV_PRIME;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    h ^= h >>> 31;
    return (h >>> 11) * 0x1.0p-53;
  }
}
