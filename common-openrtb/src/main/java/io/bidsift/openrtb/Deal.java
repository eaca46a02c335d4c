package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonValue;
import java.util.List;

/**
 * OpenRTB 2.6 Deal: One deal between buyer and seller.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Deal(
    String id,
    Double bidfloor,
    String bidfloorcur,
    Integer at,
    List<String> wseat,
    List<String> wadomain,
    Integer guar,
    Double mincpmpersec,
    JsonValue durfloors,
    JsonObject ext,
    JsonObject unknown) {
}
