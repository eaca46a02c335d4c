package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 Dooh: A digital out-of-home screen, when the ad appears on one.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Dooh(
    String id,
    String name,
    List<String> venuetype,
    Integer venuetypetax,
    Publisher publisher,
    String domain,
    String keywords,
    Content content,
    JsonObject ext,
    JsonObject unknown) {
}
