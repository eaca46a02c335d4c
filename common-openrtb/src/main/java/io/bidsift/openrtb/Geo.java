package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;

/**
 * OpenRTB 2.6 Geo: A location, of the device or the user's home.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Geo(
    Double lat,
    Double lon,
    Integer type,
    Integer accuracy,
    Integer lastfix,
    Integer ipservice,
    String country,
    String region,
    String regionfips104,
    String metro,
    String city,
    String zip,
    Integer utcoffset,
    JsonObject ext,
    JsonObject unknown) {
}
