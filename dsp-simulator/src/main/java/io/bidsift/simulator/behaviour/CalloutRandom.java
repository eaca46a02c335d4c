package io.bidsift.simulator.behaviour;

import java.util.SplittableRandom;

/**
 * The random source of one callout, derived from a seed, the request id and the DSP id. The log
 * generator and the live DSP fleet both seed decisions this way, so a DSP given the same
 * request under the same seed decides the same thing wherever it runs.
 */
public final class CalloutRandom {

  private CalloutRandom() {
  }

  public static SplittableRandom forCallout(long seed, String requestId, String dspId) {
    long requestHash = StableHash.of(requestId == null ? "" : requestId);
    long dspHash = StableHash.of(dspId);
    return new SplittableRandom(StableHash.mix(seed ^ requestHash ^ Long.rotateLeft(dspHash, 29)));
  }
}
