package io.bidsift.training.preprocess;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver's Hadoop configuration, shipped to the executors with the tasks ({@link Configuration}
 * is not serialisable), so that they open files with the same settings (s3a credentials and
 * endpoints set through {@code spark.hadoop.*}, for instance).
 */
final class HadoopConf implements Serializable {

  private static final long serialVersionUID = 1L;

  private final HashMap<String, String> entries = new HashMap<>();
  private transient Configuration configuration;

  HadoopConf(Configuration conf) {
    for (Map.Entry<String, String> e : conf) {
      entries.put(e.getKey(), e.getValue());
    }
  }

  Configuration get() {
    if (configuration == null) {
      Configuration c = new Configuration(false);
      entries.forEach(c::set);
      configuration = c;
    }
    return configuration;
  }
}
