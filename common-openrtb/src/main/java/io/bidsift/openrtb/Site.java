package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 Site: A website, when the ad appears on one.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Site(
    String id,
    String name,
    String domain,
    Integer cattax,
    List<String> cat,
    List<String> sectioncat,
    List<String> pagecat,
    String page,
    String ref,
    String search,
    Integer mobile,
    Integer privacypolicy,
    Publisher publisher,
    Content content,
    String keywords,
    List<String> kwarray,
    String inventorypartnerdomain,
    JsonObject ext,
    JsonObject unknown) {
}
