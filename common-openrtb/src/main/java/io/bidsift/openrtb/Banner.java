package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 Banner: A banner, rich-media or in-banner video impression.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Banner(
    List<Format> format,
    Integer w,
    Integer h,
    List<Integer> btype,
    List<Integer> battr,
    Integer pos,
    List<String> mimes,
    Integer topframe,
    List<Integer> expdir,
    List<Integer> api,
    String id,
    Integer vcm,
    JsonObject ext,
    JsonObject unknown) {
}
