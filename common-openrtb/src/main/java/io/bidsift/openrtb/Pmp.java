package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 Pmp: Private marketplace deals for an impression.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Pmp(
    Integer privateAuction,
    List<Deal> deals,
    JsonObject ext,
    JsonObject unknown) {
}
