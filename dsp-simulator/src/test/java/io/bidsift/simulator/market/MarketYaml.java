package io.bidsift.simulator.market;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Variants of the built-in market file for tests: load it as plain maps, change them, write YAML back. */
public final class MarketYaml {

  private MarketYaml() {
  }

  @SuppressWarnings("unchecked")
  public static String edit(Consumer<Map<String, Object>> change) {
    Map<String, Object> root = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
        .load(MarketLoader.defaultYaml());
    change.accept(root);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(root);
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> dsp(Map<String, Object> root, int index) {
    return ((List<Map<String, Object>>) root.get("dsps")).get(index);
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }
}
