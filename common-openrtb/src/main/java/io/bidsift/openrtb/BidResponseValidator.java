package io.bidsift.openrtb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks one DSP's {@link BidResponse} against the {@link BidRequest} it answers. Stateless
 * and thread-safe.
 *
 * <p>Response-level rules: {@code response.id} equals {@code request.id}; {@code response.cur}
 * (USD when absent) is one of {@code request.cur} (USD when absent). Per bid: an id; an
 * {@code impid} naming one of the request's imps; a positive, finite price at or above the
 * floor; no {@code adomain} in {@code request.badv} (case-insensitive, domains are) and no
 * {@code cat} in {@code request.bcat}.
 *
 * <p>The floor is the one of the deal the bid names ({@code dealid}) when that deal has one,
 * else the imp's: a private-marketplace bid may legitimately go below the open-auction floor.
 * A floor in another currency than the response is not compared, since converting needs
 * exchange rates this class does not have.
 */
public final class BidResponseValidator {

  private static final String DEFAULT_CURRENCY = "USD";

  /** Every problem of the response, with {@code response.} paths; empty when all is valid. */
  public List<String> validate(BidRequest request, BidResponse response) {
    List<String> problems = new ArrayList<>();
    checkResponse(request, response, problems);
    ImpIndex imps = new ImpIndex(request.imp());
    List<SeatBid> seats = response.seatbid();
    for (int s = 0; seats != null && s < seats.size(); s++) {
      List<Bid> bids = seats.get(s).bid();
      for (int b = 0; bids != null && b < bids.size(); b++) {
        checkBid(request, imps, currency(response), s, b, bids.get(b), problems);
      }
    }
    return problems.isEmpty() ? List.of() : Collections.unmodifiableList(problems);
  }

  /**
   * One verdict per bid, in response order. A response-level problem (wrong id, currency) is
   * listed in every bid's verdict: it makes every bid of the response unusable.
   */
  public List<BidVerdict> verdicts(BidRequest request, BidResponse response) {
    List<String> responseProblems = new ArrayList<>();
    checkResponse(request, response, responseProblems);
    ImpIndex imps = new ImpIndex(request.imp());
    List<BidVerdict> verdicts = new ArrayList<>();
    List<SeatBid> seats = response.seatbid();
    for (int s = 0; seats != null && s < seats.size(); s++) {
      List<Bid> bids = seats.get(s).bid();
      for (int b = 0; bids != null && b < bids.size(); b++) {
        List<String> problems = new ArrayList<>(responseProblems);
        checkBid(request, imps, currency(response), s, b, bids.get(b), problems);
        verdicts.add(new BidVerdict(s, b, bids.get(b), problems));
      }
    }
    return verdicts;
  }

  private static void checkResponse(BidRequest request, BidResponse response, List<String> problems) {
    if (response.id() == null) {
      problems.add("response.id is required and must equal request.id (\"" + request.id() + "\")");
    } else if (!response.id().equals(request.id())) {
      problems.add("response.id \"" + response.id() + "\" does not match request.id (\"" + request.id() + "\")");
    }
    String currency = currency(response);
    if (!isAllowedCurrency(currency, request.cur())) {
      problems.add("response.cur \"" + currency + "\" is not one of request.cur "
          + (isEmpty(request.cur()) ? List.of(DEFAULT_CURRENCY) : request.cur()));
    }
  }

  private static void checkBid(BidRequest request, ImpIndex imps, String currency, int s, int b, Bid bid,
      List<String> problems) {
    if (isBlank(bid.id())) {
      problems.add(bid(s, b) + ".id is required");
    }
    int impIndex = -1;
    if (isBlank(bid.impid())) {
      problems.add(bid(s, b) + ".impid is required");
    } else {
      impIndex = imps.indexOf(bid.impid());
      if (impIndex < 0) {
        problems.add(bid(s, b) + ".impid \"" + bid.impid() + "\" does not match any request.imp id");
      }
    }
    Double price = bid.price();
    if (price == null) {
      problems.add(bid(s, b) + ".price is required");
    } else if (!(price > 0) || Double.isInfinite(price)) {
      problems.add(bid(s, b) + ".price must be a positive finite number, got " + price);
    } else if (impIndex >= 0) {
      checkFloor(request.imp().get(impIndex), impIndex, bid, currency, s, b, problems);
    }
    checkBlocked(bid.adomain(), request.badv(), true, s, b, ".adomain", "request.badv", problems);
    checkBlocked(bid.cat(), request.bcat(), false, s, b, ".cat", "request.bcat", problems);
  }

