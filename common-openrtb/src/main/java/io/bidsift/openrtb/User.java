package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 User: The human user of the device.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record User(
    String id,
    String buyeruid,
    Integer yob,
    String gender,
    String keywords,
    List<String> kwarray,
    String customdata,
    Geo geo,
    List<Data> data,
    String consent,
    List<Eid> eids,
    JsonObject ext,
    JsonObject unknown) {
}
