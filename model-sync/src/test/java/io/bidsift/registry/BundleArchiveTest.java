package io.bidsift.registry;

import static io.bidsift.registry.BundleFixture.bundle;
import static io.bidsift.registry.ModelRegistryContract.contents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tarball format, checked against the system's GNU tar as the independent reader and writer. */
class BundleArchiveTest {

  @TempDir
  Path temp;

  @Test
  void packedBundleIsReadByTarAndUnpacksToTheSameFiles() throws Exception {
    String longest = "d".repeat(96) + ".bin"; // 100 bytes: fills the ustar name field, with no NUL after it
    ModelBundle bundle = ModelBundle.verify(bundle("v1").file(longest, "long").writeTo(temp.resolve("b")));
    Path tarGz = temp.resolve("bundle.tar.gz");

    BundleArchive.pack(bundle, tarGz);

    assertThat(tar("-tzf", tarGz.toString()))
        .containsExactly("manifest.json", "model.json", "encodings.json", "canary.jsonl", longest);
    Path byTar = Files.createDirectories(temp.resolve("by-tar"));
    tar("-xzf", tarGz.toString(), "-C", byTar.toString());
    assertThat(contents(byTar)).isEqualTo(contents(bundle.dir()));
    Path byUs = Files.createDirectories(temp.resolve("by-us"));
    BundleArchive.unpack(tarGz, byUs, "test");
    assertThat(contents(byUs)).isEqualTo(contents(bundle.dir()));
  }

  @Test
  void sameBundleAlwaysPacksToTheSameBytes() throws Exception {
    ModelBundle bundle = ModelBundle.verify(bundle("v1").writeTo(temp.resolve("b")));
    BundleArchive.pack(bundle, temp.resolve("1.tar.gz"));
    Files.setLastModifiedTime(bundle.dir().resolve("model.json"), java.nio.file.attribute.FileTime.fromMillis(0));
    BundleArchive.pack(bundle, temp.resolve("2.tar.gz"));

    assertThat(Files.readAllBytes(temp.resolve("1.tar.gz"))).isEqualTo(Files.readAllBytes(temp.resolve("2.tar.gz")));
  }

  @Test
  void archiveWrittenByGnuTarWithDirectoryEntriesUnpacks() throws Exception {
    Path dir = bundle("v1").writeTo(temp.resolve("b"));
    Path tarGz = temp.resolve("gnu.tar.gz");
    tar("-czf", tarGz.toString(), "-C", dir.toString(), "."); // entries "./" (a directory) and "./model.json", ...
    assertThat(tar("-tzf", tarGz.toString())).contains("./");
    Path out = Files.createDirectories(temp.resolve("out"));

    BundleArchive.unpack(tarGz, out, "test");

    assertThat(ModelBundle.verify(out).version()).isEqualTo("v1");
    assertThat(contents(out)).isEqualTo(contents(dir));
  }

  @Test
  void entryLeavingTheTargetIsRefused() throws Exception {
    Path work = Files.createDirectories(temp.resolve("work"));
    Files.writeString(temp.resolve("evil"), "overwrite me");
    Path tarGz = temp.resolve("evil.tar.gz");
    tar("-czPf", tarGz.toString(), "-C", work.toString(), "../evil");
    Path out = Files.createDirectories(temp.resolve("out/target"));

    assertThatThrownBy(() -> BundleArchive.unpack(tarGz, out, "s3://b/k"))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessage("s3://b/k: tar entry '../evil' points outside the bundle");
    assertThat(temp.resolve("out/evil")).doesNotExist();
  }

  @Test
  void symbolicLinkEntryIsRefused() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("b"));
    Files.createSymbolicLink(dir.resolve("model.json"), Files.writeString(temp.resolve("secret"), "s"));
    Path tarGz = temp.resolve("link.tar.gz");
    tar("-czf", tarGz.toString(), "-C", dir.toString(), "model.json");

    assertThatThrownBy(() -> BundleArchive.unpack(tarGz, Files.createDirectories(temp.resolve("out")), "k"))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessage("k: tar entry 'model.json' has type '2'; a bundle holds only regular files");
  }

  @Test
  void notGzipAndTruncatedArchivesAreRefused() throws Exception {
    Path plain = Files.writeString(temp.resolve("plain.tar.gz"), "just text");
    assertThatThrownBy(() -> BundleArchive.unpack(plain, Files.createDirectories(temp.resolve("o1")), "k"))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageStartingWith("k: not a gzip archive");

    ModelBundle bundle = ModelBundle.verify(bundle("v1").writeTo(temp.resolve("b")));
    Path whole = temp.resolve("whole.tar.gz");
    BundleArchive.pack(bundle, whole);
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(temp.resolve("cut.tar.gz"), Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> BundleArchive.unpack(cut, Files.createDirectories(temp.resolve("o2")), "k"))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessage("k: truncated archive");
  }

  private static List<String> tar(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = "tar";
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("tar %s: %s", String.join(" ", args), output).isZero();
    return output.lines().toList();
  }
}
