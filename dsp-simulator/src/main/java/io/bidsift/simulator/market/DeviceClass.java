package io.bidsift.simulator.market;

/** The kinds of device the market models, each with its AdCOM device type code. */
public enum DeviceClass {
  DESKTOP("desktop", 2),
  PHONE("phone", 4),
  TABLET("tablet", 5),
  CTV("ctv", 3);

  private final String wire;
  private final int adcomCode;

  DeviceClass(String wire, int adcomCode) {
    this.wire = wire;
    this.adcomCode = adcomCode;
  }

  public String wire() {
    return wire;
  }

  /** {@code device.devicetype} (AdCOM List: Device Types). */
  public int adcomCode() {
    return adcomCode;
  }

  public static DeviceClass fromWire(String name) {
    for (DeviceClass d : values()) {
      if (d.wire.equals(name)) {
        return d;
      }
    }
    return null;
  }

  /**
   * The class of an AdCOM device type as sent in a request: 1 (mobile/tablet, generic) counts
   * as a phone, 7 (set-top box) as a CTV; 6 (connected device), 8 (out-of-home) and unknown
   * codes have no class.
   */
  public static DeviceClass fromAdcom(Integer code) {
    if (code == null) {
      return null;
    }
    return switch (code) {
      case 1, 4 -> PHONE;
      case 2 -> DESKTOP;
      case 3, 7 -> CTV;
      case 5 -> TABLET;
      default -> null;
    };
  }
}
