package io.bidsift.exploration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExplorationSliceTest {

  @Test
  void fractionMatchesTheDocumentedHashSoOtherLanguagesCanRecomputeIt() {
    // Reference values computed by hand from the documented steps (FNV-1a 64, SplitMix64
    // finaliser, top 53 bits), independent of this implementation's loop.
    assertThat(ExplorationSlice.fraction("")).isEqualTo(reference(new byte[0]));
    assertThat(ExplorationSlice.fraction("req-1")).isEqualTo(reference("req-1".getBytes()));
    assertThat(ExplorationSlice.fraction("é")).isEqualTo(reference(new byte[] {(byte) 0xc3, (byte) 0xa9}));
  }

  @Test
  void sliceHoldsTheConfiguredShareOfRandomIds() {
    ExplorationSlice slice = new ExplorationSlice(0.01);
    int in = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      if (slice.contains(UUID.randomUUID().toString())) {
        in++;
      }
    }
    // 1% of 200k = 2000, sd ~ 44.5: +-5 sd
    assertThat(in).isBetween(1778, 2222);
  }

  @Test
  void sequentialIdsAreSpreadToo() {
    ExplorationSlice slice = new ExplorationSlice(0.1);
    int in = 0;
    for (int i = 0; i < 100_000; i++) {
      if (slice.contains("auction-" + i)) {
        in++;
      }
    }
    assertThat(in).isBetween(9_000, 11_000);
  }

  @Test
  void membershipIsStableAndNestedAcrossRates() {
    ExplorationSlice small = new ExplorationSlice(0.02);
    ExplorationSlice large = new ExplorationSlice(0.2);
    for (int i = 0; i < 10_000; i++) {
      String id = "id-" + i;
      assertThat(small.contains(id)).isEqualTo(small.contains(id));
      if (small.contains(id)) {
        assertThat(large.contains(id)).isTrue();
      }
    }
  }

  @Test
  void zeroRateAndMissingIdsAreNeverExploredAndFullRateAlwaysIs() {
    assertThat(new ExplorationSlice(0).contains("x")).isFalse();
    assertThat(new ExplorationSlice(0.5).contains(null)).isFalse();
    assertThat(new ExplorationSlice(1).contains("x")).isTrue();
  }

  @Test
  void rateOutsideUnitIntervalIsRefused() {
    assertThatThrownBy(() -> new ExplorationSlice(1.5)).hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> new ExplorationSlice(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  private static double reference(byte[] bytes) {
    java.math.BigInteger mod = java.math.BigInteger.ONE.shiftLeft(64);
    java.math.BigInteger h = new java.math.BigInteger("cbf29ce484222325", 16);
    java.math.BigInteger prime = new java.math.BigInteger("100000001b3", 16);
    for (byte b : bytes) {
      h = h.xor(java.math.BigInteger.valueOf(b & 0xff)).multiply(prime).mod(mod);
    }
    h = h.xor(h.shiftRight(30)).multiply(new java.math.BigInteger("bf58476d1ce4e5b9", 16)).mod(mod);
    h = h.xor(h.shiftRight(27)).multiply(new java.math.BigInteger("94d049bb133111eb", 16)).mod(mod);
    h = h.xor(h.shiftRight(31));
    return h.shiftRight(11).doubleValue() / Math.pow(2, 53);
  }
}
