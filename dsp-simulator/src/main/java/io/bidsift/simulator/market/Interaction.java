package io.bidsift.simulator.market;

import java.util.Set;

/**
 * A log-odds effect for a combination of features: it applies when every condition given holds
 * (an empty set, or a null {@code userId}, is no condition).
 *
 * @param countries    the request's country is one of these
 * @param formats      the first imp's format is one of these
 * @param deviceTypes  the device class is one of these
 * @param environments the channel is one of these
 * @param categories   the site or app has one of these top-level IAB categories
 * @param userId       the user is identified (true) or not (false)
 * @param effect       log-odds added when it applies
 */
public record Interaction(Set<String> countries, Set<AdFormat> formats, Set<DeviceClass> deviceTypes,
                          Set<Channel> environments, Set<String> categories, Boolean userId, double effect) {

  public Interaction {
    countries = Set.copyOf(countries);
    formats = Set.copyOf(formats);
    deviceTypes = Set.copyOf(deviceTypes);
    environments = Set.copyOf(environments);
    categories = Set.copyOf(categories);
  }
}
