package io.bidsift.json;

/**
 * An immutable JSON value. Used for everything the OpenRTB model does not type:
 * {@code ext} objects and unknown fields, so that re-serialising a request keeps them.
 * Numbers keep their original text, so a round trip never changes a digit.
 */
public sealed interface JsonValue
    permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {
}
