package io.bidsift.simulator.market;

import java.util.List;

/**
 * A publisher-side block list ({@code bcat} or {@code badv}) drawn once per publisher.
 *
 * @param rate share of publishers that send one
 * @param max  most entries a publisher's list holds (at least 1 when it has one)
 * @param pool the values a list is drawn from
 */
public record BlockList(double rate, int max, List<String> pool) {

  public BlockList {
    pool = List.copyOf(pool);
  }
}
