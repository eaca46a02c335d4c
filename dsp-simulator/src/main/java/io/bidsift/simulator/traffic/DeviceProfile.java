package io.bidsift.simulator.traffic;

import io.bidsift.simulator.market.DeviceClass;

/**
 * A device model as it appears in {@code request.device}.
 *
 * @param deviceClass phone, tablet, desktop or CTV
 * @param os          {@code device.os}
 * @param osv         {@code device.osv}
 * @param make        {@code device.make}; null for desktops (browsers do not tell)
 * @param model       {@code device.model}; null for desktops
 * @param browserUa   user agent of the browser (site traffic)
 * @param appUa       user agent of the in-app web view or player (app traffic)
 * @param w           screen width in device-independent pixels
 * @param h           screen height
 * @param pxratio     physical pixels per device-independent pixel
 * @param weight      share among the profiles of the same class and OS family
 */
public record DeviceProfile(DeviceClass deviceClass, String os, String osv, String make, String model,
                            String browserUa, String appUa, int w, int h, double pxratio, double weight) {

  public boolean isIos() {
    return os.equals("iOS");
  }
}
