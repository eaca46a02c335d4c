package io.bidsift.simulator.generate;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * What to generate.
 *
 * @param out            directory for the logs and the manifest; must be new or empty
 * @param startDate      first UTC day
 * @param days           number of days
 * @param auctionsPerDay auctions on each day
 * @param seed           fixes everything: the same plan and market give byte-identical files
 * @param threads        hours generated at once (the output does not depend on it)
 */
public record GenerationPlan(Path out, LocalDate startDate, int days, int auctionsPerDay, long seed, int threads) {

  public static final int MAX_DAYS = 3_660;

  public GenerationPlan {
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException("--days must be between 1 and " + MAX_DAYS + ", got " + days);
    }
    if (auctionsPerDay < 1) {
      throw new IllegalArgumentException("--auctions-per-day must be at least 1, got " + auctionsPerDay);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }

  public long totalAuctions() {
    return (long) days * auctionsPerDay;
  }
}
