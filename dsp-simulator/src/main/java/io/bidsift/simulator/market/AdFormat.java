package io.bidsift.simulator.market;

/** The media type of an impression, as the market and the DSPs see it. */
public enum AdFormat {
  BANNER("banner"),
  VIDEO("video"),
  NATIVE("native");

  private final String wire;

  AdFormat(String wire) {
    this.wire = wire;
  }

  /** The name used in the market file and in {@code RequestSignals.primaryFormat}. */
  public String wire() {
    return wire;
  }

  /** The format with this name, or null. */
  public static AdFormat fromWire(String name) {
    for (AdFormat f : values()) {
      if (f.wire.equals(name)) {
        return f;
      }
    }
    return null;
  }
}
