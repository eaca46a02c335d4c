package io.bidsift.training.report;

import java.util.Locale;
import java.util.Map;

/** An inline SVG horizontal bar chart of shares (feature importance). */
final class BarChart {

  private BarChart() {
  }

  static String render(String title, Map<String, Double> shares, int width) {
    int labelWidth = 210;
    int row = 18;
    int top = 26;
    int height = top + row * shares.size() + 8;
    double max = 0;
    for (double v : shares.values()) {
      max = Math.max(max, v);
    }
    StringBuilder s = new StringBuilder(2048);
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", width, height, width, height, Html.esc(title)));
    s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"16\" class=\"ct\">%s</text>", Html.esc(title)));
    int y = top;
    double barSpace = width - labelWidth - 70;
    for (Map.Entry<String, Double> e : shares.entrySet()) {
      double w = max > 0 ? e.getValue() / max * barSpace : 0;
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"tk\" text-anchor=\"end\">%s</text>",
          labelWidth - 6, y + 12, Html.esc(e.getKey())));
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" class=\"bar\"/>",
          labelWidth, y + 2, w, row - 5));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tk\">%s</text>", labelWidth + w + 4,
          y + 12, Html.pct(e.getValue())));
      y += row;
    }
    s.append("</svg>");
    return s.toString();
  }
}
