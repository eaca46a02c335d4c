package io.bidsift.training.report;

import java.util.Locale;

/** Escaping and number formatting for the report. */
final class Html {

  private Html() {
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A share as a percentage with one decimal, "–" when undefined. */
  static String pct(double share) {
    return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f%%", 100 * share) : "–";
  }

  /** Percentage points with a sign. */
  static String pp(double points) {
    return Double.isFinite(points) ? String.format(Locale.ROOT, "%+.1f pp", points) : "–";
  }

  static String num(double v, int decimals) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "–";
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A score threshold: 4 significant digits. */
  static String threshold(Double t) {
    return t == null ? "always call" : String.format(Locale.ROOT, "%.4g", t);
  }
}
