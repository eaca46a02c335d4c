package io.bidsift.openrtb;

import io.bidsift.json.JsonObject;
import java.util.List;

/**
 * OpenRTB 2.6 Content: The content in which the impression appears.
 * Every field is optional here (null when absent); the validators say which must be set.
 * {@code ext} and {@code unknown} (fields this model does not type) are kept for re-serialisation.
 */
public record Content(
    String id,
    Integer episode,
    String title,
    String series,
    String season,
    String artist,
    String genre,
    String album,
    String isrc,
    String url,
    Integer cattax,
    List<String> cat,
    Integer prodq,
    Integer context,
    String contentrating,
    String userrating,
    Integer qagmediarating,
    String keywords,
    List<String> kwarray,
    Integer livestream,
    Integer sourcerelationship,
    Integer len,
    String language,
    String langb,
    Integer embeddable,
    List<Data> data,
    JsonObject ext,
    JsonObject unknown) {
}
