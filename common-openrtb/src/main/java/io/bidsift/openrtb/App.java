package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 App: A non-browser application, when the ad appears in one.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record App(
    String id,
    String name,
    String bundle,
    String domain,
    String storeurl,
    Integer cattax,
    List<String> cat,
    List<String> sectioncat,
    List<String> pagecat,
    String ver,
    Integer privacypolicy,
    Integer paid,
    Publisher publisher,
    Content content,
    String keywords,
    List<String> kwarray,
    String inventorypartnerdomain,
    JsonObject ext,
    JsonObject unknown) {
}
