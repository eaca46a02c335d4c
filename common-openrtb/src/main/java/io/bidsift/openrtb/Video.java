package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 Video: A video impression.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Video(
    List<String> mimes,
    Integer minduration,
    Integer maxduration,
    Integer startdelay,
    Integer maxseq,
    Integer poddur,
    List<Integer> protocols,
    Integer protocol,
    Integer w,
    Integer h,
    String podid,
    Integer podseq,
    List<Integer> rqddurs,
    Integer placement,
    Integer plcmt,
    Integer linearity,
    Integer skip,
    Integer skipmin,
    Integer skipafter,
    Integer sequence,
    Integer slotinpod,
    Double mincpmpersec,
    List<Integer> battr,
    Integer maxextended,
    Integer minbitrate,
    Integer maxbitrate,
    Integer boxingallowed,
    List<Integer> playbackmethod,
    Integer playbackend,
    List<Integer> delivery,
    Integer pos,
    List<Banner> companionad,
    List<Integer> api,
    List<Integer> companiontype,
    List<Integer> poddedupe,
    JsonObject ext,
    JsonObject unknown) {
}
