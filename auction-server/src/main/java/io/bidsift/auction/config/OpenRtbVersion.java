package io.bidsift.auction.config;

/** The OpenRTB version a DSP speaks; 2.5 DSPs get the 2.6 fields moved back into {@code ext}. */
public enum OpenRtbVersion {
  V2_5("2.5"),
  V2_6("2.6");

  private final String wire;

  OpenRtbVersion(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The version for its text ("2.5", "2.6"), or null for any other. */
  public static OpenRtbVersion fromWire(String text) {
    for (OpenRtbVersion v : values()) {
      if (v.wire.equals(text)) {
        return v;
      }
    }
    return null;
  }
}
