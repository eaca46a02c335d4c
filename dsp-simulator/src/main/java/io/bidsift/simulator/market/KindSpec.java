package io.bidsift.simulator.market;

import java.util.Map;

/**
 * The typical traffic of one kind of publisher; each publisher's own mix is drawn around it.
 *
 * @param share   share of the publishers that are of this kind
 * @param devices device class → weight
 * @param formats ad format → weight
 */
public record KindSpec(double share, Map<DeviceClass, Double> devices, Map<AdFormat, Double> formats) {

  public KindSpec {
    devices = OrderedMaps.copy(devices);
    formats = OrderedMaps.copy(formats);
  }
}
