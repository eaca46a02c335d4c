package io.bidsift.simulator.traffic;

import io.bidsift.simulator.market.DeviceClass;
import io.bidsift.simulator.market.WeightedIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Real-world device models with their user agents (late 2024). Fixed rather than configurable:
 * the market file chooses device classes and the iOS share; which phone models exist is not a
 * knob anyone needs to turn.
 */
final class DeviceCatalog {

  private static final String CHROME = "130.0.6723.102";

  private static final List<DeviceProfile> PROFILES = List.of(
      iphone("18.1", "18.1", 393, 852, 3, 4),
      iphone("17.5.1", "17.5", 390, 844, 3, 3),
      iphone("16.7.10", "16.6", 375, 667, 2, 1),
      android(DeviceClass.PHONE, "14", "samsung", "SM-S928B", "UP1A.231005.007", 412, 915, 3.5, 2),
      android(DeviceClass.PHONE, "14", "samsung", "SM-A546B", "UP1A.231005.007", 384, 854, 2.8125, 3),
      android(DeviceClass.PHONE, "15", "Google", "Pixel 8", "AP3A.241105.007", 412, 915, 2.625, 1.5),
      android(DeviceClass.PHONE, "13", "Xiaomi", "23129RAA4G", "TKQ1.221114.001", 393, 873, 2.75, 2),
      android(DeviceClass.PHONE, "14", "motorola", "moto g54 5G", "U1TDS34.94-12-9-10", 360, 800, 3, 1),
      new DeviceProfile(DeviceClass.TABLET, "iOS", "17.6.1", "Apple", "iPad",
          "Mozilla/5.0 (iPad; CPU OS 17_6_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
          "Mozilla/5.0 (iPad; CPU OS 17_6_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
          820, 1180, 2, 1),
      android(DeviceClass.TABLET, "14", "samsung", "SM-X710", "UP1A.231005.007", 800, 1280, 2, 2),
      android(DeviceClass.TABLET, "13", "Lenovo", "TB128FU", "TP1A.220624.014", 600, 1000, 2, 1),
      desktop("Windows", "10", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36", 1920, 1080, 5),
      desktop("Windows", "10", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0", 1536, 864, 2),
      desktop("Windows", "10", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0", 1920, 1080, 1),
      desktop("macOS", "10.15.7", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", 1440, 900, 1.5),
      desktop("macOS", "10.15.7", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36", 1728, 1117, 1.5),
      ctv("Roku OS", "13.0", "Roku", "Roku Ultra", "Roku/DVP-13.0 (13.0.0.4183)", 3),
      ctv("Tizen", "7.0", "Samsung", "QN65Q80C", "Mozilla/5.0 (SMART-TV; LINUX; Tizen 7.0) AppleWebKit/537.36 (KHTML, like Gecko) 94.0.4606.31/7.0 TV Safari/537.36", 2),
      ctv("webOS", "23", "LG", "OLED55C3PUA", "Mozilla/5.0 (Web0S; Linux/SmartTV) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/94.0.4606.128 Safari/537.36 WebAppManager", 1.5),
      ctv("Fire OS", "7.0", "Amazon", "AFTKA", "Mozilla/5.0 (Linux; Android 9; AFTKA Build/PS7633.3445N; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/" + CHROME + " Mobile Safari/537.36", 2),
      ctv("tvOS", "18.1", "Apple", "AppleTV14,1", "AppleCoreMedia/1.0.0.22J580 (Apple TV; U; CPU OS 18_1 like Mac OS X; en_us)", 1));

  /** Per device class: [0] iOS (or all, when the class has no iOS split), [1] the others. */
  private final Group[] groups = new Group[DeviceClass.values().length];

  DeviceCatalog() {
    for (DeviceClass c : DeviceClass.values()) {
      List<DeviceProfile> ios = new ArrayList<>();
      List<DeviceProfile> other = new ArrayList<>();
      for (DeviceProfile p : PROFILES) {
        if (p.deviceClass() == c) {
          (p.isIos() && splitsByOs(c) ? ios : other).add(p);
        }
      }
      groups[c.ordinal()] = new Group(Pool.of(ios), Pool.of(other));
    }
  }

  /** A device of this class; phones and tablets run iOS with probability {@code iosShare}. */
  DeviceProfile pick(DeviceClass deviceClass, double iosShare, SplittableRandom r) {
    Group g = groups[deviceClass.ordinal()];
    Pool pool = splitsByOs(deviceClass) && r.nextDouble() < iosShare ? g.ios : g.other;
    return pool.pick(r);
  }

  private static boolean splitsByOs(DeviceClass c) {
    return c == DeviceClass.PHONE || c == DeviceClass.TABLET;
  }

  private record Group(Pool ios, Pool other) {
  }

  private record Pool(List<DeviceProfile> profiles, WeightedIndex index) {

    static Pool of(List<DeviceProfile> profiles) {
      return profiles.isEmpty() ? null
          : new Pool(List.copyOf(profiles), new WeightedIndex(profiles.stream().mapToDouble(DeviceProfile::weight).toArray()));
    }

    DeviceProfile pick(SplittableRandom r) {
      return profiles.get(index.pick(r.nextDouble()));
    }
  }

  private static DeviceProfile iphone(String osv, String safari, int w, int h, double pxratio, double weight) {
    String v = osv.replace('.', '_');
    return new DeviceProfile(DeviceClass.PHONE, "iOS", osv, "Apple", "iPhone",
        "Mozilla/5.0 (iPhone; CPU iPhone OS " + v + " like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/"
            + safari + " Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (iPhone; CPU iPhone OS " + v + " like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        w, h, pxratio, weight);
  }

  private static DeviceProfile android(DeviceClass c, String osv, String make, String model, String build, int w, int h,
      double pxratio, double weight) {
    String mobile = c == DeviceClass.PHONE ? " Mobile" : "";
    return new DeviceProfile(c, "Android", osv, make, model,
        "Mozilla/5.0 (Linux; Android " + osv + "; " + model + ") AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
            + CHROME + mobile + " Safari/537.36",
        "Mozilla/5.0 (Linux; Android " + osv + "; " + model + " Build/" + build + "; wv) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Version/4.0 Chrome/" + CHROME + mobile + " Safari/537.36",
        w, h, pxratio, weight);
  }

  private static DeviceProfile desktop(String os, String osv, String ua, int w, int h, double weight) {
    return new DeviceProfile(DeviceClass.DESKTOP, os, osv, null, null, ua, ua, w, h, 1, weight);
  }

  private static DeviceProfile ctv(String os, String osv, String make, String model, String ua, double weight) {
    return new DeviceProfile(DeviceClass.CTV, os, osv, make, model, ua, ua, 1920, 1080, 1, weight);
  }
}
