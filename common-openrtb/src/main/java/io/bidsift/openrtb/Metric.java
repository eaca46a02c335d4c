package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;

/**
 * OpenRTB 2.6 Metric: A measured metric of the impression (viewability, click-through...).
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Metric(
    String type,
    Double value,
    String vendor,
    JsonObject ext,
    JsonObject unknown) {
}
