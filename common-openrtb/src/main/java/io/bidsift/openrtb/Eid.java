package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 Eid: Extended identifiers from one source.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Eid(
    String inserter,
    String source,
    String matcher,
    Integer mm,
    List<Uid> uids,
    JsonObject ext,
    JsonObject unknown) {
}
