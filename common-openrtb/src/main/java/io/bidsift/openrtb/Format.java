package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;

/**
 * OpenRTB 2.6 Format: An allowed size, absolute or flexible.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Format(
    Integer w,
    Integer h,
    Integer wratio,
    Integer hratio,
    Integer wmin,
    JsonObject ext,
    JsonObject unknown) {
}
