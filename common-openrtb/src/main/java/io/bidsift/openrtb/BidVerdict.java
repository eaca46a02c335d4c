package io.bidsift.openrtb;

import java.util.List;

/**
 * Whether one bid of a DSP's response may enter the auction. An auction drops the bids with
 * problems and keeps the rest of the response.
 *
 * @param seatIndex index in {@code response.seatbid}
 * @param bidIndex  index in that seat's {@code bid}
 * @param bid       the bid itself
 * @param problems  path-qualified messages ({@code response.seatbid[0].bid[1].price ...}),
 *                  including response-level ones (id, currency) that spoil every bid; empty
 *                  when the bid is valid
 */
public record BidVerdict(int seatIndex, int bidIndex, Bid bid, List<String> problems) {

  public BidVerdict {
    problems = List.copyOf(problems);
  }

  public boolean valid() {
    return problems.isEmpty();
  }
}
