package io.bidsift.auction;

import java.util.Arrays;

/** Reads one sample out of a {@code /actuator/prometheus} page. */
final class PrometheusText {

  private PrometheusText() {
  }

  /**
   * @param labels {@code key="value"} pairs the sample must carry (others may be there too)
   * @return the value of the first sample of {@code name} with those labels
   */
  static double value(String page, String name, String... labels) {
    for (String line : page.split("\n")) {
      if (line.startsWith(name + "{") && Arrays.stream(labels).allMatch(line::contains)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no sample " + name + Arrays.toString(labels) + " on the page");
  }
}
