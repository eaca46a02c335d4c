package io.bidsift.simulator.market;

/** Where an ad shows: a web site or an application (phone, tablet and CTV apps alike). */
public enum Channel {
  SITE("site"),
  APP("app");

  private final String wire;

  Channel(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Channel fromWire(String name) {
    for (Channel c : values()) {
      if (c.wire.equals(name)) {
        return c;
      }
    }
    return null;
  }
}
