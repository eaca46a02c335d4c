package io.bidsift.simulator.traffic;

import java.util.SplittableRandom;

/**
 * Consent and GPP strings. Their content is opaque to every DSP model here, so a fixed pool of
 * well-shaped strings (drawn once from a constant seed) is as good as fresh ones and cheaper.
 */
final class PrivacyStrings {

  private static final int POOL = 64;
  private static final long POOL_SEED = 0x7C0_5E17L;

  private final String[] tcf = new String[POOL];

  PrivacyStrings() {
    SplittableRandom r = new SplittableRandom(POOL_SEED);
    for (int i = 0; i < POOL; i++) {
      // TCF v2 core strings start with "C" and run to 100-200 base64url characters.
      tcf[i] = "CQ" + Ids.base64url(r, 90 + r.nextInt(60)) + ".YAAAAAAAAAAA";
    }
  }

  /** A TCF v2 consent string ({@code user.consent}). */
  String tcfConsent(SplittableRandom r) {
    return tcf[r.nextInt(POOL)];
  }

  /** A GPP string holding the EU TCF section ({@code gpp_sid} 2). */
  String gppEu(String consent) {
    return "DBABMA~" + consent;
  }

  /** A GPP string holding the US national section ({@code gpp_sid} 7). */
  String gppUs(boolean optOut) {
    return optOut ? "DBABLA~BVQVAAAAAgA.QA" : "DBABLA~BVQqAAAAAgA.QA";
  }

  /** {@code regs.us_privacy}: notice given, opted out of sale or not, not covered by LSPA. */
  String usPrivacy(boolean optOut) {
    return optOut ? "1YYN" : "1YNN";
  }
}
