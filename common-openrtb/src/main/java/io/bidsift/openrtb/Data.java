package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 Data: Additional data about the user, from one data provider.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Data(
    String id,
    String name,
    List<Segment> segment,
    JsonObject ext,
    JsonObject unknown) {
}
