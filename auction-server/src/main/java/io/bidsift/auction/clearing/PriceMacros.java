package io.bidsift.auction.clearing;

import io.bidsift.openrtb.Bid;
import java.math.BigDecimal;

/**
 * Substitutes {@code ${AUCTION_PRICE}} (also URL-encoded, {@code %24%7BAUCTION_PRICE%7D}, as DSPs
 * often send it inside URLs) in a winning bid's {@code adm}, {@code nurl} and {@code burl} with the
 * clearing price, and sets the bid's price to it.
 */
public final class PriceMacros {

  static final String MACRO = "${AUCTION_PRICE}";
  static final String MACRO_ENCODED = "%24%7BAUCTION_PRICE%7D";

  private PriceMacros() {
  }

  public static Bid settle(Bid b, double price) {
    String text = BigDecimal.valueOf(price).stripTrailingZeros().toPlainString();
    return new Bid(b.id(), b.impid(), price, substitute(b.nurl(), text), substitute(b.burl(), text), b.lurl(),
        substitute(b.adm(), text), b.adid(), b.adomain(), b.bundle(), b.iurl(), b.cid(), b.crid(), b.tactic(),
        b.cattax(), b.cat(), b.attr(), b.apis(), b.api(), b.protocol(), b.qagmediarating(), b.language(),
        b.langb(), b.dealid(), b.w(), b.h(), b.wratio(), b.hratio(), b.exp(), b.dur(), b.mtype(), b.slotinpod(),
        b.ext(), b.unknown());
  }

  static String substitute(String s, String price) {
    if (s == null || s.indexOf("AUCTION_PRICE") < 0) {
      return s;
    }
    return s.replace(MACRO, price).replace(MACRO_ENCODED, price);
  }
}
