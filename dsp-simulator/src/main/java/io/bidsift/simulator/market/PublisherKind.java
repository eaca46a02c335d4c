package io.bidsift.simulator.market;

/** The kinds of publisher in the market; a CTV publisher is an app shown on TV screens. */
public enum PublisherKind {
  SITE("site", Channel.SITE),
  APP("app", Channel.APP),
  CTV("ctv", Channel.APP);

  private final String wire;
  private final Channel channel;

  PublisherKind(String wire, Channel channel) {
    this.wire = wire;
    this.channel = channel;
  }

  public String wire() {
    return wire;
  }

  public Channel channel() {
    return channel;
  }

  public static PublisherKind fromWire(String name) {
    for (PublisherKind k : values()) {
      if (k.wire.equals(name)) {
        return k;
      }
    }
    return null;
  }
}
