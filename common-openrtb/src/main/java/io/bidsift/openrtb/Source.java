package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;

/**
 * OpenRTB 2.6 Source: The entity responsible for the final impression sale decision.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Source(
    Integer fd,
    String tid,
    String pchain,
    SupplyChain schain,
    JsonObject ext,
    JsonObject unknown) {
}
