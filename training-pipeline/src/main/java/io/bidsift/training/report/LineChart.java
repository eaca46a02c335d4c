package io.bidsift.training.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** An inline SVG line chart: axes with round ticks, series as polylines, point markers, a legend. */
final class LineChart {

  private static final int LEFT = 52;
  private static final int RIGHT = 14;
  private static final int TOP = 28;
  private static final int BOTTOM = 40;

  private record Series(String name, String color, boolean dashed, List<double[]> points) {
  }

  private record Marker(String color, boolean hollow, double x, double y, String tooltip) {
  }

  private final int width;
  private final int height;
  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final double xMin;
  private final double xMax;
  private final double yMin;
  private final double yMax;
  private DoubleFunction<String> xTicks = v -> trim(v);
  private DoubleFunction<String> yTicks = v -> trim(v);
  private boolean legend;
  private boolean legendLeft;
  private String emptyNote;
  private boolean diagonal;
  private final List<Series> series = new ArrayList<>();
  private final List<Marker> markers = new ArrayList<>();
  private final List<double[]> verticals = new ArrayList<>();

  private final String id;

  /** @param id unique within the page: names the chart's clip path */
  LineChart(String id, int width, int height, String title, String xLabel, String yLabel, double xMin, double xMax, double yMin,
            double yMax) {
    this.id = id;
    this.width = width;
    this.height = height;
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.xMin = xMin;
    this.xMax = xMax > xMin ? xMax : xMin + 1;
    this.yMin = yMin;
    this.yMax = yMax > yMin ? yMax : yMin + 1;
  }

  LineChart percentAxes(boolean x, boolean y) {
    if (x) {
      xTicks = v -> trim(100 * v) + "%";
    }
    if (y) {
      yTicks = v -> trim(100 * v) + "%";
    }
    return this;
  }

  LineChart legend() {
    legend = true;
    return this;
  }

  /** The legend in the top-left corner instead of the top-right. */
  LineChart legendLeft() {
    legend = true;
    legendLeft = true;
    return this;
  }

  /** Text shown in the plot area when no series has a point. */
  LineChart emptyNote(String note) {
    emptyNote = note;
    return this;
  }

  /** The y = x line, for calibration. */
  LineChart diagonal() {
    diagonal = true;
    return this;
  }

  LineChart series(String name, String color, boolean dashed, List<double[]> points) {
    series.add(new Series(name, color, dashed, points));
    return this;
  }

  LineChart marker(String color, boolean hollow, double x, double y, String tooltip) {
    if (Double.isFinite(x) && Double.isFinite(y)) {
      markers.add(new Marker(color, hollow, x, y, tooltip));
    }
    return this;
  }

  LineChart vertical(double x) {
    verticals.add(new double[] {x});
    return this;
  }

  private double px(double x) {
    return LEFT + (x - xMin) / (xMax - xMin) * (width - LEFT - RIGHT);
  }

  private double py(double y) {
    return height - BOTTOM - (y - yMin) / (yMax - yMin) * (height - TOP - BOTTOM);
  }

