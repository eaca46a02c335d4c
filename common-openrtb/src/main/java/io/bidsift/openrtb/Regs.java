package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 Regs: Regulatory conditions.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Regs(
    Integer coppa,
    Integer gdpr,
    String usPrivacy,
    String gpp,
    List<Integer> gppSid,
    JsonObject ext,
    JsonObject unknown) {
}
