package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 BidRequest: The top-level bid request.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record BidRequest(
    String id,
    List<Imp> imp,
    Site site,
    App app,
    Dooh dooh,
    Device device,
    User user,
    Integer test,
    Integer at,
    Integer tmax,
    List<String> wseat,
    List<String> bseat,
    Integer allimps,
    List<String> cur,
    List<String> wlang,
    List<String> wlangb,
    List<String> bcat,
    Integer cattax,
    List<String> badv,
    List<String> bapp,
    Source source,
    Regs regs,
    JsonObject ext,
    JsonObject unknown) {
}
