package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;

/**
 * OpenRTB 2.6 SupplyChainNode: One node of the supply chain.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record SupplyChainNode(
    String asi,
    String sid,
    String rid,
    String name,
    String domain,
    Integer hp,
    JsonObject ext,
    JsonObject unknown) {
}
