package io.bidsift.filter.http;

import io.bidsift.bundle.BundleFiles;
import io.bidsift.filter.Fixtures;
import io.bidsift.modelsync.LocalModelHome;
import java.util.Map;

/** Hot reload from a models home, the way {@code ./bidsift promote --target local:DIR} publishes. */
class LocalHotReloadUnderLoadTest extends HotReloadUnderLoadContract {

  private LocalModelHome home;

  @Override
  Map<String, Object> sourceProperties() {
    home = new LocalModelHome(tmp.resolve("models"));
    return Map.of("bidsift.model.source", "local:" + home.root());
  }

  @Override
  void publish(String version, boolean corrupt) throws Exception {
    home.install(version, staging -> {
      Fixtures.bundleWithVersion(staging, version);
      if (corrupt) {
        // Changed after sealing: the sha256 in the manifest no longer matches.
        Fixtures.edit(staging.resolve(BundleFiles.ENCODINGS), s -> s + " ");
      }
    });
    home.activate(version);
  }
}
