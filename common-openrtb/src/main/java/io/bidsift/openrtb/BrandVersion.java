package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 BrandVersion: A brand (browser or platform) with its version components.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record BrandVersion(
    String brand,
    List<String> version,
    JsonObject ext,
    JsonObject unknown) {
}
