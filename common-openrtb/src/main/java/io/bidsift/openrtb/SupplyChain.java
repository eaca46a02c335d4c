package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 SupplyChain: The supply chain (SupplyChain object of the SupplyChain spec).
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record SupplyChain(
    Integer complete,
    List<SupplyChainNode> nodes,
    String ver,
    JsonObject ext,
    JsonObject unknown) {
}
