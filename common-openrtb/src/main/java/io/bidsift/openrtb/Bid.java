package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 Bid: One offer to buy one impression.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Bid(
    String id,
    String impid,
    Double price,
    String nurl,
    String burl,
    String lurl,
    String adm,
    String adid,
    List<String> adomain,
    String bundle,
    String iurl,
    String cid,
    String crid,
    String tactic,
    Integer cattax,
    List<String> cat,
    List<Integer> attr,
    List<Integer> apis,
    Integer api,
    Integer protocol,
    Integer qagmediarating,
    String language,
    String langb,
    String dealid,
    Integer w,
    Integer h,
    Integer wratio,
    Integer hratio,
    Integer exp,
    Integer dur,
    Integer mtype,
    Integer slotinpod,
    JsonObject ext,
    JsonObject unknown) {
}
