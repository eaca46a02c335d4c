package io.bidsift.simulator.market;

import java.util.Set;

/**
 * Hard rules: a request outside them never gets a bid. An empty set allows everything.
 *
 * @param countries      countries it buys in
 * @param formats        formats it buys (of the first imp)
 * @param deviceTypes    device classes it buys
 * @param environments   channels it buys
 * @param requireUserId  buys identified users only
 * @param requireConsent when GDPR applies, buys only with a consent string
 * @param allowCoppa     buys child-directed inventory ({@code regs.coppa = 1}); most DSPs do not
 */
public record Targeting(Set<String> countries, Set<AdFormat> formats, Set<DeviceClass> deviceTypes,
                        Set<Channel> environments, boolean requireUserId, boolean requireConsent,
                        boolean allowCoppa) {

  public static final Targeting EVERYTHING = new Targeting(Set.of(), Set.of(), Set.of(), Set.of(), false, false, false);

  public Targeting {
    countries = Set.copyOf(countries);
    formats = Set.copyOf(formats);
    deviceTypes = Set.copyOf(deviceTypes);
    environments = Set.copyOf(environments);
  }
}
