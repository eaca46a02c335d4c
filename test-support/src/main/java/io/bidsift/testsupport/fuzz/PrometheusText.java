package io.bidsift.testsupport.fuzz;

/** Reads a counter out of a Prometheus text exposition ({@code /actuator/prometheus}). */
public final class PrometheusText {

  private PrometheusText() {
  }

  /**
   * The sum of every series of {@code metric} whose labels contain {@code labels} (e.g.
   * {@code reason="error"}; empty for all); 0 when there is none.
   */
  public static double sum(String exposition, String metric, String labels) {
    double total = 0;
    for (String line : exposition.split("\n")) {
      if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
        int valueAt = line.lastIndexOf(' ');
        if (line.substring(0, valueAt).contains(labels)) {
          total += Double.parseDouble(line.substring(valueAt + 1));
        }
      }
    }
    return total;
  }
}
