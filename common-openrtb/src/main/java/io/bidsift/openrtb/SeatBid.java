package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 SeatBid: The bids of one seat.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record SeatBid(
    List<Bid> bid,
    String seat,
    Integer group,
    JsonObject ext,
    JsonObject unknown) {
}
