package io.bidsift.simulator.market;

import java.util.Map;

/**
 * The impressions the market offers.
 *
 * @param floors             floor distribution per format (every format has one)
 * @param floorRate          share of impressions that carry a floor at all
 * @param desktopBannerSizes banner sizes on desktop pages, "WxH" → weight
 * @param mobileBannerSizes  banner sizes on phones and tablets, "WxH" → weight; 320x480 is sent
 *                           as a full-screen interstitial ({@code instl = 1}) in apps
 */
public record Formats(Map<AdFormat, FormatFloor> floors, double floorRate, Map<String, Double> desktopBannerSizes,
                      Map<String, Double> mobileBannerSizes) {

  public Formats {
    floors = Map.copyOf(floors);
    desktopBannerSizes = OrderedMaps.copy(desktopBannerSizes);
    mobileBannerSizes = OrderedMaps.copy(mobileBannerSizes);
  }

  public FormatFloor floor(AdFormat format) {
    return floors.get(format);
  }
}
