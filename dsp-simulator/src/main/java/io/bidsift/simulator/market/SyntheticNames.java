package io.bidsift.simulator.market;

import java.util.Map;
import java.util.SplittableRandom;

/** Word lists for plausible publisher names, domains and bundles. */
final class SyntheticNames {

  private static final String[] SITE_FIRST = {"daily", "morning", "global", "metro", "urban", "true", "open",
      "bright", "smart", "prime", "first", "north", "coastal", "modern", "simple", "city", "local", "green",
      "happy", "quick", "clever", "golden", "silver", "blue", "red", "wild", "pure", "real", "big", "little"};
  private static final String[] SITE_SECOND = {"herald", "recipes", "gazette", "sports", "travel", "tech", "money",
      "health", "style", "garden", "motors", "cinema", "gamer", "parent", "science", "weather", "music", "home",
      "kitchen", "fitness", "finance", "outdoors", "review", "post", "journal", "times", "wire", "digest", "hub",
      "planet"};
  private static final String[] APP_FIRST = {"puzzle", "word", "color", "merge", "block", "bubble", "solitaire",
      "farm", "race", "photo", "fit", "sleep", "weather", "news", "chat", "radio", "cook", "map", "scan", "draw",
      "tile", "jewel", "bike", "golf", "chess", "sudoku", "kids", "pet", "music", "video"};
  private static final String[] APP_SECOND = {"quest", "master", "saga", "blast", "mania", "story", "tracker",
      "studio", "pro", "buddy", "live", "now", "go", "world", "land", "craft", "mate", "box", "plus", "hero"};
  private static final String[] STUDIOS = {"playforge", "brightbyte", "appnest", "pixelpeak", "tinylab",
      "loopworks", "moonshot", "cloudkite", "sparkplay", "northapps", "funwave", "gamebay"};
  private static final Map<String, String> TLD_BY_COUNTRY = Map.ofEntries(Map.entry("GBR", ".co.uk"),
      Map.entry("DEU", ".de"), Map.entry("FRA", ".fr"), Map.entry("ITA", ".it"), Map.entry("ESP", ".es"),
      Map.entry("NLD", ".nl"), Map.entry("POL", ".pl"), Map.entry("BRA", ".com.br"), Map.entry("MEX", ".com.mx"),
      Map.entry("JPN", ".jp"), Map.entry("AUS", ".com.au"), Map.entry("IND", ".in"), Map.entry("CAN", ".ca"));
  private static final String[] RESELLERS = {"adreach-exchange.com", "yieldmesh.net", "pubmatrix.io",
      "openlane-ads.com"};

  private SyntheticNames() {
  }

  /** Two words naming a site, e.g. {"daily", "herald"}. */
  static String[] siteWords(SplittableRandom r) {
    return new String[] {pick(SITE_FIRST, r), pick(SITE_SECOND, r)};
  }

  /** Two words naming an app, e.g. {"puzzle", "quest"}. */
  static String[] appWords(SplittableRandom r) {
    return new String[] {pick(APP_FIRST, r), pick(APP_SECOND, r)};
  }

  static String studio(SplittableRandom r) {
    return pick(STUDIOS, r);
  }

  /** The top-level domain a publisher at home in this country uses. */
  static String tld(String country) {
    return TLD_BY_COUNTRY.getOrDefault(country, ".com");
  }

  static String reseller(SplittableRandom r) {
    return pick(RESELLERS, r);
  }

  /** {"daily", "herald"} → "Daily Herald". */
  static String title(String[] words) {
    return capitalise(words[0]) + " " + capitalise(words[1]);
  }

  /** {"daily", "herald"} → "dailyherald". */
  static String joined(String[] words) {
    return words[0] + words[1];
  }

  private static String capitalise(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private static String pick(String[] words, SplittableRandom r) {
    return words[r.nextInt(words.length)];
  }
}
