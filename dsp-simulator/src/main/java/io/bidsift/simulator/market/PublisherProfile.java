package io.bidsift.simulator.market;

import java.util.List;

/**
 * One publisher of the catalog: a single site or app with its own traffic mix.
 *
 * @param rank          1 for the publisher with the most traffic
 * @param publisherId   {@code publisher.id}
 * @param inventoryId   {@code site.id} or {@code app.id}
 * @param kind          site, app or ctv
 * @param name          site or app name
 * @param domain        site domain, or the app developer's domain
 * @param androidBundle app bundle on Android and CTV (null for sites)
 * @param iosBundle     App Store id of the app on iOS (null for sites and CTV apps)
 * @param categories    IAB content categories: a top-level one and one of its subcategories
 * @param homeCountry   alpha-3 code of the country most of its traffic comes from
 * @param countries     over {@link MarketModel#countries()}, in their order
 * @param devices       over {@link DeviceClass#values()}
 * @param formats       over {@link AdFormat#values()}
 * @param floorFactor   this publisher's floors relative to the market's
 * @param coppa         child-directed: every request has {@code regs.coppa = 1}
 * @param bcat          its blocked categories (may be empty)
 * @param badv          its blocked advertiser domains (may be empty)
 * @param reseller      the reseller it sells through (a second schain node), or null when direct
 */
public record PublisherProfile(int rank, String publisherId, String inventoryId, PublisherKind kind, String name,
                               String domain, String androidBundle, String iosBundle, List<String> categories,
                               String homeCountry, WeightedIndex countries, WeightedIndex devices,
                               WeightedIndex formats, double floorFactor, boolean coppa, List<String> bcat,
                               List<String> badv, String reseller) {

  public PublisherProfile {
    categories = List.copyOf(categories);
    bcat = List.copyOf(bcat);
    badv = List.copyOf(badv);
  }
}
