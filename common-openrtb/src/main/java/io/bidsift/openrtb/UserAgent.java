package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 UserAgent: Structured user agent (from User-Agent Client Hints).
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record UserAgent(
    List<BrandVersion> browsers,
    BrandVersion platform,
    Integer mobile,
    String architecture,
    String bitness,
    String model,
    Integer source,
    JsonObject ext,
    JsonObject unknown) {
}
