package io.bidsift.training.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileLinesTest {

  private static final int MAX_LINE = 200_000;

  @TempDir
  Path dir;

  /** Every line as text, and every problem as "!line: reason". */
  private static List<String> read(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    try (LogFileLines lines = LogFileLines.open(file.toUri().toString(), new Configuration(), MAX_LINE)) {
      while (lines.next()) {
        String where = lines.where().substring(lines.where().lastIndexOf(':') + 1);
        out.add(lines.problem() != null ? "!" + where + ": " + lines.problem()
            : where + " " + new String(lines.bytes(), lines.offset(), lines.length(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Test
  void plainFileGivesItsNonBlankLinesWithTheirNumbers() throws IOException {
    Path file = dir.resolve("a.jsonl");
    Files.writeString(file, "one\r\n\n  \ntwo\nthree");

    assertThat(read(file)).containsExactly("1 one", "4 two", "5 three");
  }

  @Test
  void gzipIsRecognisedByItsContentAndLinesSpanBufferRefills() throws IOException {
    String longLine = "x".repeat(150_000);
    Path file = dir.resolve("a.jsonl.gz");
    gzip(file, ("first\n" + longLine + "\nlast\n").getBytes(StandardCharsets.UTF_8));

    assertThat(read(file)).containsExactly("1 first", "2 " + longLine, "3 last");
  }

  @Test
  void overlongLineIsOneProblemAndReadingGoesOn() throws IOException {
    Path file = dir.resolve("a.jsonl");
    Files.writeString(file, "before\n" + "y".repeat(3 * MAX_LINE) + "\nafter\n");

    assertThat(read(file)).containsExactly("1 before", "!2: line is longer than " + MAX_LINE + " bytes", "3 after");
  }

  @Test
  void truncatedGzipGivesTheCompleteLinesThenOneProblem() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append("line-").append(i).append(' ').append(Integer.toHexString(i * 7919)).append('\n');
    }
    Path whole = dir.resolve("whole.gz");
    gzip(whole, text.toString().getBytes(StandardCharsets.UTF_8));
    byte[] gz = Files.readAllBytes(whole);
    Path file = dir.resolve("cut.jsonl.gz");
    Files.write(file, Arrays.copyOf(gz, gz.length / 2));

    List<String> lines = read(file);

    String last = lines.get(lines.size() - 1);
    assertThat(last).startsWith("!" + (lines.size()) + ": the rest of the file is unreadable");
    assertThat(lines.size()).isGreaterThan(1000).isLessThan(20_000);
    for (int i = 0; i < lines.size() - 1; i++) {
      assertThat(lines.get(i)).isEqualTo((i + 1) + " line-" + i + " " + Integer.toHexString(i * 7919));
    }
  }

  private static void gzip(Path file, byte[] content) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content);
    }
  }
}
