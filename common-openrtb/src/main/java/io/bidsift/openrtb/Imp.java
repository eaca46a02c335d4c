package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 Imp: One impression offered for sale.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Imp(
    String id,
    List<Metric> metric,
    Banner banner,
    Video video,
    Audio audio,
    @JsonName("native") Native nativeAd,
    Pmp pmp,
    String displaymanager,
    String displaymanagerver,
    Integer instl,
    String tagid,
    Double bidfloor,
    String bidfloorcur,
    Integer clickbrowser,
    Integer secure,
    List<String> iframebuster,
    Integer rwdd,
    Integer ssai,
    Integer exp,
    JsonObject qty,
    Double dt,
    JsonObject refresh,
    JsonObject ext,
    JsonObject unknown) {
}
