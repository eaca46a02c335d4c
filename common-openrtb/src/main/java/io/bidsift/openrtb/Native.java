package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 Native: A native impression; {@code request} is the Native Markup Request, itself JSON in a string.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Native(
    String request,
    String ver,
    List<Integer> api,
    List<Integer> battr,
    JsonObject ext,
    JsonObject unknown) {
}
