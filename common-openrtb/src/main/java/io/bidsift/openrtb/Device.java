package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;

/**
 * OpenRTB 2.6 Device: The device the impression will be shown on.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Device(
    Geo geo,
    Integer dnt,
    Integer lmt,
    String ua,
    UserAgent sua,
    String ip,
    String ipv6,
    Integer devicetype,
    String make,
    String model,
    String os,
    String osv,
    String hwv,
    Integer h,
    Integer w,
    Integer ppi,
    Double pxratio,
    Integer js,
    Integer geofetch,
    String flashver,
    String language,
    String langb,
    String carrier,
    String mccmnc,
    Integer connectiontype,
    String ifa,
    String didsha1,
    String didmd5,
    String dpidsha1,
    String dpidmd5,
    String macsha1,
    String macmd5,
    JsonObject ext,
    JsonObject unknown) {
}
