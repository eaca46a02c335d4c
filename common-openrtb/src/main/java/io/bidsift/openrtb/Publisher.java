package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 Publisher: The publisher of the site, app or screen.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Publisher(
    String id,
    String name,
    Integer cattax,
    List<String> cat,
    String domain,
    JsonObject ext,
    JsonObject unknown) {
}