  String render() {
    StringBuilder s = new StringBuilder(4096);
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", width, height, width, height, Html.esc(title)));
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" class=\"ct\">%s</text>", LEFT, Html.esc(title)));
    s.append("<defs><clipPath id=\"").append(id).append("\">")
        .append(rect(LEFT, TOP, width - LEFT - RIGHT, height - TOP - BOTTOM)).append("</clipPath></defs>");
    for (double t : ticks(xMin, xMax)) {
      double x = px(t);
      s.append(line(x, TOP, x, height - BOTTOM, "grid"));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tk\" text-anchor=\"middle\">%s</text>", x,
          height - BOTTOM + 14, Html.esc(xTicks.apply(t))));
    }
    for (double t : ticks(yMin, yMax)) {
      double y = py(t);
      s.append(line(LEFT, y, width - RIGHT, y, "grid"));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"tk\" text-anchor=\"end\">%s</text>",
          LEFT - 4, y + 3.5, Html.esc(yTicks.apply(t))));
    }
    s.append(line(LEFT, height - BOTTOM, width - RIGHT, height - BOTTOM, "axis"));
    s.append(line(LEFT, TOP, LEFT, height - BOTTOM, "axis"));
    s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"al\" text-anchor=\"middle\">%s</text>",
        (LEFT + width - RIGHT) / 2.0, height - 6, Html.esc(xLabel)));
    s.append(String.format(Locale.ROOT, "<text transform=\"translate(12 %.1f) rotate(-90)\" class=\"al\" "
        + "text-anchor=\"middle\">%s</text>", (TOP + height - BOTTOM) / 2.0, Html.esc(yLabel)));
    s.append("<g clip-path=\"url(#").append(id).append(")\">");
    if (diagonal) {
      double lo = Math.max(xMin, yMin);
      double hi = Math.min(xMax, yMax);
      s.append(line(px(lo), py(lo), px(hi), py(hi), "diag"));
    }
    for (double[] v : verticals) {
      s.append(line(px(v[0]), TOP, px(v[0]), height - BOTTOM, "vmark"));
    }
    for (Series ser : series) {
      if (ser.points().isEmpty()) {
        continue;
      }
      StringBuilder pts = new StringBuilder();
      for (double[] p : ser.points()) {
        if (Double.isFinite(p[0]) && Double.isFinite(p[1])) {
          pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(p[0]), py(p[1])));
        }
      }
      s.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>",
          ser.color(), ser.dashed() ? " stroke-dasharray=\"6 4\"" : "", pts.toString().trim()));
    }
    for (Marker m : markers) {
      s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\" stroke=\"%s\" "
              + "stroke-width=\"2\"><title>%s</title></circle>", px(m.x()), py(m.y()), m.hollow() ? "white" : m.color(),
          m.color(), Html.esc(m.tooltip())));
    }
    s.append("</g>");
    boolean empty = series.stream().allMatch(ser -> ser.points().isEmpty());
    if (empty && emptyNote != null) {
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"al\" text-anchor=\"middle\">%s</text>",
          (LEFT + width - RIGHT) / 2.0, (TOP + height - BOTTOM) / 2.0, Html.esc(emptyNote)));
    }
    if (legend) {
      double y = TOP + 8;
      for (Series ser : series) {
        double x = legendLeft ? LEFT + 10 : width - RIGHT - 150;
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                + "stroke-width=\"2\"%s/>", x, y, x + 22, y, ser.color(),
            ser.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"lg\">%s</text>", x + 28, y + 4,
            Html.esc(ser.name())));
        y += 16;
      }
    }
    s.append("</svg>");
    return s.toString();
  }

  private static String line(double x1, double y1, double x2, double y2, String cls) {
    return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"%s\"/>", x1, y1, x2,
        y2, cls);
  }

  private static String rect(double x, double y, double w, double h) {
    return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>", x, y, w, h);
  }

  /** About five round ticks (1, 2, 2.5 or 5 × 10^k apart) within [lo, hi], as exact decimals. */
  static List<Double> ticks(double lo, double hi) {
    double raw = (hi - lo) / 5;
    int exponent = (int) Math.floor(Math.log10(raw));
    BigDecimal step = BigDecimal.TEN.scaleByPowerOfTen(exponent);
    for (String m : new String[] {"1", "2", "2.5", "5", "10"}) {
      BigDecimal candidate = new BigDecimal(m).scaleByPowerOfTen(exponent);
      if (candidate.doubleValue() >= raw) {
        step = candidate;
        break;
      }
    }
    double s = step.doubleValue();
    long first = (long) Math.ceil(lo / s - 1e-9);
    long last = (long) Math.floor(hi / s + 1e-9);
    List<Double> out = new ArrayList<>();
    for (long k = first; k <= last; k++) {
      out.add(step.multiply(BigDecimal.valueOf(k)).doubleValue());
    }
    return out;
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.3f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
