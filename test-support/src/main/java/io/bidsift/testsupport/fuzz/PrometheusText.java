package io.bidsift.testsupport.fuzz;

import java.util.Arrays;

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

  /**
   * @param labels {@code key="value"} pairs the sample must carry (others may be there too)
   * @return the value of the first sample of {@code name} with those labels
   * @throws AssertionError when there is none
   */
  public static double value(String page, String name, String... labels) {
    for (String line : page.split("\n")) {
      if (line.startsWith(name + "{") && Arrays.stream(labels).allMatch(line::contains)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no sample " + name + Arrays.toString(labels) + " on the page");
  }
}
