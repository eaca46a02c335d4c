package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 Audio: An audio impression.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Audio(
    List<String> mimes,
    Integer minduration,
    Integer maxduration,
    Integer poddur,
    List<Integer> protocols,
    Integer startdelay,
    List<Integer> rqddurs,
    String podid,
    Integer podseq,
    Integer sequence,
    Integer slotinpod,
    Double mincpmpersec,
    List<Integer> battr,
    Integer maxextended,
    Integer minbitrate,
    Integer maxbitrate,
    List<Integer> delivery,
    List<Banner> companionad,
    List<Integer> api,
    List<Integer> companiontype,
    Integer maxseq,
    Integer feed,
    Integer stitched,
    Integer nvol,
    JsonObject ext,
    JsonObject unknown) {
}
