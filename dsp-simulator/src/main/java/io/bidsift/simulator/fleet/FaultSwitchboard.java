package io.bidsift.simulator.fleet;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The current fault mode of every DSP of the fleet; switchable at runtime from any thread. */
public final class FaultSwitchboard {

  private final Map<String, FaultMode> modes = new ConcurrentHashMap<>();

  public FaultSwitchboard(Set<String> dspIds, Map<String, FaultMode> initial) {
    for (String id : dspIds) {
      modes.put(id, FaultMode.NONE);
    }
    initial.forEach(this::set);
  }

  public boolean knows(String dspId) {
    return modes.containsKey(dspId);
  }

  public FaultMode get(String dspId) {
    return modes.get(dspId);
  }

  /** Switches a DSP's mode; unknown DSPs are refused rather than silently added. */
  public void set(String dspId, FaultMode mode) {
    if (!knows(dspId)) {
      throw new IllegalArgumentException("unknown DSP '" + dspId + "'");
    }
    modes.put(dspId, mode);
  }

  public Map<String, FaultMode> snapshot() {
    return new TreeMap<>(modes);
  }
}
