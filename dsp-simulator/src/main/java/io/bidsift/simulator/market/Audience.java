package io.bidsift.simulator.market;

import java.util.List;

/**
 * How identifiable users are.
 *
 * @param siteUserIdRate share of site requests with an exchange user id ({@code user.id})
 * @param appUserIdRate  share of app requests with {@code user.id}
 * @param ifaRate        share of app requests with an advertising id ({@code device.ifa})
 * @param lmtRate        share of app requests with limited tracking ({@code lmt = 1}, zeroed ifa)
 * @param eids           extended-id providers
 */
public record Audience(double siteUserIdRate, double appUserIdRate, double ifaRate, double lmtRate,
                       List<EidSource> eids) {

  public Audience {
    eids = List.copyOf(eids);
  }
}
