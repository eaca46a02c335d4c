package io.bidsift.auction.config;

import io.bidsift.signals.RequestSignals;
import io.bidsift.signals.RequestSignals.Environment;
import io.bidsift.signals.RequestSignals.MediaType;
import java.util.Set;

/**
 * A DSP's static pretargeting: what it buys at all, as agreed with it. An empty set means "any".
 * A request matches when every non-empty set matches.
 *
 * @param formats     media types ({@code banner}, {@code video}, {@code audio}, {@code native}); matches
 *                    when any imp offers one of them
 * @param countries   ISO-3166-1 alpha-3 codes; matches the request's country (device.geo, else
 *                    user.geo; alpha-2 converted); a request without a country does not match
 * @param deviceTypes {@code desktop}, {@code phone}, {@code tablet}, {@code ctv}, {@code connected_device}
 *                    (AdCOM device types 2; 1 and 4; 5; 3 and 7; 6); a request without a device type
 *                    does not match
 * @param channels    {@code site}, {@code app} or {@code dooh}
 */
public record Pretargeting(Set<String> formats, Set<String> countries, Set<String> deviceTypes,
                           Set<String> channels) {

  public static final Set<String> FORMATS = Set.of("banner", "video", "audio", "native");
  public static final Set<String> DEVICE_TYPES = Set.of("desktop", "phone", "tablet", "ctv", "connected_device");
  public static final Set<String> CHANNELS = Set.of("site", "app", "dooh");

  public static final Pretargeting ANY = new Pretargeting(Set.of(), Set.of(), Set.of(), Set.of());

  public Pretargeting {
    formats = Set.copyOf(formats);
    countries = Set.copyOf(countries);
    deviceTypes = Set.copyOf(deviceTypes);
    channels = Set.copyOf(channels);
  }

  public boolean matches(RequestSignals signals) {
    return matchesFormats(signals) && matchesCountry(signals) && matchesDeviceType(signals)
        && matchesChannel(signals);
  }

  private boolean matchesFormats(RequestSignals signals) {
    if (formats.isEmpty()) {
      return true;
    }
    return (formats.contains("banner") && signals.has(MediaType.BANNER))
        || (formats.contains("video") && signals.has(MediaType.VIDEO))
        || (formats.contains("audio") && signals.has(MediaType.AUDIO))
        || (formats.contains("native") && signals.has(MediaType.NATIVE));
  }

  private boolean matchesCountry(RequestSignals signals) {
    return countries.isEmpty() || (signals.country() != null && countries.contains(signals.country()));
  }

  private boolean matchesDeviceType(RequestSignals signals) {
    if (deviceTypes.isEmpty()) {
      return true;
    }
    String type = deviceType(signals.deviceType());
    return type != null && deviceTypes.contains(type);
  }

  private boolean matchesChannel(RequestSignals signals) {
    if (channels.isEmpty()) {
      return true;
    }
    Environment e = signals.environment();
    return (e == Environment.SITE && channels.contains("site"))
        || (e == Environment.APP && channels.contains("app"))
        || (e == Environment.DOOH && channels.contains("dooh"));
  }

  /** The pretargeting name of an AdCOM device type, as the simulated market classes devices. */
  static String deviceType(Integer adcom) {
    if (adcom == null) {
      return null;
    }
    return switch (adcom) {
      case 1, 4 -> "phone";
      case 2 -> "desktop";
      case 3, 7 -> "ctv";
      case 5 -> "tablet";
      case 6 -> "connected_device";
      default -> null;
    };
  }
}