  private static void checkFloor(Imp imp, int impIndex, Bid bid, String currency, int s, int b,
      List<String> problems) {
    int dealIndex = dealIndex(imp, bid.dealid());
    Deal deal = dealIndex < 0 ? null : imp.pmp().deals().get(dealIndex);
    boolean dealFloor = deal != null && deal.bidfloor() != null;
    Double floor = dealFloor ? deal.bidfloor() : imp.bidfloor();
    String floorCurrency = dealFloor ? deal.bidfloorcur() : imp.bidfloorcur();
    if (floor == null || !sameCurrency(floorCurrency == null ? DEFAULT_CURRENCY : floorCurrency, currency)) {
      return;
    }
    if (bid.price() < floor) {
      String floorPath = "request.imp[" + impIndex + "]" + (dealFloor ? ".pmp.deals[" + dealIndex + "]" : "");
      problems.add(bid(s, b) + ".price " + bid.price() + " is below " + floorPath + ".bidfloor " + floor);
    }
  }

  private static int dealIndex(Imp imp, String dealId) {
    if (dealId == null || imp.pmp() == null || imp.pmp().deals() == null) {
      return -1;
    }
    List<Deal> deals = imp.pmp().deals();
    for (int d = 0; d < deals.size(); d++) {
      if (dealId.equals(deals.get(d).id())) {
        return d;
      }
    }
    return -1;
  }

  private static void checkBlocked(List<String> values, List<String> blocked, boolean ignoreCase,
      int s, int b, String field, String blockList, List<String> problems) {
    if (isEmpty(values) || isEmpty(blocked)) {
      return;
    }
    for (int v = 0; v < values.size(); v++) {
      String value = values.get(v);
      for (String block : blocked) {
        if (ignoreCase ? value.equalsIgnoreCase(block) : value.equals(block)) {
          problems.add(bid(s, b) + field + "[" + v + "] \"" + value + "\" is blocked by " + blockList);
          break;
        }
      }
    }
  }

  private static String currency(BidResponse response) {
    return response.cur() == null ? DEFAULT_CURRENCY : response.cur();
  }

  private static boolean isAllowedCurrency(String currency, List<String> allowed) {
    if (isEmpty(allowed)) {
      return sameCurrency(currency, DEFAULT_CURRENCY);
    }
    for (String a : allowed) {
      if (sameCurrency(currency, a)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameCurrency(String a, String b) {
    return a.equalsIgnoreCase(b);
  }

  private static String bid(int s, int b) {
    return "response.seatbid[" + s + "].bid[" + b + "]";
  }

  private static boolean isBlank(String s) {
    return s == null || s.isEmpty();
  }

  private static boolean isEmpty(List<String> list) {
    return list == null || list.isEmpty();
  }

  /** Finds an imp by id: a scan for the usual handful of imps, a map for many. */
  private static final class ImpIndex {

    private static final int SCAN_LIMIT = 16;

    private final List<Imp> imps;
    private final Map<String, Integer> byId;

    ImpIndex(List<Imp> imps) {
      this.imps = imps == null ? List.of() : imps;
      if (this.imps.size() <= SCAN_LIMIT) {
        this.byId = null;
        return;
      }
      this.byId = new HashMap<>(this.imps.size() * 2);
      for (int i = 0; i < this.imps.size(); i++) {
        String id = this.imps.get(i).id();
        if (id != null) {
          byId.putIfAbsent(id, i);
        }
      }
    }

    int indexOf(String impId) {
      if (byId != null) {
        Integer i = byId.get(impId);
        return i == null ? -1 : i;
      }
      for (int i = 0; i < imps.size(); i++) {
        if (impId.equals(imps.get(i).id())) {
          return i;
        }
      }
      return -1;
    }
  }
}
