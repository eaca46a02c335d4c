package io.bidsift.modelsync;

import java.util.regex.Pattern;

/**
 * The AppConfig application, environment and configuration profile that hold the bundle
 * document, written {@code APP/ENV/PROFILE}; each is a name or an id.
 */
public record AppConfigTarget(String application, String environment, String profile) {

  private static final Pattern PART = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public AppConfigTarget {
    for (String part : new String[] {application, environment, profile}) {
      if (part == null || !PART.matcher(part).matches()) {
        throw new IllegalArgumentException("'" + part + "' is not an AppConfig application, environment or profile"
            + " name or id (1 to 64 letters, digits, '.', '_', '-')");
      }
    }
  }

  /** Parses {@code APP/ENV/PROFILE}. */
  public static AppConfigTarget parse(String spec) {
    String[] parts = spec == null ? new String[0] : spec.split("/", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("'" + spec + "' is not APPLICATION/ENVIRONMENT/PROFILE");
    }
    return new AppConfigTarget(parts[0], parts[1], parts[2]);
  }

  @Override
  public String toString() {
    return application + "/" + environment + "/" + profile;
  }
}
