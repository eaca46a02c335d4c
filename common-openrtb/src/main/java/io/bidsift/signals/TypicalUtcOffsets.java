package io.bidsift.signals;

import java.util.Map;

/**
 * A typical UTC offset per country, for local time when a request carries no geo.utcoffset.
 *
 * <p>This is an approximation, and deliberately a fixed one: standard time only (no daylight
 * saving), and for a country spanning several zones the zone where most of its ad traffic is
 * (USA: Eastern, Canada: Eastern, Brazil: Brasília, Russia: Moscow, Australia: Sydney,
 * Indonesia: Jakarta, Mexico: Mexico City). It covers the ~50 largest ad markets; other
 * countries fall back to UTC. Being fixed keeps the signal deterministic: the same request at
 * the same instant gives the same hour in training and serving, whatever the JVM's tz data.
 * Changing an entry changes a signal's meaning: bump {@link RequestSignals#VERSION}.
 */
final class TypicalUtcOffsets {

  private static final Map<String, Integer> MINUTES_BY_ALPHA3 = Map.ofEntries(
      // Americas
      Map.entry("USA", -300), Map.entry("CAN", -300), Map.entry("MEX", -360),
      Map.entry("BRA", -180), Map.entry("ARG", -180), Map.entry("COL", -300),
      Map.entry("CHL", -240), Map.entry("PER", -300),
      // Europe
      Map.entry("GBR", 0), Map.entry("IRL", 0), Map.entry("PRT", 0),
      Map.entry("FRA", 60), Map.entry("DEU", 60), Map.entry("ITA", 60), Map.entry("ESP", 60),
      Map.entry("NLD", 60), Map.entry("BEL", 60), Map.entry("CHE", 60), Map.entry("AUT", 60),
      Map.entry("SWE", 60), Map.entry("NOR", 60), Map.entry("DNK", 60), Map.entry("POL", 60),
      Map.entry("CZE", 60), Map.entry("HUN", 60),
      Map.entry("FIN", 120), Map.entry("GRC", 120), Map.entry("ROU", 120), Map.entry("UKR", 120),
      Map.entry("TUR", 180), Map.entry("RUS", 180),
      // Middle East and Africa
      Map.entry("ISR", 120), Map.entry("EGY", 120), Map.entry("ZAF", 120),
      Map.entry("SAU", 180), Map.entry("KEN", 180), Map.entry("ARE", 240), Map.entry("NGA", 60),
      // Asia-Pacific
      Map.entry("IND", 330), Map.entry("PAK", 300), Map.entry("BGD", 360),
      Map.entry("IDN", 420), Map.entry("THA", 420), Map.entry("VNM", 420),
      Map.entry("CHN", 480), Map.entry("HKG", 480), Map.entry("TWN", 480), Map.entry("SGP", 480),
      Map.entry("MYS", 480), Map.entry("PHL", 480),
      Map.entry("KOR", 540), Map.entry("JPN", 540),
      Map.entry("AUS", 600), Map.entry("NZL", 720));

  private TypicalUtcOffsets() {
  }

  /** Minutes east of UTC for an alpha-3 country code, or null when the table has no entry. */
  static Integer minutesFor(String alpha3) {
    return alpha3 == null ? null : MINUTES_BY_ALPHA3.get(alpha3);
  }
}
