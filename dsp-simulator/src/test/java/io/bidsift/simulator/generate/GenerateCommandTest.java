package io.bidsift.simulator.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import io.bidsift.json.JsonArray;
import io.bidsift.json.JsonLimits;
import io.bidsift.json.JsonNumber;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonSupport;
import io.bidsift.json.JsonValue;
import io.bidsift.simulator.market.MarketYaml;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of contracts.md §2: exit codes, one-line reasons, the manifest, reproducible output. */
class GenerateCommandTest {

  @TempDir
  Path tmp;

  private record Run(int exit, String out, String err) {
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = GenerateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpDescribesEveryOption() {
    Run r = run("--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("--out", "--days", "--auctions-per-day", "--seed", "--market", "--start-date", "--threads");
  }

  @Test
  void missingOutIsAUsageErrorOnOneLine() {
    Run r = run("--days", "1");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").startsWith("bidsift generate: Missing required option: '--out=DIR'");
  }

  @Test
  void nonNumericOrOutOfRangeArgumentsAreUsageErrors() {
    assertThat(run("--out", tmp.resolve("x").toString(), "--days", "many").exit()).isEqualTo(2);
    Run zero = run("--out", tmp.resolve("y").toString(), "--auctions-per-day", "0");
    assertThat(zero.exit()).isEqualTo(2);
    assertThat(zero.err()).contains("--auctions-per-day must be at least 1");
  }

  @Test
  void outputThatIsAFileFailsWithAOneLineReason() throws IOException {
    Path file = Files.writeString(tmp.resolve("taken"), "x");
    Run r = run("--out", file.toString(), "--days", "1", "--auctions-per-day", "10");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().strip()).doesNotContain("\n").isEqualTo("bidsift generate: --out " + file + " is a file, not a directory");
  }

  @Test
  void badMarketFileFailsNamingTheField() throws IOException {
    Path market = tmp.resolve("market.yaml");
    Files.writeString(market, MarketYaml.edit(root -> MarketYaml.dsp(root, 1).put("timeout_rate", "often")));
    Run r = run("--out", tmp.resolve("out").toString(), "--market", market.toString(), "--days", "1");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().strip()).doesNotContain("\n")
        .isEqualTo("bidsift generate: market file " + market + ": dsps[1].timeout_rate must be a number, got \"often\"");
  }

  @Test
  void unreachableTargetBidRateNamesTheDsp() throws IOException {
    Path market = tmp.resolve("market.yaml");
    Files.writeString(market, MarketYaml.edit(root -> MarketYaml.dsp(root, 11).put("target_bid_rate", 0.5)));
    Run r = run("--out", tmp.resolve("out").toString(), "--market", market.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("bidsift generate: market file " + market + ": dsps[11].target_bid_rate 0.5 is out of reach");
  }

  @Test
  void generatesLogsAndAManifestAndTheSameSeedGivesTheSameDirectory() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Run first = run("--out", a.toString(), "--days", "2", "--auctions-per-day", "600", "--seed", "5", "--threads", "2");
    Run second = run("--out", b.toString(), "--days", "2", "--auctions-per-day", "600", "--seed", "5", "--threads", "1");

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(first.out()).contains("generated 1,200 auctions over 2 day(s)", "dsp-atlas", "manifest: ");
    assertThat(first.err()).contains("generate [", "100%");
    Map<String, byte[]> filesA = contents(a);
    Map<String, byte[]> filesB = contents(b);
    assertThat(filesA.keySet()).isEqualTo(filesB.keySet()).contains("manifest.json");
    filesA.forEach((name, bytes) -> assertThat(filesB.get(name)).as(name).isEqualTo(bytes));

    JsonObject manifest = readJson(a.resolve("manifest.json"));
    assertThat(number(manifest, "seed")).isEqualTo(5);
    assertThat(number(manifest, "days")).isEqualTo(2);
    assertThat(number(manifest, "auctions")).isEqualTo(1_200);
    assertThat(manifest.string("start_date")).isEqualTo(GenerateCommand.DEFAULT_START_DATE);
    assertThat(manifest.string("generator_version")).isNotBlank().isNotEqualTo("unknown");
    assertThat(manifest.object("market").string("source")).isEqualTo("built-in");
    JsonArray dsps = (JsonArray) manifest.get("dsps");
    assertThat(dsps.elements()).hasSize(13);
    for (JsonValue d : dsps.elements()) {
      JsonObject dsp = (JsonObject) d;
      assertThat(number(dsp, "callouts")).isEqualTo(1_200);
      assertThat(number(dsp, "bids") + number(dsp, "no_bids") + number(dsp, "timeouts") + number(dsp, "errors"))
          .isEqualTo(1_200);
    }
    Set<String> listed = new HashSet<>();
    for (JsonValue f : ((JsonArray) manifest.get("files")).elements()) {
      JsonObject file = (JsonObject) f;
      listed.add(file.string("path"));
      assertThat(number(file, "bytes")).isEqualTo(Files.size(a.resolve(file.string("path"))));
    }
    Set<String> onDisk = new HashSet<>(filesA.keySet());
    onDisk.remove("manifest.json");
    assertThat(listed).isEqualTo(onDisk);
  }

  private static JsonObject readJson(Path file) throws IOException {
    try (JsonParser p = new JsonSupport(JsonLimits.REQUEST).factory().createParser(Files.readAllBytes(file))) {
      p.nextToken();
      return (JsonObject) JsonSupport.readTree(p);
    }
  }

  private static long number(JsonObject o, String field) {
    return Long.parseLong(((JsonNumber) o.get(field)).text());
  }

  private static Map<String, byte[]> contents(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path p : tree.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return out;
  }
}
