package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;

/**
 * OpenRTB 2.6 Uid: One extended identifier.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Uid(
    String id,
    Integer atype,
    JsonObject ext,
    JsonObject unknown) {
}
