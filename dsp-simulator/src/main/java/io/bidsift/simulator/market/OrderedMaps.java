package io.bidsift.simulator.market;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Immutable copies that keep the market file's order. Weighted choices iterate these maps, and
 * {@code Map.copyOf}'s iteration order changes from one JVM run to the next: output would no
 * longer be reproducible for a seed.
 */
final class OrderedMaps {

  private OrderedMaps() {
  }

  static <K, V> Map<K, V> copy(Map<K, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
