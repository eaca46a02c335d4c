package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 BidResponse: The top-level bid response.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record BidResponse(
    String id,
    List<SeatBid> seatbid,
    String bidid,
    String cur,
    String customdata,
    Integer nbr,
    JsonObject ext,
    JsonObject unknown) {
}
